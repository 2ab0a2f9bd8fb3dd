"""How far each translation is: every translated text against the main-language text it
translates. `translations.lock` (beside mkdocs.yml, written by `helptree translate
--mark-reviewed`) keeps a fingerprint of the main text each translation was reviewed
against; a changed main text makes its translation warning HT310 until it is reviewed."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.model import Contact, Question, Tree
from generator.problems import Location, Problem, ProblemsError
from generator.source.articles import Article
from generator.source.spec import LOCK_NAME
from generator.source.translation import sibling
from generator.source.yaml_source import YNode, parse_yaml, read_source

if TYPE_CHECKING:
    from generator.check.checked import CheckedProject

LOCK_VERSION = 1
_TREE_KEYS = ("title", "intro", "duration", "prevention")
_QUESTION_KEYS = {"question": "question", "help": "help"}  # key in a translation: attribute
_OUTCOME_KEYS = {"outcome": "title", "body": "body", "prevention": "prevention", "summary": "summary"}
_NODE_KEYS = {**_QUESTION_KEYS, **_OUTCOME_KEYS}
_CONTACT_KEYS = ("name", "text", "hours", "note")


def fingerprint(text: str) -> str:
    """A short fingerprint of a main-language text: 12 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Row:
    """One translation file (or a language's articles) in the `helptree check` table."""

    file: str  # the translation, relative to the project
    language: str
    translated: int
    missing: int
    out_of_date: int


@dataclass
class Status:
    """Every translated text of a project: where it is written and the fingerprint of the
    main text it translates now, by language and main file."""

    root: Path
    texts: dict[str, dict[str, dict[str, tuple[Location, str]]]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def lock(self) -> dict[str, Any]:
        """The lock file's content with every translated text marked reviewed now."""
        return {"version": LOCK_VERSION, **{
            language: {main: {key: print_ for key, (_, print_) in sorted(keys.items())}
                       for main, keys in sorted(files.items())}
            for language, files in sorted(self.texts.items())}}


def lock_file(project: CheckedProject) -> Path:
    spec = project.spec
    root = spec.config_file.parent if spec.config_file else spec.guides[0].tree.parent
    return root / LOCK_NAME


def read_lock(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The recorded fingerprints ({} without a lock file); one that cannot be read is HT311."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return {}, [Problem(Location(str(path)), "HT311", f"cannot read the translation lock: {err}",
                            "delete it and run `helptree translate --mark-reviewed`")]
    if not isinstance(data, dict) or data.get("version") != LOCK_VERSION:
        return {}, [Problem(Location(str(path)), "HT311", "the translation lock is not one helptree "
                            f"wrote (version {LOCK_VERSION})",
                            "delete it and run `helptree translate --mark-reviewed`")]
    return data, []


def write_lock(path: Path, status: Status) -> None:
    """Atomically: a lock half written would flag every translation."""
    text = json.dumps(status.lock(), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".translations-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def translation_status(project: CheckedProject, twins: Mapping[str, Article]) -> tuple[Status, list[Problem]]:
    """The table of every translation and HT310 for each text whose main text changed
    since its translation was marked reviewed."""
    spec = project.spec
    status = Status(lock_file(project).parent)
    languages = spec.options.languages[1:]
    if not languages:
        return status, []
    locked, problems = read_lock(lock_file(project))
    for language in languages:
        files: dict[str, tuple[Path, Path, dict[str, str], dict[str, Location]]] = {}
        for guide in project.guides:
            if guide.spec.in_language(language):
                target = sibling(guide.spec.tree, language)
                files[_relative(guide.spec.tree, status.root)] = (
                    guide.spec.tree, target, dict(tree_texts(guide.tree)), _written(target, _tree_paths))
        if spec.contacts_file is not None:
            shared = _main_contacts(project, spec.contacts_file)
            target = sibling(spec.contacts_file, language)
            files[_relative(spec.contacts_file, status.root)] = (
                spec.contacts_file, target, dict(contact_texts(shared)),
                _written(target, _contacts_paths))
        per_language = status.texts.setdefault(language, {})
        for main_name, (_, target, main_texts, written) in files.items():
            recorded = locked.get(language, {}).get(main_name, {})
            keys = per_language.setdefault(main_name, {})
            stale = 0
            for key, where in written.items():
                if key not in main_texts:
                    continue  # HT220 says so
                now = fingerprint(main_texts[key])
                keys[key] = (where, now)
                if key in recorded and recorded[key] != now:
                    stale += 1
                    problems.append(_stale(where, key, main_name))
            done = len(keys)
            status.rows.append(Row(_relative(target, status.root), language, done,
                                   len(main_texts) - done, stale))
        problems += _articles(project, twins, language, status, locked)
    return status, problems


def _articles(project: CheckedProject, twins: Mapping[str, Article], language: str,
              status: Status, locked: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    content = project.spec.content_dir
    if content is None:
        return problems
    translated = missing = stale = 0
    per_language = status.texts.setdefault(language, {})
    for src_uri, article in project.articles.items():
        if not article.in_language(language):
            continue
        twin = twins.get(src_uri[:-3] + f".{language}.md")
        if twin is None:
            missing += 1
            continue
        translated += 1
        name = _relative(content / src_uri, status.root)
        now = fingerprint(f"{article.title}\n{article.description or ''}\n{article.body}")
        where = Location(twin.source.name, 1, 1)
        per_language[name] = {"article": (where, now)}
        recorded = locked.get(language, {}).get(name, {}).get("article")
        if recorded is not None and recorded != now:
            stale += 1
            problems.append(_stale(where, "the article", name))
    if translated or missing:
        status.rows.append(Row(f"{_relative(content, status.root)}/*.{language}.md", language,
                               translated, missing, stale))
    return problems


def _stale(where: Location, key: str, main: str) -> Problem:
    return Problem(where, "HT310", f"the translation of {key} of {main} was reviewed against an "
                   "older main text, which has changed since",
                   "update the translation, then run `helptree translate --mark-reviewed`")


def tree_texts(tree: Tree) -> Iterator[tuple[str, str]]:
    """Every translatable text of a main tree, by its path in a translation file."""
    for key in _TREE_KEYS:
        if getattr(tree, key):
            yield key, getattr(tree, key)
    for number, need in enumerate(tree.needs):
        yield f"needs.{number}", need
    for number, link in enumerate(tree.help_area):
        yield f"help_area.{number}.label", link.label
    for node_id, node in tree.nodes.items():
        for key, attribute in (_QUESTION_KEYS if isinstance(node, Question) else _OUTCOME_KEYS).items():
            value = getattr(node, attribute, None)
            if isinstance(value, str) and value:
                yield f"nodes.{node_id}.{key}", value
        for number, answer in enumerate(node.answers if isinstance(node, Question) else ()):
            yield f"nodes.{node_id}.answers.{number}.label", answer.label
            if answer.hint:
                yield f"nodes.{node_id}.answers.{number}.hint", answer.hint
    yield from contact_texts(tree.contacts)


def contact_texts(contacts: Mapping[str, Contact]) -> Iterator[tuple[str, str]]:
    for contact_id, contact in contacts.items():
        for key in _CONTACT_KEYS:
            value = getattr(contact, key)
            if value:
                yield f"contacts.{contact_id}.{key}", value


def _main_contacts(project: CheckedProject, path: Path) -> Mapping[str, Contact]:
    """The shared file's contacts (the project's, less those the trees define)."""
    return {cid: c for cid, c in project.contacts.items() if c.location.file == str(path)}


def _written(path: Path, paths: Any) -> dict[str, Location]:
    """The texts a translation file writes, by path; none when it cannot be read (the
    translation's own checks say why)."""
    if not path.is_file():
        return {}
    try:
        root = parse_yaml(read_source(path))
    except ProblemsError:
        return {}
    return dict(paths(root))


def _tree_paths(root: YNode) -> Iterator[tuple[str, Location]]:
    top = _map(root)
    for key in _TREE_KEYS:
        if key in top:
            yield key, top[key].location
    for list_key, item_key in (("needs", None), ("help_area", "label")):
        for number, item in enumerate(top[list_key].items if list_key in top else ()):
            if item_key is None:
                yield f"needs.{number}", item.location
            elif item_key in _map(item):
                yield f"help_area.{number}.{item_key}", _map(item)[item_key].location
    for node_id, node in _map(top.get("nodes")).items():
        fields = _map(node)
        for key in _NODE_KEYS:
            if key in fields:
                yield f"nodes.{node_id}.{key}", fields[key].location
        for number, answer in enumerate(fields["answers"].items if "answers" in fields else ()):
            for key, value in _map(answer).items():
                if key in ("label", "hint"):
                    yield f"nodes.{node_id}.answers.{number}.{key}", value.location
    yield from _contacts_paths(root)


def _contacts_paths(root: YNode) -> Iterator[tuple[str, Location]]:
    for contact_id, contact in _map(_map(root).get("contacts")).items():
        for key, value in _map(contact).items():
            if key in _CONTACT_KEYS:
                yield f"contacts.{contact_id}.{key}", value.location


def _map(node: YNode | None) -> dict[str, YNode]:
    if node is None or node.kind != "map":
        return {}
    return {key: value for key, (_, value) in node.mapping.items()}


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def table(rows: list[Row]) -> str:
    """The rows as `helptree check` prints them, aligned."""
    head = ("translation", "language", "translated", "missing", "out of date")
    cells = [head, *[(r.file, r.language, str(r.translated), str(r.missing), str(r.out_of_date))
                     for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                       for i, cell in enumerate(row)).rstrip() for row in cells]
    return "\n".join(lines)
