"""What a built page shows a reader, normalised so that sites built by different engines
compare: its language, the text of its main content, where its main content's links and
its navigation's links lead, and the navigation's text (section titles, the site's name).

A link is its resolved target: a site path (``/es/a-z/``, fragment kept) for a link into
the site, whether written relative, below the site's root or as a full ``site_url`` address;
any other address as written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from htmlkit import Element, parse


@dataclass(frozen=True)
class PageView:
    """One built page as the parity test compares it."""

    lang: str
    main_text: str
    main_links: frozenset[str]
    nav_text: str
    nav_links: frozenset[str]

    def differences(self, other: PageView) -> Iterator[str]:
        """What differs, one word each: lang, main-text, main-links, nav-text, nav-links."""
        for name in ("lang", "main_text", "main_links", "nav_text", "nav_links"):
            if getattr(self, name) != getattr(other, name):
                yield name.replace("_", "-")


def page_url(site: Path, file: Path) -> str:
    """``troubleshoot/x/index.html`` -> ``/troubleshoot/x/``; ``404.html`` stays."""
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target(page: str, href: str, site_url: str) -> str:
    """Where ``href`` on the site page ``page`` leads: a site path, or the address itself."""
    origin = "http://site.test/"
    served = urlsplit(site_url)
    if site_url and href.startswith(f"{served.scheme}://{served.netloc}"):
        href = href[len(f"{served.scheme}://{served.netloc}"):]
        root = served.path.rstrip("/")
        href = href[len(root):] if root and href.startswith(root + "/") else href
    absolute = urljoin(origin + page.lstrip("/"), href)
    if not absolute.startswith(origin):
        return absolute
    parts = urlsplit(absolute)
    path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") and parts.path != "/" else "")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _links(element: Element | None, page: str, site_url: str) -> frozenset[str]:
    if element is None:
        return frozenset()
    return frozenset(target(page, a.get("href") or "", site_url)
                     for a in element.find_all("a") if a.get("href") is not None)


def view(site: Path, file: Path, site_url: str) -> PageView:
    """The page in ``file`` of the built ``site``."""
    doc = parse(file.read_text(encoding="utf-8"))
    url = page_url(site, file)
    html = doc.first("html")
    main = doc.first("article", class_="md-content__inner")
    nav = doc.first("nav", class_="md-nav--primary")
    return PageView(
        lang=(html.get("lang") or "") if html else "",
        main_text=main.text() if main else "",
        main_links=_links(main, url, site_url),
        nav_text=nav.text() if nav else "",
        nav_links=_links(nav, url, site_url),
    )


def is_redirect(doc: Element) -> bool:
    return any((m.get("http-equiv") or "").lower() == "refresh" for m in doc.find_all("meta"))


def views(site: Path, site_url: str) -> dict[str, PageView | str]:
    """Every HTML page of a built site by URL; a redirect stub as the path it sends to."""
    found: dict[str, PageView | str] = {}
    for file in sorted(site.rglob("*.html")):
        doc = parse(file.read_text(encoding="utf-8"))
        url = page_url(site, file)
        if is_redirect(doc):
            canonical = doc.first("link", rel="canonical")
            found[url] = "redirect to " + target(url, canonical.get("href") or "" if canonical else "",
                                                 site_url)
            continue
        found[url] = view(site, file, site_url)
    return found


def compare(reference: dict[str, PageView | str], other: dict[str, PageView | str],
            ) -> dict[tuple[str, str], str]:
    """(page, what) -> a short description, for every difference of ``other`` from
    ``reference``: a page missing or extra, or one part of a page."""
    found: dict[tuple[str, str], str] = {}
    for url in sorted(reference.keys() | other.keys()):
        mine, theirs = reference.get(url), other.get(url)
        if theirs is None:
            found[(url, "missing")] = "not built"
        elif mine is None:
            found[(url, "extra")] = "built only here"
        elif isinstance(mine, str) or isinstance(theirs, str):
            if mine != theirs:
                found[(url, "redirect")] = f"{mine!s} / {theirs!s}"
        else:
            for what in mine.differences(theirs):
                found[(url, what)] = _describe(what, mine, theirs)
    return found


def _describe(what: str, mine: PageView, theirs: PageView) -> str:
    a, b = getattr(mine, what.replace("-", "_")), getattr(theirs, what.replace("-", "_"))
    if isinstance(a, frozenset):
        return f"only in the reference: {sorted(a - b)[:5]}; only here: {sorted(b - a)[:5]}"
    if isinstance(a, str) and isinstance(b, str):
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"…{a[max(at - 40, 0):at + 60]!r} / …{b[max(at - 40, 0):at + 60]!r}"
    return f"{a!r} / {b!r}"
