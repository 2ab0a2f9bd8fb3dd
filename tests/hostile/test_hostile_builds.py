"""Nothing lost: a failing build leaves the last good site byte-for-byte as it was.

`helptree build` renders into a temporary folder and swaps it in only on success, so a bad
tree, a bad article, a strict-mode warning or a SIGKILL half-way all leave site/ intact.
Plain `mkdocs build` empties site/ before it renders, so the plugin stops a bad tree or
article earlier, in `on_config`.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostilekit import ENV, copy_small, snapshot, wide_tree

from generator.cli.main import main
from generator.write.build import STALE_PREFIX, safe_build

pytestmark = pytest.mark.slow

BREAKAGES = {
    "tree with a dangling answer": ("HT202", "decision_tree.yaml", "next: forgot", "next: forgotten"),
    "tree that is not YAML": ("HT006", "decision_tree.yaml", "nodes:", "nodes: [\n"),
    "article with a script": ("HT215", "content/guides/reset.md", "", "\n<script>alert(1)</script>\n"),
    "article with a javascript: link": ("HT212", "content/guides/reset.md", "",
                                        "\n[x](javascript:alert(1))\n"),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the small fixture with a good site/ built by `helptree build`, once."""
    config = copy_small(tmp_path_factory.mktemp("built-once") / "project")
    assert safe_build(config, strict=True).ok
    return config.parent


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the small fixture with a good site/ already built (a copy of one build:
    each test breaks its own project and site)."""
    project = tmp_path / "project"
    shutil.copytree(built_once, project, symlinks=True)
    return project / "mkdocs.yml"


def _break(config: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``file``; an empty ``old`` appends ``new``."""
    path = config.parent / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")


def _helptree(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_failed_helptree_build_leaves_the_site_byte_for_byte(built: Path, breakage: str) -> None:
    site = built.parent / "site"
    before = snapshot(site)
    code_expected, *change = BREAKAGES[breakage]
    _break(built, *change)
    code, err = _helptree("build", "--config", str(built))
    assert code == 1
    assert f"[{code_expected}]" in err
    assert "left as it was" in err
    assert snapshot(site) == before


def test_strict_mode_warning_leaves_the_site_byte_for_byte(built: Path) -> None:
    site = built.parent / "site"
    before = snapshot(site)
    _break(built, "content/guides/reset.md", "", "\nSee [the old page](gone.md).\n")
    code, err = _helptree("build", "--config", str(built), "--strict")
    assert code == 1, err
    assert "gone.md" in err
    assert snapshot(site) == before


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_plain_mkdocs_build_stops_before_it_empties_the_site(built: Path, breakage: str) -> None:
    site = built.parent / "site"
    before = snapshot(site)
    code_expected, *change = BREAKAGES[breakage]
    _break(built, *change)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(built)],
                         capture_output=True, text=True, env=ENV, timeout=300, check=False)
    assert run.returncode == 1, run.stderr
    assert f"[{code_expected}]" in run.stderr
    assert snapshot(site) == before


@pytest.mark.parametrize("site_dir", [".", "content", "content/inside", "..", "mkdocs.yml"])
def test_a_site_folder_that_would_swallow_the_project_is_refused(built: Path,
                                                                 site_dir: str) -> None:
    project = built.parent
    before = snapshot(project.parent)
    code, err = _helptree("build", "--config", str(built), "--site-dir", str(project / site_dir))
    assert code == 1
    assert f"{built}:1:1: error: the site folder" in err
    assert snapshot(project.parent) == before


def test_a_non_empty_folder_that_is_no_site_is_refused(built: Path) -> None:
    notes = built.parent / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me\n")
    code, err = _helptree("build", "--config", str(built), "--site-dir", str(notes))
    assert code == 1
    assert "holds no built site" in err
    assert (notes / "todo.txt").read_text() == "keep me\n"


def test_build_killed_half_way_leaves_the_site_then_the_next_build_cleans_up(
        tmp_path: Path) -> None:
    project = tmp_path / "wide"
    (project / "content").mkdir(parents=True)
    (project / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Wide\ndocs_dir: content\ntheme:\n"
                                        "  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - helptree\n", encoding="utf-8")
    (project / "decision_tree.yaml").write_text(wide_tree(4), encoding="utf-8")
    config = project / "mkdocs.yml"
    assert safe_build(config).ok
    site = project / "site"
    before = snapshot(site)

    (project / "decision_tree.yaml").write_text(wide_tree(40), encoding="utf-8")  # ~1,600 pages
    build = subprocess.Popen([sys.executable, "-m", "generator.cli.main", "build", "-f", str(config)],
                             env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and build.poll() is None:
        temporary = list(project.glob(f"{STALE_PREFIX}*"))
        # Kill once MkDocs is writing pages into the temporary folder.
        if temporary and any((temporary[0] / "troubleshoot").glob("*/index.html")):
            break
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed"
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)

    assert list(project.glob(f"{STALE_PREFIX}*")), "the half-built site should be left behind"
    assert snapshot(site) == before

    (project / "decision_tree.yaml").write_text(wide_tree(5), encoding="utf-8")
    assert safe_build(config).ok
    assert not list(project.glob(".helptree-*"))
    assert (site / "troubleshoot" / "item-4-4" / "index.html").is_file()
