"""Helpers for the site tests: a small DOM on the standard library's ``html.parser``, and builds."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from buildkit import build_site
from htmlkit import Element, parse

__all__ = ["Element", "build_site", "parse"]  # re-exported for the site tests

HELPTREE = Path(sys.executable).parent / "helptree"
MKDOCS = Path(sys.executable).parent / "mkdocs"
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command as a user types it, without the MkDocs 2.0 banners."""
    return subprocess.run([str(a) for a in args], cwd=cwd, env=QUIET, capture_output=True,
                          text=True, timeout=300, check=False)

# -- a built site -----------------------------------------------------------------

# build_site: the shared one (tests/buildkit.py), strict by default.


SITE = "http://site.test/"


def page_url(site: Path, file: Path) -> str:
    """The site URL of a built HTML file (``troubleshoot/x/index.html`` -> ``/troubleshoot/x/``)."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def resolve(page: str, href: str) -> str:
    """An href on ``page`` as a site path (``../b/`` on ``/t/a/`` -> ``/t/b/``), keeping any
    fragment; anything pointing to another host comes back with its scheme and host."""
    absolute = urljoin(SITE + page.lstrip("/"), href)
    if not absolute.startswith(SITE):
        return absolute
    parts = urlsplit(absolute)
    path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") else "")
    path = path.replace("//", "/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def read_page(site: Path, url: str) -> Element:
    """The parsed page at a site URL such as ``/troubleshoot/forgot/``."""
    path = site / url.lstrip("/") / "index.html" if url.endswith("/") else site / url.lstrip("/")
    return parse(path.read_text(encoding="utf-8"))


def content(page: Element) -> Element:
    """The page's main content: Material's ``article.md-content__inner``."""
    return page.find("article", class_="md-content__inner")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_redirect(page: Element) -> bool:
    return any(m.get("http-equiv") == "refresh" for m in page.find_all("meta"))
