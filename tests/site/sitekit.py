"""Helpers for the site tests: a small DOM on the standard library's ``html.parser``, and builds."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from generator.build import safe_build

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    # -- questions a test asks ------------------------------------------------------

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def text(self) -> str:
        """The text inside, whitespace collapsed (like ``innerText`` without layout)."""
        parts: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            else:
                stack.extend(reversed(item.children))
        return " ".join("".join(parts).split())

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        stack: list[Element] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.elements))

    def find_all(self, tag: str | None = None, class_: str | None = None,
                 **attrs: str | bool) -> list[Element]:
        """Matching elements; an attribute given as True only has to be present."""
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if class_ is not None and class_ not in node.classes:
                continue
            if all(node.attrs.get(_attr(k)) == v if v is not True else _attr(k) in node.attrs
                   for k, v in attrs.items()):
                found.append(node)
        return found

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str | bool) -> Element:
        """The single matching element; fails the test when there is none or several."""
        found = self.find_all(tag, class_, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={class_} {attrs}>, found {len(found)}"
        return found[0]

    def first(self, tag: str | None = None, class_: str | None = None,
              **attrs: str | bool) -> Element | None:
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None


def _attr(name: str) -> str:
    """Python keyword arguments spell ``data-ht-next`` as ``data_ht_next``."""
    return name.rstrip("_").replace("_", "-")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # ignore stray end tags
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# -- a built site -----------------------------------------------------------------

def build_site(config: Path, site_dir: Path) -> Path:
    """Build strictly with the safe build (as `helptree build` does); fail the test on errors."""
    outcome = safe_build(config, site_dir, strict=True)
    assert outcome.ok, outcome.message
    return site_dir


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
