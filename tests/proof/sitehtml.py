"""Reading a built site as a reader's browser would: parse its HTML, resolve its links.

Standard library only (html.parser). Pages are parsed once and cached; URLs are site-root
paths without a leading slash ("troubleshoot/forgot/"), as the site is served at its root.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from htmlkit import Element, parse


def is_internal(href: str) -> bool:
    """A link into this site (relative, site-root or fragment), not to another host."""
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith("//")


@dataclass(frozen=True)
class Link:
    """A link found on a page, resolved to a site URL (no leading slash) and fragment."""

    page: str
    attr: str
    href: str
    url: str
    fragment: str
    line: int


class Site:
    """A built site folder, read page by page."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._docs: dict[Path, Element] = {}

    def file_for(self, url: str) -> Path | None:
        """The file a static server returns for ``url``, or None (a 404)."""
        path = self.root / unquote(url)
        if url == "" or url.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def doc(self, url: str) -> Element:
        path = self.file_for(url)
        assert path is not None, f"/{url} is not in the built site (a reader would get a 404)"
        if path not in self._docs:
            self._docs[path] = parse(path.read_text(encoding="utf-8"))
        return self._docs[path]

    def html_pages(self) -> list[str]:
        """The URL of every HTML file in the site."""
        urls = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return urls

    @staticmethod
    def resolve(page_url: str, href: str) -> tuple[str, str]:
        """The site URL and fragment that ``href`` on the page at ``page_url`` leads to."""
        parts = urlsplit(href)
        if parts.path.startswith("/"):
            joined = parts.path
        else:
            base = "/" + page_url
            base_dir = base if base.endswith("/") else posixpath.dirname(base) + "/"
            joined = posixpath.join(base_dir, parts.path) if parts.path else base
        trailing = joined.endswith("/") or joined.endswith("/.") or joined.endswith("/..")
        normal = posixpath.normpath(joined)
        url = normal.lstrip("/")
        if trailing and url:
            url += "/"
        return url, parts.fragment

    def links(self, page_url: str) -> list[Link]:
        """Every internal link on a page: a/area/link href, script/img/source/iframe src."""
        found = []
        for element in self.doc(page_url).iter():
            for attr in ("href", "src"):
                value = element.attrs.get(attr)
                if value is None or not is_internal(value):
                    continue
                url, fragment = self.resolve(page_url, value)
                found.append(Link(page_url, attr, value, url, fragment, element.line))
        return found

    def ids(self, url: str) -> set[str]:
        """Every fragment target on a page: id attributes and <a name>."""
        doc = self.doc(url)
        return {e.attrs["id"] for e in doc.iter() if "id" in e.attrs} | {
            e.attrs["name"] for e in doc.iter() if e.tag == "a" and "name" in e.attrs}

    def redirect_target(self, url: str) -> str | None:
        """Where a redirect page sends the reader (its meta refresh), as a site URL."""
        for meta in self.doc(url).find_all("meta"):
            if (meta.get("http-equiv") or "").lower() == "refresh":
                match = re.search(r"url=(.+)", meta.get("content") or "", re.IGNORECASE)
                if match:
                    return self.resolve(url, match.group(1).strip().strip("'\""))[0]
        return None


@dataclass(frozen=True)
class Choice:
    """One link a troubleshooter page offers to move on: an answer or "This did not work"."""

    label: str  # the text the reader sees
    data_label: str  # what the JavaScript records (data-ht-label)
    next: str  # data-ht-next
    href: str
    url: str  # where the href leads


@dataclass(frozen=True)
class NodePage:
    """What a troubleshooter page shows, read from its HTML."""

    url: str
    kind: str
    node: str
    heading: str
    answers: tuple[Choice, ...]  # question pages: the answer links, in page order
    not_worked: tuple[Choice, ...]  # outcome pages: the "This did not work" links
    stray: tuple[str, ...]  # other links carrying data-ht-next (there should be none)


def node_page(site: Site, url: str) -> NodePage:
    doc = site.doc(url)
    pages = doc.find_all("div", "ht-page")
    assert len(pages) == 1, f"/{url}: expected one .ht-page block, found {len(pages)}"
    page = pages[0]
    heading = page.first("h1")
    assert heading is not None, f"/{url}: no <h1> in the page"

    def choice(link: Element, label: str) -> Choice:
        href = link.get("href") or ""
        return Choice(label, link.get("data-ht-label") or "", link.get("data-ht-next") or "", href,
                      site.resolve(url, href)[0])

    answers = []
    for link in page.find_all("a", "ht-answer"):
        label = link.first("span", "ht-answer__label")
        answers.append(choice(link, label.text() if label else link.text()))
    not_worked = [choice(link, link.text()) for link in page.find_all("a", "ht-not-worked")]
    known = {id(e) for e in page.find_all("a", "ht-answer") + page.find_all("a", "ht-not-worked")}
    stray = [e.get("href") or "" for e in page.find_all("a", data_ht_next=True)
             if id(e) not in known]
    return NodePage(url, page.get("data-ht-kind") or "", page.get("data-ht-node") or "", heading.text(),
                    tuple(answers), tuple(not_worked), tuple(stray))


def start_link(site: Site, start_url: str) -> str:
    """Where the start page's "Start now" button leads."""
    page = site.doc(start_url).first("div", "ht-page")
    assert page is not None, f"/{start_url} has no troubleshooter block"
    assert page.get("data-ht-kind") == "start", f"/{start_url} is not a start page"
    box = page.first("p", "ht-start-now")
    link = box.first("a") if box else None
    assert link is not None, f"/{start_url}: no Start now link"
    return site.resolve(start_url, link.get("href") or "")[0]
