"""Every bad tree in tests/corpus/bad/ fails `helptree check` the way its first line says.

Each file starts with ``# expect: LINE:COL CODE message fragment``; files that cannot hold
a comment (empty, binary, not UTF-8) have it in ``NAME.expect`` beside them instead.

Every tree is checked in-process through ``generator.cli.main.main`` (stdout and stderr
captured), as the console script runs it; a few (PROCESS_SAMPLE) are also run as the real
`helptree` process, for the exit code and the absence of a traceback end to end.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main

BAD = Path(__file__).parent / "corpus" / "bad"
HELPTREE = Path(sys.executable).with_name("helptree")
EXPECT = re.compile(r"^(?:# expect: )?(?P<line>\d+):(?P<col>\d+) (?P<code>HT\d{3}) (?P<fragment>.+)$")
HEADLINE = re.compile(r"^.+?:\d+:\d+: (?:error|warning): .+ \[HT\d{3}\]$")


def expectation(tree: Path) -> re.Match[str]:
    sidecar = tree.with_name(tree.name + ".expect")
    first = (sidecar.read_text(encoding="utf-8") if sidecar.exists()
             else tree.read_text(encoding="utf-8")).splitlines()[0]
    found = EXPECT.match(first)
    assert found, f"{tree.name}: first line must be `# expect: LINE:COL CODE message`"
    return found


TREES = sorted(BAD.glob("*.yaml"))


def test_the_corpus_covers_at_least_25_kinds_of_mistake() -> None:
    assert len(TREES) >= 25
    codes = {expectation(tree)["code"] for tree in TREES}
    assert len(codes) >= 25


# Run as real processes too: the first tree, a binary one and one that is not UTF-8 text.
PROCESS_SAMPLE = [TREES[0], *(t for t in TREES if t.with_name(t.name + ".expect").exists())][:3]


def check_in_process(name: str, monkeypatch: pytest.MonkeyPatch) -> subprocess.CompletedProcess[str]:
    """`helptree check --tree NAME` run from tests/ through the CLI's main()."""
    monkeypatch.chdir(BAD.parent.parent)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["check", "--tree", name])
        except SystemExit as exit_:  # what the console script would turn into an exit code
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(["helptree", "check", "--tree", name], code,
                                       out.getvalue(), err.getvalue())


def check_in_a_process(name: str) -> subprocess.CompletedProcess[str]:
    """The same, as the real `helptree` command."""
    return subprocess.run([str(HELPTREE), "check", "--tree", name], capture_output=True,
                          text=True, cwd=BAD.parent.parent, timeout=60, check=False)


@pytest.mark.parametrize("tree", TREES, ids=[tree.stem for tree in TREES])
def test_bad_tree_fails_with_its_located_error(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expect_located_error(tree, check_in_process(f"corpus/bad/{tree.name}", monkeypatch))


@pytest.mark.parametrize("tree", PROCESS_SAMPLE, ids=[tree.stem for tree in PROCESS_SAMPLE])
def test_bad_tree_fails_the_same_way_as_a_real_process(tree: Path) -> None:
    expect_located_error(tree, check_in_a_process(f"corpus/bad/{tree.name}"))


def expect_located_error(tree: Path, result: subprocess.CompletedProcess[str]) -> None:
    expect = expectation(tree)
    name = f"corpus/bad/{tree.name}"
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{name}: failed"
    assert all(HEADLINE.match(line) for line in lines[:-1]), result.stderr
    prefix = f"{name}:{expect['line']}:{expect['col']}: error: "
    matching = [line for line in lines if line.startswith(prefix)]
    assert matching, f"no error at {expect['line']}:{expect['col']}:\n{result.stderr}"
    assert any(line.endswith(f"[{expect['code']}]") and expect["fragment"] in line
               for line in matching), f"expected {expect['code']} {expect['fragment']!r}:\n" \
                                      f"{result.stderr}"
