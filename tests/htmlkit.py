"""A small DOM on the standard library's ``html.parser``, shared by the site and proof tests.

A text is parsed once per test process (``parse`` keeps the trees): the tests read the
same built pages many times over (2,379 parses of 668 distinct pages in one run, 12 s of
CPU), so a tree is shared and read-only: its attributes are a read-only mapping and its
children a tuple.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from types import MappingProxyType

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: Mapping[str, str]
    parent: Element | None = None
    children: Sequence[Element | str] = field(default_factory=list)
    line: int = 0  # where the start tag is in the source, for messages

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
        self.root = Element("#document", MappingProxyType({}))
        self.current = self.root
        self.open: dict[int, list[Element | str]] = {id(self.root): []}  # children while building

    def _add(self, child: Element | str) -> None:
        self.open[id(self.current)].append(child)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        node = Element(tag, MappingProxyType({k: v if v is not None else "" for k, v in attrs}),
                       self.current, line=self.getpos()[0])
        self._add(node)
        self.open[id(node)] = []
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._element(tag, attrs)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # ignore stray end tags
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self._add(data)

    def finish(self) -> Element:
        """The root, every element's children made a tuple (attributes are read-only from
        the start)."""
        self.close()
        stack = [self.root]
        while stack:
            node = stack.pop()
            node.children = tuple(self.open[id(node)])
            stack.extend(child for child in node.children if isinstance(child, Element))
        return self.root


@lru_cache(maxsize=2048)
def parse(html: str) -> Element:
    """The document tree of ``html``: shared with every other caller of the same text, so
    read-only (see the module docstring)."""
    builder = _TreeBuilder()
    builder.feed(html)
    return builder.finish()
