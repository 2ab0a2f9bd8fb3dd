"""The safe build: `helptree build` replaces site/ only with a complete new site."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from sitekit import HELPTREE, MKDOCS, run
from treekit import SMALL

from generator.write.build import OLD_PREFIX, STALE_PREFIX, safe_build

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds whole sites


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SMALL, root)
    return root


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def break_tree(root: Path) -> None:
    tree = root / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((STALE_PREFIX, OLD_PREFIX)))


# -- helptree build ------------------------------------------------------------------

def test_build_writes_the_site_and_says_where_how_many_pages_and_how_long(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run(HELPTREE, "build", cwd=root)
    assert result.returncode == 0, result.stderr
    pages = len(list((root / "site").rglob("*.html")))
    assert re.fullmatch(rf"helptree: built {pages} pages into {re.escape(str((root / 'site').resolve()))}"
                        r" in \d+\.\d s", result.stdout.strip()), result.stdout
    assert (root / "site" / "troubleshoot" / "what-happens" / "index.html").is_file()
    assert leftovers(root) == []


def test_broken_tree_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run(HELPTREE, "build", cwd=root).returncode == 0
    before = hashes(root / "site")
    break_tree(root)
    result = run(HELPTREE, "build", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{root / 'decision_tree.yaml'}:29:15: error: " in result.stderr
    assert "lockd" in result.stderr
    assert result.stderr.rstrip().endswith("helptree: build failed; site was left as it was")
    assert hashes(root / "site") == before
    assert leftovers(root) == []


def test_strict_warning_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = tmp_path / "public"
    assert run(HELPTREE, "build", "--site-dir", site, cwd=root).returncode == 0
    before = hashes(site)
    config = root / "mkdocs.yml"  # MkDocs' own warning (a dead link is helptree's error HT222)
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - missing.md\n",
                      encoding="utf-8")
    result = run(HELPTREE, "build", "--strict", "--site-dir", site, cwd=root)
    assert result.returncode == 1
    assert "missing.md" in result.stderr
    assert hashes(site) == before
    assert leftovers(tmp_path) == []
    # Without --strict the same project builds, with the warning shown.
    result = run(HELPTREE, "build", "--no-strict", "--site-dir", site, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "missing.md" in result.stderr
    assert hashes(site) != before


def test_missing_config_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    result = run(HELPTREE, "build", "--config", "nope.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("nope.yml:1:1: error: file not found")
    assert not (tmp_path / "site").exists()


def test_config_option_builds_a_project_elsewhere(tmp_path: Path) -> None:
    root = project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(HELPTREE, "build", "-f", root / "mkdocs.yml", "-d", "out", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "out" / "troubleshoot" / "index.html").is_file()


# -- the safe build itself --------------------------------------------------------------

def test_a_crash_during_the_build_removes_the_half_built_site(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    site = tmp_path / "site"
    assert safe_build(root / "mkdocs.yml", site).ok
    before = hashes(site)

    def crash(config: object) -> None:
        Path(str(config.site_dir), "half.html").write_text("half", encoding="utf-8")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    import mkdocs.commands.build
    monkeypatch.setattr(mkdocs.commands.build, "build", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        safe_build(root / "mkdocs.yml", site)
    assert hashes(site) == before
    assert leftovers(tmp_path) == []


def test_a_killed_build_s_temporary_folder_is_cleared_next_time(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = tmp_path / "site"
    stale = tmp_path / f"{STALE_PREFIX}site-1234"
    (stale / "troubleshoot").mkdir(parents=True)
    assert safe_build(root / "mkdocs.yml", site).ok
    assert leftovers(tmp_path) == []


def test_a_build_killed_between_the_renames_gets_the_old_site_back(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = tmp_path / "site"
    assert safe_build(root / "mkdocs.yml", site).ok
    before = hashes(site)
    site.rename(tmp_path / f"{OLD_PREFIX}site-99")  # killed after the first rename
    break_tree(root)
    outcome = safe_build(root / "mkdocs.yml", site)
    assert not outcome.ok
    assert hashes(site) == before
    assert leftovers(tmp_path) == []


def test_safe_build_reports_failure_without_raising(tmp_path: Path) -> None:
    root = project(tmp_path)
    break_tree(root)
    outcome = safe_build(root / "mkdocs.yml", tmp_path / "site")
    assert not outcome.ok
    assert outcome.site_dir == tmp_path / "site"
    assert not (tmp_path / "site").exists()


def test_safe_build_does_not_leave_its_log_handler_behind(tmp_path: Path) -> None:
    import logging

    logger = logging.getLogger("mkdocs")
    handlers = list(logger.handlers)
    assert safe_build(project(tmp_path) / "mkdocs.yml", tmp_path / "site").ok
    assert logger.handlers == handlers


# -- the repository's own site ---------------------------------------------------------------

def test_repository_site_builds_strict_without_warnings(tmp_path: Path) -> None:
    result = run(MKDOCS, "build", "--strict", "-f", ROOT / "mkdocs.yml", "-d", tmp_path / "site",
                 cwd=ROOT)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" not in output, output
    assert "ERROR" not in output, output
    assert (tmp_path / "site" / "troubleshoot" / "index.html").is_file()
