"""Parser abuse: each attack makes `helptree check` fail fast with a located error, in
bounded memory. Every case runs the command's ``main`` in a process of its own whose peak
memory must stay under a generous bound; the timeout is generous too: these tests prove
"finishes, and small", not a speed.

The processes are forked from a fork server that has imported the CLI (``checking``), so
a case pays for its own work and not for Python starting and importing helptree again
(about 0.25 s of CPU each, 28 cases: this file went from 18 to 12 CPU seconds). Peak
memory is the same measure: a forked child starts from the server's high-water mark, what
a new process reaches once it has imported the CLI (32 MB; each case's peak came out 4 MB
under what it was as a new process running the console script).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostilekit import check_and_report_peak
from treekit import BASE

MAX_RSS_MB = 300
TIMEOUT = 180
HEADLINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: .*\[(?P<code>HT\d{3})\]$")
checking = multiprocessing.get_context("forkserver")
# An installed package: Python 3.11's fork server does not take this process's sys.path (it
# drops an import it cannot do, silently), so tests/ modules are imported by each child.
checking.set_forkserver_preload(["generator.cli.main"])


@dataclass(frozen=True)
class Run:
    code: int
    stderr: str
    peak_mb: float

    def errors(self) -> list[re.Match[str]]:
        return [m for m in map(HEADLINE.match, self.stderr.splitlines()) if m]


def run_check(tree: Path, *args: str, timeout: float = TIMEOUT) -> Run:
    """`helptree check --tree TREE` in a process of its own, with its peak memory."""
    handle, stderr = tempfile.mkstemp(suffix=".stderr")
    os.close(handle)
    try:
        process = checking.Process(target=check_and_report_peak, args=(["--tree", str(tree), *args], stderr))
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            pytest.fail(f"helptree check still checking after {timeout} s")
        text = Path(stderr).read_text(encoding="utf-8", errors="replace")
    finally:
        os.unlink(stderr)
    peak = re.search(r"^PEAK-KB (\d+)$", text, re.MULTILINE)
    assert peak, text[-2000:]
    return Run(process.exitcode, text, int(peak.group(1)) / 1024)


def _project(root: Path, tree: str | bytes) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    path = root / "decision_tree.yaml"
    path.write_bytes(tree.encode("utf-8") if isinstance(tree, str) else tree)
    return path


def _many_nodes(count: int) -> str:
    lines = ["version: 1", "title: Many", "start: n0", "nodes:"]
    lines += [f"  n{i}: {{outcome: o, body: b}}" for i in range(count)]
    return "\n".join(lines) + "\n"


def _values_limit() -> str:
    return "".join(f"k{i}: v\n" for i in range(700_000))[:4_990_000]


def _chain(count: int) -> str:
    """Questions in a line, each with a way out: ``count`` questions on the longest path."""
    lines = ["version: 1", "title: Deep", "start: q0", "nodes:"]
    for i in range(count):
        following = f"q{i + 1}" if i + 1 < count else "end"
        lines += [f"  q{i}:", "    question: Next?", "    answers:",
                  f"      - label: On\n        next: {following}",
                  "      - label: Out\n        next: end"]
    lines += ["  end:", "    outcome: The end", "    body: Done."]
    return "\n".join(lines) + "\n"


def _cycle(count: int) -> str:
    lines = ["version: 1", "title: Round", "start: q0", "nodes:"]
    for i in range(count):
        lines += [f"  q{i}:", "    question: Next?", "    answers:",
                  f"      - label: On\n        next: q{(i + 1) % count}",
                  "      - label: Out\n        next: end"]
    lines += ["  end:", "    outcome: The end", "    body: Done."]
    return "\n".join(lines) + "\n"


def _wide(count: int) -> str:
    lines = ["version: 1", "title: Wide", "start: q", "nodes:", "  q:", "    question: Which?",
             "    answers:"]
    lines += [f"      - label: Choice {i}\n        next: o{i}" for i in range(count)]
    lines += [f"  o{i}: {{outcome: Outcome {i}, body: Do it.}}" for i in range(count)]
    return "\n".join(lines) + "\n"


ATTACKS: dict[str, tuple[Callable[[], str | bytes], str | None]] = {
    "billion laughs (alias bomb)": (lambda: "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
        for i in range(8)), "HT008"),
    "merge key alias": (lambda: "base: &b {question: Q}\nnodes:\n  x:\n    <<: *b\n", "HT008"),
    "nested flow lists, 100,000 deep": (lambda: "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                        "HT006"),
    "nested mappings, 200 deep": (lambda: "".join("  " * i + f"k{i}:\n" for i in range(200)) +
                                  "  " * 200 + "v\n", "HT009"),
    "one 4.9 MB scalar": (lambda: 'title: "' + "a" * 4_900_000 + '"\n', "HT002"),
    "a million nodes (30 MB)": (lambda: _many_nodes(1_000_000), "HT002"),
    "500,000 values under 5 MB": (_values_limit, "HT002"),
    "25,000 nodes under 5 MB": (lambda: _many_nodes(25_000), "HT108"),
    "binary file (PNG)": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 100,
                          "HT003"),
    "Latin-1 file": (lambda: "title: caf\xe9\n".encode("latin-1"), "HT003"),
    "UTF-16 file": (lambda: BASE.encode("utf-16"), "HT003"),
    "python object tag": (lambda: "title: !!python/object/apply:os.system [echo hi]\n", "HT012"),
    "5,000 questions in a line": (lambda: _chain(5_000), "HT211"),
    "a cycle through 10,000 questions": (lambda: _cycle(10_000), "HT206"),
    "one question with 10,000 answers (valid)": (lambda: _wide(10_000), None),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_parser_abuse_fails_fast_located_and_small(tmp_path: Path, attack: str) -> None:
    build, code = ATTACKS[attack]
    tree = _project(tmp_path, build())
    run = run_check(tree)
    print(f"{attack}: exit {run.code}, peak {run.peak_mb:.0f} MB")  # shown with pytest -s
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    assert run.peak_mb < MAX_RSS_MB, f"{attack}: {run.peak_mb:.0f} MB"
    errors = run.errors()
    assert run.code == (0 if code is None else 1), run.stderr[-2000:]
    assert code is None or any(m["code"] == code for m in errors), run.stderr[-2000:]
    lines = tree.read_bytes().count(b"\n") + 1
    for match in errors:
        assert match["file"] == str(tree)
        assert 1 <= int(match["line"]) <= lines


def test_named_pipe_as_the_tree_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "decision_tree.yaml"
    os.mkfifo(pipe)
    run = run_check(pipe)
    assert run.code == 1
    assert [m["code"] for m in run.errors()] == ["HT001"]


def test_content_symlinks_out_and_pipes_are_located_errors(tmp_path: Path) -> None:
    tree = _project(tmp_path, BASE)
    secret = tmp_path / "secret.txt"
    secret.write_text("password\n")
    (tmp_path / "content" / "leak.txt").symlink_to(secret)
    (tmp_path / "content" / "root").symlink_to("/", target_is_directory=True)
    (tmp_path / "content" / "loop").symlink_to(tmp_path / "content", target_is_directory=True)
    os.mkfifo(tmp_path / "content" / "pipe.md")
    run = run_check(tree)
    assert run.code == 1
    found = sorted(Path(m["file"]).name for m in run.errors() if m["code"] == "HT406")
    assert found == ["leak.txt", "loop", "pipe.md", "root"]


@pytest.mark.parametrize(("article", "why"), [
    ("../secret.md", "may not use `..`"),
    ("guides/../../secret.md", "may not use `..`"),
    ("/etc/passwd.md", "must be a relative path"),
    ("C:/Windows/x.md", "must be a relative path"),
    ("guides\\\\x.md", "must be a relative path"),
    ("x\\0.md", "not a usable file name"),
    ("a/" * 3000 + "x.md", "not a usable file name"),
    ("link.md", "outside content/"),
])
def test_article_paths_out_of_content_are_ht209_at_the_value(tmp_path: Path, article: str,
                                                             why: str) -> None:
    tree = _project(tmp_path, BASE.replace("body: You went left.",
                                           f'article: "{article}"'))
    (tmp_path / "secret.md").write_text("# Secret\n")
    (tmp_path / "content" / "link.md").symlink_to(tmp_path / "secret.md")
    run = run_check(tree)
    assert run.code == 1
    located = [m for m in run.errors() if m["code"] == "HT209" and why in m.group(0)]
    assert [(m["line"], m["column"]) for m in located[:1]] == [("14", "14")], run.stderr


def test_heading_with_a_long_run_of_spaces_is_read_in_linear_time(tmp_path: Path) -> None:
    tree = _project(tmp_path, BASE)
    (tmp_path / "content" / "a.md").write_text("# a" + " " * 500_000 + "b\n\nText.\n")
    run = run_check(tree)
    assert run.code == 0, run.stderr


def test_unclosed_placeholders_are_read_in_linear_time(tmp_path: Path) -> None:
    tree = _project(tmp_path, BASE)
    (tmp_path / "content" / "a.md").write_text("# A\n\n" + "{{" * 400_000 + "\n")
    assert run_check(tree, timeout=5).code == 1


def test_plain_language_check_reads_brackets_in_linear_time(tmp_path: Path) -> None:
    tree = _project(tmp_path, BASE)
    (tmp_path / "content" / "a.md").write_text("# A\n\nWords " + "[" * 100_000 + ".\n\n" +
                                               "<\t" * 50_000 + ".\n")
    assert run_check(tree, "--max-grade", "20", timeout=5).code in (0, 1)
