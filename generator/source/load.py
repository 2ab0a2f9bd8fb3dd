"""Turn located YAML into the model, reporting every wrong type and unknown key."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from generator.codes import CodeName
from generator.model import Answer, Contact, HelpLink, Node, Outcome, Question, Tree
from generator.problems import Location, Problem, ProblemsError
from generator.source.files import SourceText
from generator.source.yaml_source import YNode, parse_yaml, read_source

SCHEMA_VERSION = 1
MAX_NODES = 20_000
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always fullmatch: `$` passes "id\n"
DOMAIN_PATTERN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")

TREE_KEYS = ("version", "title", "intro", "start", "nodes", "duration", "needs",
             "prevention", "help_area", "contacts", "allowed_domains")
QUESTION_KEYS = ("question", "help", "answers", "aliases", "keywords", "search_aliases")
OUTCOME_KEYS = ("outcome", "body", "article", "still_stuck", "reviewed", "aliases", "prevention",
                "keywords", "search_aliases", "summary")
ANSWER_KEYS = ("label", "next", "hint")
CONTACT_KEYS = ("name", "phone", "text", "url", "hours", "note", "sms", "sms_body")
HELP_KEYS = ("label", "node", "article")
CONTACTS_FILE_KEYS = ("contacts", "allowed_domains")

T = TypeVar("T")


@dataclass
class LoadResult:
    """The tree as far as it could be read, and every problem met on the way."""

    tree: Tree | None
    source: SourceText | None
    problems: list[Problem] = field(default_factory=list)
    # ids whose links could not all be read (the node itself, an answer, a `next` or a
    # `still_stuck`): checks that follow links stay quiet about what they cannot see
    broken: frozenset[str] = frozenset()


def load_tree(path: Path | str) -> LoadResult:
    """Read ``decision_tree.yaml``; never raises for bad input."""
    try:
        source = read_source(Path(path))
        root = parse_yaml(source)
    except ProblemsError as err:
        return LoadResult(None, None, err.problems)
    return load_tree_from(root, source)


@dataclass
class ContactsResult:
    """The shared contacts file: contacts and allowed domains that every guide uses."""

    contacts: Mapping[str, Contact]
    allowed_domains: tuple[str, ...]
    source: SourceText | None
    problems: list[Problem] = field(default_factory=list)


def load_contacts(path: Path) -> ContactsResult:
    """Read the shared contacts file (`contacts:` and `allowed_domains:`); never raises."""
    try:
        source = read_source(path)
        root = parse_yaml(source)
    except ProblemsError as err:
        return ContactsResult({}, (), None, err.problems)
    reader = Reader()
    values = reader.mapping(root, "the contacts file", CONTACTS_FILE_KEYS) or {}
    contacts = reader.optional(values, "contacts", "the contacts file", reader.contacts) or {}
    domains = reader.optional(values, "allowed_domains", "the contacts file", reader.domains) or ()
    return ContactsResult(MappingProxyType(contacts), domains, source, reader.problems)


def load_tree_from(root: YNode, source: SourceText) -> LoadResult:
    reader = Reader()
    tree = reader.tree(root)
    return LoadResult(tree, source, reader.problems, frozenset(reader.broken))


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.fullmatch(value))


def suggest(word: str, choices: list[str] | tuple[str, ...] | Any) -> str | None:
    """The closest choice, for "did you mean" hints."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "node"


class Reader:
    """Reads one file; collects problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.broken: set[str] = set()

    def problem(self, where: Location, code: CodeName, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(where, code, message, hint))

    # -- generic shapes ------------------------------------------------------

    def mapping(self, node: YNode, what: str, allowed: tuple[str, ...]) -> dict[str, YNode] | None:
        if node.kind != "map":
            self.problem(node.location, "HT101", f"{what} must be a mapping of `key: value` "
                         f"lines, not {node.type_name}", f"expected keys: {', '.join(allowed)}")
            return None
        out: dict[str, YNode] = {}
        for key, (key_node, value) in node.mapping.items():
            if key not in allowed:
                guess = suggest(key, allowed)
                hint = f"did you mean `{guess}`?" if guess else f"allowed keys: {', '.join(allowed)}"
                self.problem(key_node.location, "HT102", f"unknown key `{key}` in {what}", hint)
                if guess and guess not in node.mapping and guess not in out:
                    # Read `lable:` as the `label:` it was meant to be (the error stands), so
                    # one typo is one problem, not a cascade of "missing `label`".
                    out[guess] = value
                continue
            out[key] = value
        return out

    def required(self, values: dict[str, YNode], key: str, where: Location, what: str,
                 read: Callable[[YNode, str], T | None]) -> T | None:
        if key not in values:
            self.problem(where, "HT103", f"{what} is missing `{key}`", f"add a `{key}:` line")
            return None
        return read(values[key], f"`{key}` of {what}")

    def optional(self, values: dict[str, YNode], key: str, what: str,
                 read: Callable[[YNode, str], T | None]) -> T | None:
        return read(values[key], f"`{key}` of {what}") if key in values else None

    def text(self, node: YNode, what: str) -> str | None:
        if node.kind == "scalar" and isinstance(node.value, str) and not node.plain \
                and not node.value.strip():  # `body: ""`: quoted already, and empty
            self.problem(node.location, "HT104", f"{what} is empty",
                         "write the text between the quotes, or delete the line")
            return None
        if node.kind != "scalar" or node.value is None or not node.raw.strip():
            got = "nothing" if node.kind == "scalar" else node.type_name
            self.problem(node.location, "HT104", f"{what} must be text, not {got}",
                         "write the text after the colon; quote it if it starts with a symbol")
            return None
        if isinstance(node.value, str) or node.plain:
            return node.raw
        return str(node.value)

    def line(self, node: YNode, what: str) -> str | None:
        """Text shown on one line (a title, a question, a label): `|` blocks and folded
        lines become single spaces, so `label: |` cannot break a link or a listing."""
        value = self.text(node, what)
        return " ".join(value.split()) if value is not None else None

    def node_id(self, node: YNode, what: str) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not is_valid_id(value):
            self.problem(node.location, "HT105", f"{what} `{value}` is not a valid id",
                         f"use lowercase letters, digits and hyphens, like `{slugify(value)}`")
            return None
        return value

    def id_list(self, node: YNode, what: str) -> tuple[str, ...] | None:
        if node.kind != "seq":
            one = self.node_id(node, what)
            return (one,) if one else None
        found = (self.node_id(item, what) for item in node.items)
        return tuple(x for x in found if x)

    def text_list(self, node: YNode, what: str) -> tuple[str, ...] | None:
        if node.kind != "seq":
            self.problem(node.location, "HT101", f"{what} must be a list (lines starting "
                         f"with `- `), not {node.type_name}")
            return None
        found = (self.text(item, what) for item in node.items)
        return tuple(x for x in found if x)

    def domains(self, node: YNode, what: str) -> tuple[str, ...] | None:
        """Bare host names: `https://jpay.com/` would silently never match a link."""
        if node.kind != "seq":
            return self.text_list(node, what)
        found: list[str] = []
        for item in node.items:
            value = self.text(item, what)
            if value is None:
                continue
            if not DOMAIN_PATTERN.fullmatch(value.lower()):
                bare = re.sub(r"^[a-z]+://|[/:?#].*$", "", value.strip().lower(), count=2).strip("*.")
                self.problem(item.location, "HT114", f"`{value}` in {what} is not a domain name",
                             f"write just the domain, like `{bare or 'example.org'}`")
                continue
            found.append(value)
        return tuple(found)

    def date(self, node: YNode, what: str) -> dt.date | None:
        value = node.value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.problem(node.location, "HT106", f"{what} must be a date like 2026-11-20, "
                     f"not {node.raw or node.type_name!s}", "write the date as YYYY-MM-DD")
        return None

    # -- the tree ------------------------------------------------------------

    def tree(self, root: YNode) -> Tree | None:
        values = self.mapping(root, "the tree", TREE_KEYS)
        if values is None:
            return None
        top = root.location
        version = values.get("version")
        if version is None:
            self.problem(top, "HT103", "the tree is missing `version`", "add `version: 1` at the top")
        elif not isinstance(version.value, int) or isinstance(version.value, bool):
            got = f"`{version.raw}`" if isinstance(version.value, float) else version.type_name
            self.problem(version.location, "HT107", f"`version` must be a whole number, not {got}",
                         f"write `version: {SCHEMA_VERSION}` without quotes")
        elif version.value != SCHEMA_VERSION:
            self.problem(version.location, "HT107", f"unsupported `version` {version.value}",
                         f"this helptree reads version {SCHEMA_VERSION}")
        title = self.required(values, "title", top, "the tree", self.line)
        start = self.required(values, "start", top, "the tree", self.node_id)
        nodes = self.nodes(values["nodes"]) if "nodes" in values else None
        if nodes is None and "nodes" not in values:
            self.problem(top, "HT103", "the tree is missing `nodes`",
                         "add `nodes:` with at least one question and one outcome")
        help_area = self.optional(values, "help_area", "the tree", self.help_area)
        contacts = self.optional(values, "contacts", "the tree", self.contacts)
        return Tree(
            location=top, fields=_where(values),
            title=title or "", start=start or "", nodes=MappingProxyType(nodes or {}),
            intro=self.optional(values, "intro", "the tree", self.text),
            duration=self.optional(values, "duration", "the tree", self.text),
            needs=self.optional(values, "needs", "the tree", self.text_list) or (),
            prevention=self.optional(values, "prevention", "the tree", self.text),
            help_area=help_area or (),
            contacts=MappingProxyType(contacts or {}),
            allowed_domains=self.optional(values, "allowed_domains", "the tree",
                                          self.domains) or (),
        )

    def nodes(self, node: YNode) -> dict[str, Node] | None:
        if node.kind != "map":
            self.problem(node.location, "HT101", f"`nodes` must be a mapping of id to node, "
                         f"not {node.type_name}", "write each node as `node-id:` then its keys")
            return None
        if not node.mapping:
            self.problem(node.location, "HT103", "`nodes` is empty",
                         "add at least one question and one outcome")
            return None
        if len(node.mapping) > MAX_NODES:
            self.problem(node.location, "HT108", f"more than {MAX_NODES:,} nodes",
                         "split the guide into several trees")
            return None
        out: dict[str, Node] = {}
        for key, (key_node, value) in node.mapping.items():
            if not is_valid_id(key):
                self.problem(key_node.location, "HT105", f"node id `{key}` is not a valid id",
                             f"use lowercase letters, digits and hyphens, like `{slugify(key)}`")
                continue
            built = self.tree_node(key, key_node.location, value)
            if built is None:
                self.broken.add(key)
                built = Outcome(location=key_node.location, id=key, title=key)
            out[key] = built
        return out

    def tree_node(self, node_id: str, where: Location, node: YNode) -> Node | None:
        what = f"node `{node_id}`"
        if node.kind != "map":
            self.problem(node.location if node.kind != "scalar" or node.raw else where, "HT101",
                         f"{what} must be a mapping with `question:` or `outcome:`, "
                         f"not {node.type_name}")
            return None
        keys = set(node.mapping)
        if "question" in keys and "outcome" in keys:
            self.problem(node.mapping["outcome"][0].location, "HT110",
                         f"{what} has both `question` and `outcome`",
                         "a node is either a question or an outcome: split it in two")
            return None
        if "question" in keys:
            result: Node | None = self.question(node_id, where, node, what)
        elif "outcome" in keys:
            result = self.outcome(node_id, where, node, what)
        else:
            guess = next((k for k in keys if suggest(k, ("question", "outcome"))), None)
            hint = (f"did you mean `{suggest(guess, ('question', 'outcome'))}` instead of `{guess}`?"
                    if guess else "add `question:` (with `answers:`) or `outcome:` (with `body:`)")
            self.problem(where, "HT109", f"{what} is neither a question nor an outcome", hint)
            return None
        return result

    def question(self, node_id: str, where: Location, node: YNode, what: str) -> Question:
        self.wrong_kind(node, what, OUTCOME_KEYS, QUESTION_KEYS, "an outcome", "a question")
        values = self.mapping(node, what, QUESTION_KEYS + OUTCOME_KEYS) or {}
        values = {k: v for k, v in values.items() if k in QUESTION_KEYS}
        answers: list[Answer] = []
        listed = values.get("answers")
        if listed is None:
            self.problem(where, "HT103", f"{what} is missing `answers`",
                         "add `answers:` with at least two `- label: ... next: ...` items")
        elif listed.kind != "seq":
            self.problem(listed.location, "HT101", f"`answers` of {what} must be a "
                         f"list, not {listed.type_name}", "start each answer with `- label:`")
        else:
            for index, item in enumerate(listed.items, 1):
                answer = self.answer(item, f"answer {index} of {what}")
                if answer is not None:
                    answers.append(answer)
        all_read = listed is not None and listed.kind == "seq" and len(answers) == len(listed.items)
        if not all_read or any(not answer.next for answer in answers):
            self.broken.add(node_id)
        return Question(
            location=where, fields=_where(values), id=node_id,
            question=self.required(values, "question", where, what, self.line) or "",
            help=self.optional(values, "help", what, self.text),
            answers=tuple(answers),
            aliases=self.optional(values, "aliases", what, self.id_list) or (),
            keywords=self.optional(values, "keywords", what, self.text_list) or (),
            search_aliases=self.optional(values, "search_aliases", what, self.text_list) or (),
        )

    def answer(self, node: YNode, what: str) -> Answer | None:
        values = self.mapping(node, what, ANSWER_KEYS)
        if values is None:
            return None
        label = self.required(values, "label", node.location, what, self.line)
        target = self.required(values, "next", node.location, what, self.node_id)
        return Answer(location=node.location, fields=_where(values), label=label or "",
                      next=target or "", hint=self.optional(values, "hint", what, self.text))

    def outcome(self, node_id: str, where: Location, node: YNode, what: str) -> Outcome:
        self.wrong_kind(node, what, QUESTION_KEYS, OUTCOME_KEYS, "a question", "an outcome")
        values = self.mapping(node, what, QUESTION_KEYS + OUTCOME_KEYS) or {}
        values = {k: v for k, v in values.items() if k in OUTCOME_KEYS}
        still_stuck = self.optional(values, "still_stuck", what, self.node_id)
        if "still_stuck" in values and still_stuck is None:
            self.broken.add(node_id)
        if "body" not in values and "article" not in values:
            self.problem(where, "HT111", f"{what} has neither `body` nor `article`",
                         "add `body:` with the steps, or `article:` naming a page in content/")
        return Outcome(
            location=where, fields=_where(values), id=node_id,
            title=self.required(values, "outcome", where, what, self.line) or "",
            body=self.optional(values, "body", what, self.text),
            article=self.optional(values, "article", what, self.text),
            still_stuck=still_stuck,
            reviewed=self.optional(values, "reviewed", what, self.date),
            aliases=self.optional(values, "aliases", what, self.id_list) or (),
            prevention=self.optional(values, "prevention", what, self.text),
            keywords=self.optional(values, "keywords", what, self.text_list) or (),
            search_aliases=self.optional(values, "search_aliases", what, self.text_list) or (),
            summary=self.optional(values, "summary", what, self.line),
        )

    def wrong_kind(self, node: YNode, what: str, foreign: tuple[str, ...], own: tuple[str, ...],
                   other: str, this: str) -> None:
        for key, (key_node, _) in node.mapping.items():
            if key in foreign and key not in own:
                self.problem(key_node.location, "HT112", f"`{key}` belongs to {other}, but "
                             f"{what} is {this}", f"remove `{key}`, or make the node {other}")

    def help_area(self, node: YNode, what: str) -> tuple[HelpLink, ...] | None:
        if node.kind != "seq":
            self.problem(node.location, "HT101", f"{what} must be a list, not {node.type_name}")
            return None
        links: list[HelpLink] = []
        for index, item in enumerate(node.items, 1):
            label = f"help link {index}"
            values = self.mapping(item, label, HELP_KEYS)
            if values is None:
                continue
            if ("node" in values) == ("article" in values):
                self.problem(item.location, "HT113", f"{label} needs exactly one of `node` "
                             "and `article`", "point it at a node id or an article path")
            links.append(HelpLink(
                location=item.location, fields=_where(values),
                label=self.required(values, "label", item.location, label, self.line) or "",
                node=self.optional(values, "node", label, self.node_id),
                article=self.optional(values, "article", label, self.text),
            ))
        return tuple(links)

    def contacts(self, node: YNode, what: str) -> dict[str, Contact] | None:
        if node.kind != "map":
            self.problem(node.location, "HT101", f"{what} must be a mapping of id to contact")
            return None
        out: dict[str, Contact] = {}
        for key, (key_node, value) in node.mapping.items():
            label = f"contact `{key}`"
            if not is_valid_id(key):
                self.problem(key_node.location, "HT105", f"contact id `{key}` is not a valid id",
                             f"use lowercase letters, digits and hyphens, like `{slugify(key)}`")
                continue
            values = self.mapping(value, label, CONTACT_KEYS)
            if values is None:
                continue
            fields = {k: self.optional(values, k, label, self.text) for k in CONTACT_KEYS[1:]}
            out[key] = Contact(
                location=key_node.location, fields=_where(values), id=key,
                name=self.required(values, "name", key_node.location, label, self.text) or "",
                **fields,
            )
        return out


def _where(values: Mapping[str, YNode]) -> Mapping[str, Location]:
    return MappingProxyType({key: value.location for key, value in values.items()})
