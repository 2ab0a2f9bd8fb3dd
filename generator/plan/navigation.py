"""The navigation of each language as plain data (titles, URLs, nesting), planned once for
every writer: the MkDocs plugin turns it into MkDocs' own objects, ``export`` writes it as
``nav:``. Without a ``nav:`` in mkdocs.yml it is the one MkDocs would make of the site's
files (``mkdocs.structure.nav.get_navigation``): pages sorted index first, then by path, a
section per folder named after it; then each language keeps its own pages, its section
titles from ``nav_titles``, and another language's folder becomes its top."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, TypeAlias

START_KIND = "start"  # a guide's start page: the one page of a guide in a short navigation


@dataclass(frozen=True)
class NavPage:
    src_uri: str  # the page's source, as the site serves it (`es/recovery/reset.md`)
    url: str
    title: str
    kind: str = ""  # what helptree made it: start, index, map, ...; "" for an article
    place: str = ""  # where MkDocs would nest it, when not its source (`a-z.md` for `a-z/index.md`)
    titled: bool = False  # mkdocs.yml's `nav:` gives its title


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple[NavItem, ...]


@dataclass(frozen=True)
class NavLink:
    title: str  # a bare address in `nav:` is its own title
    url: str


NavItem: TypeAlias = NavPage | NavSection | NavLink


def pages_of(items: Iterable[NavItem]) -> Iterator[NavPage]:
    """The pages of a navigation, in order, at every depth."""
    for item in items:
        if isinstance(item, NavSection):
            yield from pages_of(item.children)
        elif isinstance(item, NavPage):
            yield item


def folder_title(folder: str) -> str:
    """A section's title from its folder's name, as MkDocs gives it (`dirname_to_title`)."""
    title = folder.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _sort_key(page: NavPage) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' order of files (`file_sort_key`): by folder, each folder's index first."""
    path = PurePosixPath(page.place or page.src_uri)
    return path.parts[:-1], path.stem != "index", path.parts[-1]


def nested(pages: Iterable[NavPage]) -> tuple[NavItem, ...]:
    """Pages nested by folder, as MkDocs nests them when mkdocs.yml has no ``nav:``."""
    root: list[NavItem | tuple[str, list[Any]]] = []
    for page in sorted(pages, key=_sort_key):
        branch = root
        for folder in PurePosixPath(page.place or page.src_uri).parent.parts:
            title = folder_title(folder)
            found = next((item[1] for item in branch if isinstance(item, tuple) and item[0] == title),
                         None)
            if found is None:
                found = []
                branch.append((title, found))
            branch = found
        branch.append(page)
    return _frozen(root)


def _frozen(branch: Sequence[Any]) -> tuple[NavItem, ...]:
    return tuple(NavSection(item[0], _frozen(item[1])) if isinstance(item, tuple) else item
                 for item in branch)


def from_config(nav: Sequence[Any], pages: Mapping[str, NavPage]) -> tuple[NavItem, ...]:
    """A ``nav:`` of mkdocs.yml (paths, ``title: path``, ``title: [...]``, addresses) over the
    site's pages by source; a path that is no page is a link, as MkDocs makes it."""
    items: list[NavItem] = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1 \
            else (None, entry)
        if isinstance(value, list):
            items.append(NavSection(str(title), from_config(value, pages)))
        elif isinstance(value, str):
            page = pages.get(value.lstrip("/"))
            items.append(NavLink(str(title or value), value) if page is None else page if title is None
                         else replace(page, title=str(title), titled=True))
    return tuple(items)


def of_language(items: Sequence[NavItem], prefix: str, others: Sequence[str],
                titles: Mapping[str, str], twins: Mapping[str, NavPage] | None = None,
                ) -> tuple[NavItem, ...]:
    """One language's navigation: its own pages (or, through ``twins``, the main language's
    page's twin), the sections that hold any, titled from ``titles``, and every link.
    Another language's folder, alone at the top, gives way to what it holds."""
    kept: list[NavItem] = []
    for item in items:
        if isinstance(item, NavSection):
            children = of_language(item.children, prefix, others, titles, twins)
            if children:
                # `nav_titles` is text, and every theme prints a section title as HTML
                title = html.escape(titles[item.title]) if item.title in titles else item.title
                kept.append(NavSection(title, children))
        elif isinstance(item, NavPage):
            page = twins.get(item.src_uri, item) if twins is not None else item
            if in_language(page.url, prefix, others):
                kept.append(replace(page, title=item.title, titled=True) if item.titled else page)
        else:
            kept.append(item)
    if prefix and len(kept) == 1 and isinstance(kept[0], NavSection):
        return kept[0].children
    return tuple(kept)


STAFF_KINDS = frozenset({"index", "map", "staff"})  # the A-Z, the map and the staff desk


def guides_first(items: Sequence[NavItem], bases: Sequence[str]) -> tuple[NavItem, ...]:
    """The top of a navigation in the order readers need it: the home page, each guide (in
    the order of ``bases``), the articles, and last the pages for support staff. MkDocs'
    own order (files at the top before folders) would put the staff tools first."""
    def rank(item: NavItem) -> tuple[int, int]:
        first = item if isinstance(item, NavPage) else next(pages_of([item]), None)
        if isinstance(item, NavPage) and item.kind in STAFF_KINDS:
            return 3, 0
        if isinstance(item, NavPage) and not item.kind and PurePosixPath(item.src_uri).stem == "index" \
                and "/" not in item.url.strip("/"):
            return 0, 0
        url = first.url if first is not None else ""
        for number, base in enumerate(bases):
            if url.startswith(base + "/"):
                return 1, number
        return 2, 0
    return tuple(sorted(items, key=rank))


def in_language(url: str, prefix: str, others: Sequence[str]) -> bool:
    """Whether a page URL is in the language whose URLs start with ``prefix``."""
    return url.startswith(prefix) if prefix else not any(url.startswith(p) for p in others)


def short(items: Sequence[NavItem]) -> tuple[NavItem, ...]:
    """The navigation of a question or outcome page: the top's own pages and links, and each
    guide's start page from its section (a reader inside a guide needs no list of articles,
    and every node page stays small)."""
    kept: list[NavItem] = []
    for item in items:
        if isinstance(item, NavSection):
            kept += [child for child in item.children
                     if isinstance(child, NavPage) and child.kind == START_KIND]
        else:
            kept.append(item)
    return tuple(kept)


def as_config(items: Sequence[NavItem]) -> list[Any]:
    """The navigation as a ``nav:`` of mkdocs.yml: a page by its source (its own title, as
    the engine reads it), a section by its title, a link by its title and address."""
    entries: list[Any] = []
    for item in items:
        if isinstance(item, NavSection):
            entries.append({item.title: as_config(item.children)})
        elif isinstance(item, NavPage):
            entries.append({item.title: item.src_uri} if item.titled else item.src_uri)
        else:
            entries.append({item.title: item.url})
    return entries
