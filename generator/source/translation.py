"""A tree's text in another language: `decision_tree.es.yaml` beside `decision_tree.yaml`,
holding only text keyed by node id, merged onto the main tree. Structure (ids, `next`,
`still_stuck`, `article`, phone numbers, URLs) comes only from the main tree, so every
language walks the same paths and a support agent switches a link by adding `/es`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from generator.languages import language as language_record
from generator.model import Contact, HelpLink, Node, Outcome, Question, Tree
from generator.problems import Location, Problem, ProblemsError
from generator.source.files import SourceText
from generator.source.load import Reader
from generator.source.yaml_source import YNode, parse_yaml, read_source

TREE_TEXT_KEYS = ("title", "intro", "duration", "needs", "prevention", "help_area", "nodes", "contacts")
STRUCTURE_KEYS = ("version", "start", "allowed_domains", "next", "still_stuck", "article",
                  "reviewed", "aliases", "phone", "url", "sms", "node", "summary_of")
QUESTION_TEXT = ("question", "help", "keywords", "search_aliases")
OUTCOME_TEXT = ("outcome", "body", "prevention", "summary")
CONTACT_TEXT = ("name", "text", "hours", "note", "sms_body")


def sibling(path: Path, language: str) -> Path:
    """``decision_tree.yaml`` -> ``decision_tree.es.yaml``."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


@dataclass
class Translated:
    """The tree (or contacts) in one language, and what was missing or wrong."""

    problems: list[Problem] = field(default_factory=list)
    tree: Tree | None = None
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    source: SourceText | None = None  # the translation file, to point into


class _Merger:
    """Reads a translation against the main tree and writes its text onto a copy of it.
    ``partial``: a missing text is a warning and the main text stays."""

    def __init__(self, file: str, language: str, partial: bool) -> None:
        self.file, self.language, self.partial = file, language, partial
        self.reader = Reader()
        self.name = language_record(language).name

    @property
    def problems(self) -> list[Problem]:
        return self.reader.problems

    def missing(self, where: Location, what: str) -> None:
        self.reader.problem(where, "HT307" if self.partial else "HT219",
                            f"{what} has no {self.name} text in {Path(self.file).name}",
                            "translate it" + ("" if self.partial else
                                              ", or set `partial_translations: true`"))

    def extra(self, where: Location, what: str) -> None:
        self.reader.problem(where, "HT220", f"{what}, which the main tree does not have",
                            "a translation mirrors the main tree: remove it or fix the id")

    def values(self, node: YNode, what: str, text_keys: tuple[str, ...]) -> dict[str, YNode]:
        values = self.reader.mapping(node, what, text_keys + STRUCTURE_KEYS) or {}
        for key in [k for k in values if k in STRUCTURE_KEYS]:
            self.reader.problem(values.pop(key).location, "HT218",
                                f"`{key}` in a translation: {what} takes its `{key}` from the "
                                "main tree", "a translation holds text only; remove the line")
        return values

    def text(self, values: dict[str, YNode], key: str, main: str | None, where: Location,
             what: str) -> str | None:
        """The translated value of ``key``, or the main one (reported) when it is missing."""
        if main is None:
            if key in values:
                self.extra(values[key].location, f"{what} has `{key}`")
            return None
        if key not in values:
            self.missing(where, f"`{key}` of {what}")
            return main
        return self.reader.text(values[key], f"`{key}` of {what}") or main

    def items(self, node: YNode | None, main: tuple[object, ...], where: Location,
              what: str) -> list[YNode]:
        """A translated list, checked to have as many items as the main one."""
        if node is None:
            if main:
                self.missing(where, what)
            return []
        if node.kind != "seq":
            self.reader.problem(node.location, "HT101", f"{what} must be a list")
            return []
        if len(node.items) != len(main):
            self.reader.problem(node.location, "HT220", f"{what} has {len(node.items)} items, the "
                                f"main tree {len(main)}", "keep the same items in the same order")
        return list(node.items)

    # -- the tree --------------------------------------------------------------

    def tree(self, root: YNode, tree: Tree) -> Tree:
        values = self.values(root, "the translation", TREE_TEXT_KEYS)
        top = root.location
        title = self.text(values, "title", tree.title, top, "the tree") or tree.title
        listed = self.items(values.get("needs"), tree.needs, top, "`needs`")
        needs = tuple((self.reader.text(listed[i], "a `needs` item") if i < len(listed) else None)
                      or main for i, main in enumerate(tree.needs))
        links = self.items(values.get("help_area"), tree.help_area, top, "`help_area`")
        help_area = tuple(self.help_link(links[i], link) if i < len(links) else link
                          for i, link in enumerate(tree.help_area))
        nodes = self.nodes(values.get("nodes"), tree, top)
        return replace(
            tree, title=title, needs=needs, help_area=help_area, nodes=MappingProxyType(nodes),
            intro=self.text(values, "intro", tree.intro, top, "the tree"),
            duration=self.text(values, "duration", tree.duration, top, "the tree"),
            prevention=self.text(values, "prevention", tree.prevention, top, "the tree"),
            contacts=MappingProxyType(self.contacts(values.get("contacts"), tree.contacts, top)),
        )

    def help_link(self, item: YNode, link: HelpLink) -> HelpLink:
        values = self.values(item, f"help link \"{link.label}\"", ("label",))
        return replace(link, label=self.text(values, "label", link.label, item.location,
                                             f"help link \"{link.label}\"") or link.label)

    def nodes(self, node: YNode | None, tree: Tree, top: Location) -> dict[str, Node]:
        found: dict[str, YNode] = {}
        if node is None:
            self.missing(top, "`nodes`")
        elif node.kind != "map":
            self.reader.problem(node.location, "HT101", "`nodes` must be a mapping of id to text")
        else:
            for key, (key_node, value) in node.mapping.items():
                if key in tree.nodes:
                    found[key] = value
                else:
                    self.extra(key_node.location, f"the translation has node `{key}`")
        out: dict[str, Node] = {}
        for node_id, main in tree.nodes.items():
            text = found.get(node_id)
            if text is None:
                self.missing(top, f"node `{node_id}`")
                out[node_id] = main
            else:
                out[node_id] = self.question(text, main) if isinstance(main, Question) else \
                    self.outcome(text, main)
        return out

    def question(self, node: YNode, main: Question) -> Question:
        what = f"question `{main.id}`"
        values = self.values(node, what, (*QUESTION_TEXT, *OUTCOME_TEXT, "answers"))
        self._wrong_kind(values, OUTCOME_TEXT, what)
        listed = self.items(values.get("answers"), main.answers, node.location, f"`answers` of {what}")
        answers = list(main.answers)
        for number, (item, answer) in enumerate(zip(listed, main.answers, strict=False), 1):
            label = f"answer {number} of {what}"
            given = self.values(item, label, ("label", "hint"))
            answers[number - 1] = replace(
                answer, fields=_written_at(answer.fields, given),
                label=self.text(given, "label", answer.label, item.location, label) or answer.label,
                hint=self.text(given, "hint", answer.hint, item.location, label))
        return replace(main, question=self.text(values, "question", main.question, node.location, what)
                       or main.question, help=self.text(values, "help", main.help, node.location, what),
                       answers=tuple(answers), keywords=self.keywords(values, what),
                       search_aliases=self.keywords(values, what, "search_aliases"),
                       fields=_written_at(main.fields, values))

    def outcome(self, node: YNode, main: Outcome) -> Outcome:
        what = f"outcome `{main.id}`"
        values = self.values(node, what, (*QUESTION_TEXT, *OUTCOME_TEXT, "answers"))
        self._wrong_kind(values, ("question", "help", "answers"), what)
        at = node.location
        return replace(main, title=self.text(values, "outcome", main.title, at, what) or main.title,
                       fields=_written_at(main.fields, values),
                       body=self.text(values, "body", main.body, at, what),
                       prevention=self.text(values, "prevention", main.prevention, at, what),
                       summary=self.text(values, "summary", main.summary, at, what),
                       keywords=self.keywords(values, what),
                       search_aliases=self.keywords(values, what, "search_aliases"))

    def keywords(self, values: dict[str, YNode], what: str, key: str = "keywords") -> tuple[str, ...]:
        """A language's own search words (``keywords`` or ``search_aliases``): any number,
        since people type other words in other languages; with none given, none (the main
        language's would mislead)."""
        if key not in values:
            return ()
        return self.reader.text_list(values[key], f"`{key}` of {what}") or ()

    def _wrong_kind(self, values: dict[str, YNode], foreign: tuple[str, ...], what: str) -> None:
        for key in [k for k in values if k in foreign]:
            self.extra(values.pop(key).location, f"{what} has `{key}`")

    def contacts(self, node: YNode | None, main: Mapping[str, Contact],
                 top: Location) -> dict[str, Contact]:
        given: dict[str, YNode] = {}
        if node is not None and node.kind == "map":
            for key, (key_node, value) in node.mapping.items():
                if key in main:
                    given[key] = value
                else:
                    self.extra(key_node.location, f"the translation has contact `{key}`")
        elif node is not None:
            self.reader.problem(node.location, "HT101", "`contacts` must be a mapping of id to text")
        out: dict[str, Contact] = {}
        for contact_id, contact in main.items():
            what = f"contact `{contact_id}`"
            item = given.get(contact_id)
            if item is None:
                if any(getattr(contact, key) for key in CONTACT_TEXT):
                    self.missing(top, what)
                out[contact_id] = contact
                continue
            values = self.values(item, what, CONTACT_TEXT)
            at = item.location
            out[contact_id] = replace(
                contact, name=self.text(values, "name", contact.name, at, what) or contact.name,
                text=self.text(values, "text", contact.text, at, what),
                hours=self.text(values, "hours", contact.hours, at, what),
                note=self.text(values, "note", contact.note, at, what),
                sms_body=self.text(values, "sms_body", contact.sms_body, at, what),
                fields=_written_at(contact.fields, values))
        return out


def _written_at(fields: Mapping[str, Location], values: Mapping[str, YNode]) -> Mapping[str, Location]:
    """The translated keys located in the translation, so a problem with a translated
    text (its reading ease, a link) points at the line it is written on."""
    return MappingProxyType({**fields, **{key: node.location for key, node in values.items()}})


def _read(path: Path) -> tuple[YNode | None, list[Problem]]:
    try:
        return parse_yaml(read_source(path)), []
    except ProblemsError as err:
        return None, err.problems


def translate_tree(tree: Tree, language: str, *, partial: bool) -> Translated:
    """The tree in ``language``, from its sibling file."""
    path = sibling(Path(tree.file), language)
    merger = _Merger(str(path), language, partial)
    if not path.is_file():
        merger.missing(Location(tree.file), f"the guide {Path(tree.file).name} (no {path.name})")
        return Translated(merger.problems, tree)
    root, problems = _read(path)
    if root is None:
        return Translated(problems)
    return Translated(merger.problems, merger.tree(root, tree), source=root.source)


def translate_contacts(path: Path, contacts: Mapping[str, Contact], language: str, *,
                       partial: bool) -> Translated:
    """The shared contacts file's text in ``language``, from its sibling file."""
    target = sibling(path, language)
    merger = _Merger(str(target), language, partial)
    if not target.is_file():
        if contacts:
            merger.missing(Location(str(path)), f"the contacts file (no {target.name})")
        return Translated(merger.problems, contacts=contacts)
    root, problems = _read(target)
    if root is None:
        return Translated(problems, contacts=contacts)
    values = merger.values(root, "the contacts translation", ("contacts",))
    return Translated(merger.problems, contacts=merger.contacts(values.get("contacts"), contacts,
                                                                 root.location))

