"""Safe YAML reading that keeps every value's location and refuses what could hurt.

Built from PyYAML's event stream rather than its composer: the parser is iterative, so
nesting depth, alias use, tags and duplicate keys are all decided here, before any
Python object is constructed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.codes import CodeName
from generator.problems import Location, Problem, ProblemsError
from generator.source.files import SourceText

MAX_BYTES = 5_000_000
MAX_DEPTH = 64
MAX_VALUES = 500_000
MAX_SCALAR_CHARS = 100_000  # one text; long text belongs in an article

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class YNode:
    """A YAML value with its location. Scalars keep their raw text as well as the
    resolved value, so that ``label: Yes`` can stay the text "Yes".

    Slots, and a location worked out only when asked for, keep half a million values
    (the limit) well under 300 MB."""

    kind: str  # "scalar", "seq" or "map"
    source: SourceText = field(repr=False, compare=False)
    index: int  # character offset in the source where the value starts
    value: Any = None  # resolved scalar value
    raw: str = ""  # scalar source text
    plain: bool = False  # scalar written without quotes or block style
    # Read-only, so that every scalar can share the same empty ones.
    items: Sequence[YNode] = ()
    mapping: Mapping[str, tuple[YNode, YNode]] = field(default_factory=lambda: _NO_MAPPING)

    @property
    def location(self) -> Location:
        return self.source.location_at(self.index)

    @property
    def type_name(self) -> str:
        if self.kind == "seq":
            return "a list"
        if self.kind == "map":
            return "a mapping"
        if self.value is None:
            return "nothing"
        return {
            bool: "true/false",
            int: "a number",
            float: "a number",
            str: "text",
        }.get(type(self.value), "a date")


_NO_MAPPING: Mapping[str, tuple[YNode, YNode]] = MappingProxyType({})

# A list or mapping being read: its node, the list or dict behind it, and a pending key.
_Open = tuple[YNode, list[YNode], dict[str, tuple[YNode, YNode]], list[YNode | None]]




def read_source(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read a text file with every refusal located: missing, too big, binary, not UTF-8."""
    name = str(path)
    start = Location(name, 1, 1)

    def fail(code: CodeName, message: str, hint: str, where: Location = start) -> ProblemsError:
        return ProblemsError(Problem(where, code, message, hint))

    if path.is_dir():
        raise fail("HT001", "is a folder, not a file", "pass the path of the YAML file")
    if path.exists() and not path.is_file():  # reading a named pipe would wait for ever
        raise fail("HT001", "is not a regular file (a pipe, socket or device)",
                   "pass the path of a text file")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail("HT001", "file not found", "check the path, or pass --tree FILE") from None
    except OSError as err:
        raise fail("HT001", f"cannot read the file: {err.strerror}", "check its permissions") from None
    if len(data) > max_bytes:
        raise fail(
            "HT002",
            f"file is larger than the limit of {max_bytes:,} bytes",
            "split the content into articles under content/ and keep the tree small",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("HT003", "file is UTF-16, not UTF-8",
                   "save it again choosing the UTF-8 encoding")
    if b"\x00" in data:
        raise fail("HT003", "file is binary, not text", "save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        where = SourceText(name, data[: err.start].decode("utf-8", "replace")).location_at(
            len(data[: err.start].decode("utf-8", "replace"))
        )
        raise fail("HT003", f"file is not UTF-8 (byte 0x{data[err.start]:02x})",
                   "save the file with UTF-8 encoding", where) from None
    # Lines end at "\n" only, as in editors and grep; YAML's own line count (which also
    # breaks at U+2028 and friends) is never used: every location comes from an offset.
    return SourceText(name, text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_yaml(source: SourceText) -> YNode:
    """Turn YAML text into located nodes, or raise ``ProblemsError`` with its location."""
    name = source.name
    if not source.text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in source.text.splitlines()
    ):
        raise ProblemsError(Problem(Location(name, 1, 1), "HT004", "file is empty",
                                    "start from `helptree new DIR`, or see the format in the README"))
    tab = _TAB_INDENT.search(source.text)
    if tab:
        raise ProblemsError(Problem(source.location_at(tab.end() - 1), "HT005",
                                    "tab used for indentation", "indent with spaces only"))
    try:
        return _Builder(source).build(yaml.parse(source.text, Loader=_Loader))
    except ProblemsError:
        raise
    except yaml.MarkedYAMLError as err:
        raise ProblemsError(_syntax_problem(source, err)) from None
    except yaml.YAMLError as err:
        position = getattr(err, "position", None)
        where = source.location_at(position) if isinstance(position, int) else Location(name)
        character = getattr(err, "character", None)
        if isinstance(character, str) and len(character) == 1:
            character = ord(character)
        what = f"U+{character:04X}" if isinstance(character, int) else "a character"
        raise ProblemsError(Problem(where, "HT006", f"{what} is not allowed in YAML",
                                    "remove control characters; save as UTF-8 text")) from None


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s#:'\"][^#:]*?):\s+(\S.*?)\s*$")


def _syntax_problem(source: SourceText, err: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error where the author can fix it, with the likely fix as the hint."""
    message = err.problem or "not valid YAML"
    mark = err.problem_mark or err.context_mark
    if "end of stream" in message and err.context_mark is not None:
        mark = err.context_mark  # an unclosed quote or bracket: point where it opens
    where = source.location_at(mark.index) if mark else Location(source.name)
    if err.context:
        message = f"{message} ({err.context})"
    hint = "check the indentation and quoting on this line"
    lines = source.text.split("\n")
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    if "mapping values are not allowed" in message:
        pair = _KEY_VALUE.match(line)
        above = [text for text in lines[: where.line - 1] if text.strip()]
        indent = len(line) - len(line.lstrip(" "))
        if pair and where.column > len(pair.group(1)) + len(pair.group(2)) + 1:
            quoted = "'" + pair.group(3).replace("'", "''") + "'"
            hint = f"text containing `: ` needs quotes: `{pair.group(2)}: {quoted}`"
        elif above and indent > len(above[-1]) - len(above[-1].lstrip(" ")):
            hint = "this line is indented more than the one above; keys of one mapping line up"
    elif "expected '-' indicator" in message and not line.lstrip().startswith("-"):
        hint = "this line lines up with the `- ` above: indent it to line up with the key after `- `"
    elif "end of stream" in message and "quoted" in message:
        hint = "this quote is never closed: add the closing quote at the end of the text"
    return Problem(where, "HT006", f"YAML syntax: {message}", hint)


class _Builder:
    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.name = source.name
        self.values = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def loc(self, mark: Any) -> Location:
        # From the character offset, not mark.line: YAML counts U+2028 as a line break.
        return self.source.location_at(mark.index)

    def fail(self, mark: Any, code: CodeName, message: str, hint: str) -> ProblemsError:
        return ProblemsError(Problem(self.loc(mark), code, message, hint))

    def build(self, events: Any) -> YNode:
        root: YNode | None = None
        stack: list[_Open] = []
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(event.start_mark, "HT007", "more than one YAML document",
                                    "remove the `---` line; one file holds one tree")
                continue
            if isinstance(event, yaml.AliasEvent | yaml.NodeEvent) and getattr(event, "anchor", None):
                raise self.fail(event.start_mark, "HT008",
                                "YAML anchors and aliases (& and *) are not supported",
                                "write the value out in full; share a node by pointing "
                                "several answers at the same id instead")
            if isinstance(event, yaml.AliasEvent):  # pragma: no cover - anchors come first
                raise self.fail(event.start_mark, "HT008", "YAML alias is not supported",
                                "write the value out in full")
            node: YNode | None = None
            if isinstance(event, yaml.ScalarEvent):
                node = self.scalar(event)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self.check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event.start_mark, "HT009",
                                    f"YAML nested deeper than {MAX_DEPTH} levels",
                                    "a tree needs only a few levels of nesting")
                kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
                start: Any = event.start_mark
                items: list[YNode] = []
                mapping: dict[str, tuple[YNode, YNode]] = {}
                stack.append((YNode(kind, self.source, start.index, items=items, mapping=mapping),
                              items, mapping, [None]))
                continue
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                node = stack.pop()[0]
            else:
                continue
            self.count(event)
            if not stack:
                root = node
                continue
            self.attach(stack[-1], node)
        if root is None:  # pragma: no cover - parse_yaml rejects empty files first
            raise ProblemsError(Problem(Location(self.name), "HT004", "file is empty", "add a tree"))
        return root

    def count(self, event: Any) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.fail(event.start_mark, "HT002",
                            f"more than {MAX_VALUES:,} YAML values", "keep the tree smaller")

    def attach(self, top: _Open, node: YNode) -> None:
        container, items, mapping, pending = top
        if container.kind == "seq":
            items.append(node)
            return
        key = pending[0]
        if key is None:
            if node.kind != "scalar" or (node.value is None and not node.raw):
                raise ProblemsError(Problem(node.location, "HT010", "a key must be plain text",
                                            "write keys as simple words, like `label:`"))
            pending[0] = node
            return
        pending[0] = None
        if key.raw in mapping:
            first = mapping[key.raw][0].location
            raise ProblemsError(Problem(key.location, "HT011", f"duplicate key `{key.raw}`",
                                        f"it is already set on line {first.line}; "
                                        "keep one and delete the other"))
        mapping[key.raw] = (key, node)

    def check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag not in _SAFE_TAGS and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(event.start_mark, "HT012", f"YAML tag `{shown}` is not allowed",
                            "remove the tag; a tree holds only plain text, numbers, "
                            "dates, lists and mappings")

    def scalar(self, event: Any) -> YNode:
        self.check_tag(event)
        if len(event.value) > MAX_SCALAR_CHARS:
            raise self.fail(event.start_mark, "HT002", f"a value of {len(event.value):,} "
                            f"characters, more than the limit of {MAX_SCALAR_CHARS:,}",
                            "move long text into an article under content/")
        plain = event.style is None or event.style == ""
        tag = event.tag if event.tag and event.tag != "!" else None
        if tag is None and not plain:  # quoted or block text is text: no need to resolve it
            return YNode("scalar", self.source, event.start_mark.index, value=event.value,
                         raw=event.value)
        if tag is None:
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            value = event.value
        finally:  # the constructor remembers every node it built: forget them, keep memory flat
            self.constructor.constructed_objects.clear()
        if isinstance(value, float) and len(event.value) > 4300:
            value = event.value
        return YNode("scalar", self.source, event.start_mark.index, value=value, raw=event.value,
                     plain=plain)
