"""The safe build: MkDocs renders into a temporary folder that replaces site/ only on success."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STALE_PREFIX = ".helptree-building-"
OLD_PREFIX = ".helptree-old-"
SITE_MARKERS = ("index.html", "404.html", "sitemap.xml")  # a folder holding one is a built site


@dataclass(frozen=True)
class BuildOutcome:
    ok: bool
    site_dir: Path
    message: str = ""


def _quiet_mkdocs_banners() -> None:
    # Material 9.8 and mkdocs-redirects print a banner about MkDocs 2.0 on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def _log_to_stderr(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    return handler


def safe_build(config_file: Path, site_dir: Path | None = None, *, strict: bool | None = None,
               verbose: bool = False) -> BuildOutcome:
    """Build the site; the previous site/ is untouched unless the new one is complete."""
    _quiet_mkdocs_banners()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _log_to_stderr(verbose)
    overrides: dict[str, object] = {}
    if strict is not None:
        overrides["strict"] = strict
    try:
        if not config_file.is_file():
            return BuildOutcome(False, site_dir or Path("site"),
                                f"{config_file}:1:1: error: file not found; pass --config FILE")
        config = load_config(str(config_file), **overrides)  # type: ignore[arg-type]
        final = (site_dir or Path(config.site_dir)).resolve()
        refused = _refuse_site_dir(final, config)
        if refused:
            return BuildOutcome(False, final, f"{config_file}:1:1: error: {refused}; pick an "
                                "empty folder, or the site folder of an earlier build")
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(final)
        building = Path(tempfile.mkdtemp(prefix=f"{STALE_PREFIX}{final.name}-", dir=final.parent))
        config.site_dir = str(building)
        try:
            build(config)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        _swap(building, final)
        return BuildOutcome(True, final)
    except MkDocsException as err:
        return BuildOutcome(False, site_dir or Path("site"), str(err))
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _refuse_site_dir(final: Path, config: Any) -> str | None:
    """Why the new site must not replace ``final``: the swap deletes what was there, so
    `--site-dir .` or `--site-dir content` would delete the project or its articles."""
    project = Path(config.config_file_path or ".").resolve().parent
    docs = Path(config.docs_dir).resolve()
    for source, what in ((project, "the project (mkdocs.yml)"), (docs, "the articles")):
        if source.is_relative_to(final):
            return f"the site folder {final} holds {what}, which building there would delete"
    if final.is_relative_to(docs):
        return f"the site folder {final} is inside the articles folder {docs}"
    if final.exists() and not final.is_dir():
        return f"the site folder {final} is a file"
    if final.is_dir() and any(final.iterdir()) and \
            not any((final / name).exists() for name in SITE_MARKERS):
        return f"the site folder {final} is not empty and holds no built site"
    return None


def _swap(building: Path, final: Path) -> None:
    """Two renames, so a reader of site/ sees the old site or the new one, never half."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{final.name}-", dir=final.parent))
        old.rmdir()
        final.rename(old)
    building.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(final: Path) -> None:
    """A build killed half-way leaves its temporary folder; the next build clears it.

    Killed between the two renames of ``_swap``, the last good site is the old folder:
    put it back rather than delete it.
    """
    if not final.exists():
        olds = sorted(final.parent.glob(f"{OLD_PREFIX}{final.name}-*"), key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(final)
    for prefix in (STALE_PREFIX, OLD_PREFIX):
        for stale in final.parent.glob(f"{prefix}{final.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)
