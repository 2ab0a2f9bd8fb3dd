"""The one `build_site` of the tests: the safe build (as `helptree build` does), strict by
default, failing the test on errors; and ``once``, which has the fixture sites built once
per run for all the pytest workers (``built_once``: tests/conftest.py builds each fixture
project with it); tests/site/sitekit.py re-exports ``build_site``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from generator.write.build import safe_build


def build_site(config: Path, site_dir: Path, *, strict: bool = True) -> Path:
    """Build ``config`` into ``site_dir`` with the safe build; fail the test on errors."""
    outcome = safe_build(config, site_dir, strict=strict)
    assert outcome.ok, outcome.message
    return site_dir


def once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], object]) -> Path:
    """A folder ``build`` fills once per test run, shared by the run's pytest workers (each
    built the same fixture sites before, both cores doing the same work): the first worker
    to ask builds it holding a lock, the others wait and read it. If ``build`` fails, the
    next to ask builds again and fails the same way. Without xdist, the session's own."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-once"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.done"
    with FileLock(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, config: Path) -> Path:
    """``config`` built (``build_site``) once per run for all workers; its ``site`` folder."""
    return once(tmp_path_factory, name, lambda folder: build_site(config, folder / "site")) / "site"
