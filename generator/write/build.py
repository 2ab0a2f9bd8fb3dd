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

from filelock import FileLock, Timeout

from generator.problems import Location, Problem, ProblemsError, render_problems
from generator.project.mkdocs_yml import open_project

STALE_PREFIX = ".helptree-building-"
OLD_PREFIX = ".helptree-old-"
SITE_MARKERS = ("index.html", "404.html", "sitemap.xml")  # a folder holding one is a built site
LOCK_WAIT_SECONDS = 600.0  # how long a second build of one site folder waits for the first


@dataclass(frozen=True)
class BuildOutcome:
    """A build's end: done, or the problems that stopped it (none when MkDocs' own log has
    printed them already, as it does for a page that failed)."""

    ok: bool
    site_dir: Path
    problems: tuple[Problem, ...] = ()

    @property
    def message(self) -> str:
        return render_problems(list(self.problems)) if self.problems else ""


def quiet_mkdocs_banners() -> None:
    # Material 9.8 and mkdocs-redirects print a banner about MkDocs 2.0 on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """MkDocs' log on stderr, noting whether it printed a located problem."""

    located = False

    def emit(self, record: logging.LogRecord) -> None:
        self.located = self.located or "[HT" in record.getMessage()
        super().emit(record)


def _log_to_stderr(verbose: bool) -> _Handler:
    handler = _Handler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    return handler


def lock_path(final: Path) -> Path:
    """The lock of one site folder: beside it, since the folder itself is swapped."""
    return final.parent / f".{final.name}.helptree.lock"


def safe_build(config_file: Path, site_dir: Path | None = None, *, strict: bool | None = None,
               verbose: bool = False, wait: float = LOCK_WAIT_SECONDS) -> BuildOutcome:
    """Build the site; the previous site/ is untouched unless the new one is complete.
    One build at a time per site folder: a second one waits up to ``wait`` seconds."""
    quiet_mkdocs_banners()
    from jinja2 import TemplateError
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.write.plugin import SiteProblemsError

    handler = _log_to_stderr(verbose)
    overrides: dict[str, object] = {}
    if strict is not None:
        overrides["strict"] = strict
    try:
        try:  # helptree's own reading first (HT501 when there is none): MkDocs' is unlocated
            open_project(config_file)
        except ProblemsError as err:
            return BuildOutcome(False, site_dir or Path("site"), tuple(err.problems))
        config = load_config(str(config_file), **overrides)  # type: ignore[arg-type]
        chosen = Path(os.path.abspath(site_dir or config.site_dir))
        if chosen.is_symlink():  # the site and its lock would be written where it points
            return BuildOutcome(False, chosen, (Problem(
                Location(str(config_file)), "HT516", f"the site folder {chosen} is a symbolic "
                "link", "remove the link; build into a real folder, or name it with "
                "--site-dir"),))
        final = chosen.resolve()
        refused = _refuse_site_dir(final, config)
        if refused:
            return BuildOutcome(False, final, _refusal(config_file, refused))
        final.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path(final)))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            print(f"helptree: another helptree build of {final} is running; waiting for it "
                  f"to finish (lock {lock_path(final)})", file=sys.stderr)
            try:
                lock.acquire(timeout=wait)
            except Timeout:
                return BuildOutcome(False, final, (Problem(
                    Location(str(config_file)), "HT511", f"another helptree build of {final} "
                    f"still runs after {wait:.0f} s", "let it finish, or build into another "
                    "--site-dir"),))
        try:
            refused = _refuse_site_dir(final, config)  # again: the other build may have changed it
            if refused:
                return BuildOutcome(False, final, _refusal(config_file, refused))
            return _build_locked(config, final, config_file)
        finally:
            lock.release()
    except MkDocsException as err:
        # The plugin stops with its located problems; MkDocs' log may have printed them (a
        # page that failed), or located warnings under `strict`. Anything else is HT507.
        if handler.located:
            return BuildOutcome(False, site_dir or Path("site"))
        problems = err.problems if isinstance(err, SiteProblemsError) else [Problem(
            Location(str(config_file)), "HT507", f"MkDocs stopped: {err}",
            "fix what MkDocs reports, then build again")]
        return BuildOutcome(False, site_dir or Path("site"), tuple(problems))
    except TemplateError as err:  # first: TemplateNotFound is an OSError too
        return BuildOutcome(False, site_dir or Path("site"), (Problem(
            Location(str(config_file)), "HT513", f"a theme template cannot be used: {err.message}",
            "check `theme:` and `theme.custom_dir` in mkdocs.yml"),))
    except OSError as err:  # a full disk, a folder that cannot be written
        where = err.filename or (site_dir or "site")
        return BuildOutcome(False, site_dir or Path("site"), (Problem(
            Location(str(config_file)), "HT512", f"cannot write {where}: {err.strerror or err}",
            "free some disk space or fix the folder's permissions, then build again"),))
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _build_locked(config: Any, final: Path, config_file: Path) -> BuildOutcome:
    """With the site folder's lock held: clean up, build into a temporary folder, swap."""
    from mkdocs.commands.build import build

    _remove_leftovers(final)
    building = Path(tempfile.mkdtemp(prefix=f"{STALE_PREFIX}{final.name}-", dir=final.parent))
    config.site_dir = str(building)
    try:
        build(config)
        if not any((building / name).exists() for name in SITE_MARKERS):
            shutil.rmtree(building, ignore_errors=True)
            return BuildOutcome(False, final, (Problem(
                Location(str(config_file)), "HT512", "the build wrote no site (none of "
                f"{', '.join(SITE_MARKERS)})", "a plugin may have stopped it: run with -v to "
                "see what it did"),))
        building.chmod(_folder_mode())  # mkdtemp gives 0700: a web server could not read it
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _swap(building, final)
    return BuildOutcome(True, final)


def _folder_mode() -> int:
    """The mode `mkdir` gives under the current umask, as plain `mkdocs build` leaves it."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _refusal(config_file: Path, why: str) -> tuple[Problem]:
    message, _, hint = why.partition("; ")
    return (Problem(Location(str(config_file)), "HT507", message, hint or "pick another --site-dir"),)


def _refuse_site_dir(final: Path, config: Any) -> str | None:
    """Why the new site must not replace ``final``: the swap deletes what was there, so
    `--site-dir .` or `--site-dir content` would delete the project or its articles."""
    project = Path(config.config_file_path or ".").resolve().parent
    docs = Path(config.docs_dir).resolve()
    hint = "; pick an empty folder, or the site folder of an earlier build"
    for source, what in ((project, "the project (mkdocs.yml)"), (docs, "the articles")):
        if source.is_relative_to(final):
            return f"the site folder {final} holds {what}, which building there would delete{hint}"
    if final.is_relative_to(docs):
        return f"the site folder {final} is inside the articles folder {docs}{hint}"
    if final.exists() and not final.is_dir():
        return f"the site folder {final} is a file{hint}"
    if final.is_dir() and any(final.iterdir()) and \
            not any((final / name).exists() for name in SITE_MARKERS):
        return f"the site folder {final} is not empty and holds no built site{hint}"
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
        olds = sorted(_leftovers(final, OLD_PREFIX), key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(final)
    for prefix in (STALE_PREFIX, OLD_PREFIX):
        for stale in _leftovers(final, prefix):
            shutil.rmtree(stale, ignore_errors=True)


def _leftovers(final: Path, prefix: str) -> list[Path]:
    """The temporary folders of builds of ``final`` only: `site-2`'s are not `site`'s,
    though `.helptree-building-site-2-x1y2` starts like them (mkdtemp's suffix has no `-`)."""
    start = f"{prefix}{final.name}-"
    return [path for path in final.parent.glob(f"{start}*")
            if "-" not in path.name[len(start):]]
