"""JSON Schemas (draft 2020-12) of what helptree reads: a tree, a tree's translation, the
shared contacts file and its translation, built from the loader's own key lists, so that an
editor with the YAML language server checks a file as `helptree check` reads it.

`helptree schema KIND` prints one; `helptree schema --write DIR` writes them all (the
repository keeps them in docs/schema/; tests/test_schema.py keeps them equal to the loader
over every fixture and the bad-tree corpus)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.source.load import (
    ANSWER_KEYS,
    CONTACT_KEYS,
    CONTACTS_FILE_KEYS,
    DOMAIN_PATTERN,
    HELP_KEYS,
    ID_PATTERN,
    OUTCOME_KEYS,
    QUESTION_KEYS,
    TREE_KEYS,
)
from generator.source.translation import CONTACT_TEXT, OUTCOME_TEXT, QUESTION_TEXT, TREE_TEXT_KEYS

BASE_URL = "https://helptree.invalid/schema/"  # the schemas' ids; nothing is fetched from it
# A text field: what YAML gives for `label: Yes`, `label: 42` or `title: |`; helptree keeps
# the text as written. Empty or blank text is refused (HT104).
_TEXT: dict[str, Any] = {"anyOf": [{"type": "string", "pattern": r"\S"},
                                   {"type": ["number", "boolean"]}]}
_DOMAIN = f"^(?:{DOMAIN_PATTERN.pattern})$"
_ID: dict[str, Any] = {"type": "string", "pattern": f"^(?:{ID_PATTERN.pattern})$"}  # whole, as the loader
_DATE: dict[str, Any] = {"type": "string",
                         "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
_DESCRIPTIONS = {
    "version": "The format's version: 1.", "title": "The troubleshooter's name.",
    "intro": "Markdown for the start page.", "start": "The id of the first node.",
    "nodes": "Every node, by id (lowercase letters, digits, hyphens; part of its URL).",
    "duration": "How long it takes, e.g. `about 2 minutes`.",
    "needs": "What the reader will need, one short text each.",
    "prevention": "Markdown shown under \"Next time\" on outcome pages.",
    "help_area": "The help links every page shows in the same place.",
    "contacts": "Phone numbers and official addresses, used as {{ contacts.ID.FIELD }}.",
    "allowed_domains": "The only domains external links may go to (and their subdomains).",
    "question": "A question node: the question asked.", "help": "Markdown under the question.",
    "answers": "At least 2 answers, labels unique within the node.",
    "aliases": "Former ids that must keep working (each becomes a redirect).",
    "keywords": "Words readers type for what the page answers: searched, and listed in the A-Z.",
    "search_aliases": "Misspellings and other words for search only: searched, shown nowhere.",
    "outcome": "An outcome node: the title of the result.", "body": "Markdown: the steps.",
    "article": "A page under content/, e.g. `recovery/reset-password.md`.",
    "still_stuck": "Where \"This did not work\" leads: a node id.",
    "reviewed": "The date the facts were last checked, YYYY-MM-DD.",
    "summary": "One sentence, for staff replies and search previews.",
    "label": "The text readers tap.", "next": "The id of the node this answer leads to.",
    "hint": "A one-line explanation under the label.", "node": "A node id.",
}
KINDS = ("tree", "translation", "contacts", "contacts-translation")


def _described(key: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "description": _DESCRIPTIONS[key]} if key in _DESCRIPTIONS else schema


def _object(properties: Mapping[str, dict[str, Any]], required: tuple[str, ...] = (),
            **more: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {k: _described(k, v) for k, v in properties.items()},
            **({"required": list(required)} if required else {}),
            "additionalProperties": False, **more}


def _list(items: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **more}


def _ids(values: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "propertyNames": _ID, "additionalProperties": values}


def _contact(keys: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any]:
    return _object(dict.fromkeys(keys, _TEXT), required)  # what a value may hold: HT221


def tree_schema() -> dict[str, Any]:
    """decision_tree.yaml (and every guide's tree)."""
    answer = _object({"label": _TEXT, "next": _ID, "hint": _TEXT}, ("label", "next"))
    question_fields: dict[str, dict[str, Any]] = {
        "question": _TEXT, "help": _TEXT, "answers": _list({"$ref": "#/$defs/answer"}, minItems=2),
        "aliases": _list(_ID), "keywords": _list(_TEXT), "search_aliases": _list(_TEXT)}
    outcome_fields: dict[str, dict[str, Any]] = {
        "outcome": _TEXT, "body": _TEXT,
        "article": {"type": "string", "pattern": r"\.md$"}, "still_stuck": _ID,
        "reviewed": _DATE, "aliases": _list(_ID), "prevention": _TEXT,
        "keywords": _list(_TEXT), "search_aliases": _list(_TEXT), "summary": _TEXT}
    help_link = _object({"label": _TEXT, "node": _ID,
                         "article": {"type": "string", "pattern": r"\.md$"}}, ("label",),
                        oneOf=[{"required": ["node"]}, {"required": ["article"]}])
    top: dict[str, dict[str, Any]] = {
        "version": {"const": 1}, "title": _TEXT, "intro": _TEXT, "start": _ID,
        "nodes": {**_ids({"$ref": "#/$defs/node"}), "minProperties": 1}, "duration": _TEXT,
        "needs": _list(_TEXT), "prevention": _TEXT, "help_area": _list({"$ref": "#/$defs/help_link"}),
        "contacts": _ids({"$ref": "#/$defs/contact"}),
        "allowed_domains": _list({"type": "string", "pattern": _DOMAIN})}
    _same_keys(question_fields, QUESTION_KEYS, outcome_fields, OUTCOME_KEYS, top, TREE_KEYS,
               answer["properties"], ANSWER_KEYS, help_link["properties"], HELP_KEYS)
    return _document("tree", "A helptree decision tree (decision_tree.yaml)",
                     _object(top, ("version", "title", "start", "nodes")), {
        "node": {"oneOf": [{"$ref": "#/$defs/question"}, {"$ref": "#/$defs/outcome"}]},
        "question": _object(question_fields, ("question", "answers")),
        "outcome": _object(outcome_fields, ("outcome",),
                           anyOf=[{"required": ["body"]}, {"required": ["article"]}]),
        "answer": answer, "help_link": help_link,
        "contact": _contact(CONTACT_KEYS, ("name",)),
    })


def translation_schema() -> dict[str, Any]:
    """decision_tree.es.yaml: the main tree's text keys only, by node id."""
    lists = ("keywords", "search_aliases")
    node_text = {key: _TEXT for key in (*QUESTION_TEXT, *OUTCOME_TEXT) if key not in lists}
    node = _object({**node_text, **{key: _list(_TEXT) for key in lists},
                    "answers": _list(_object({"label": _TEXT, "hint": _TEXT}))})
    top: dict[str, dict[str, Any]] = {
        "title": _TEXT, "intro": _TEXT, "duration": _TEXT, "needs": _list(_TEXT),
        "prevention": _TEXT, "help_area": _list(_object({"label": _TEXT})),
        "nodes": _ids(node), "contacts": _ids(_contact(CONTACT_TEXT, ()))}
    assert tuple(top) == TREE_TEXT_KEYS
    return _document("translation", "A translation of a helptree tree (decision_tree.es.yaml):"
                     " text only, in the main tree's shape", _object(top), {})


def contacts_schema() -> dict[str, Any]:
    """contacts.yaml: the contacts and allowed domains every guide shares."""
    top = {"contacts": _ids(_contact(CONTACT_KEYS, ("name",))),
           "allowed_domains": _list({"type": "string", "pattern": _DOMAIN})}
    assert tuple(top) == CONTACTS_FILE_KEYS
    return _document("contacts", "helptree's shared contacts (contacts.yaml)", _object(top), {})


def contacts_translation_schema() -> dict[str, Any]:
    """contacts.es.yaml: the contacts' text only."""
    return _document("contacts-translation", "A translation of helptree's shared contacts "
                     "(contacts.es.yaml): text only",
                     _object({"contacts": _ids(_contact(CONTACT_TEXT, ()))}), {})


def _same_keys(*pairs: Any) -> None:
    """The schema's keys are the loader's: a key added to one is added to the other."""
    for properties, keys in zip(pairs[::2], pairs[1::2], strict=True):
        assert set(properties) == set(keys), (sorted(properties), sorted(keys))


def _document(kind: str, title: str, root: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{BASE_URL}{file_name(kind)}", "title": title, **root,
            **({"$defs": defs} if defs else {})}


def schema(kind: str) -> dict[str, Any]:
    return {"tree": tree_schema, "translation": translation_schema, "contacts": contacts_schema,
            "contacts-translation": contacts_translation_schema}[kind]()


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def text(kind: str) -> str:
    """The schema as helptree prints and writes it."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        target = folder / file_name(kind)
        target.write_text(text(kind), encoding="utf-8")
        written.append(target)
    return written
