"""The JSON Schemas of generator/source/schema.py agree with the loader: every file helptree reads
without a schema-level problem is valid, every bad tree of the corpus whose problem a schema
can see is invalid, docs/schema/ holds what `helptree schema` prints, and the starter's files
name their schema for the YAML language server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from treekit import TESTS

from generator.cli.main import main
from generator.source.schema import KINDS, file_name, schema, text

ROOT = TESTS.parent
CORPUS = sorted((TESTS / "corpus" / "bad").glob("*.yaml"))
# What a schema can see: shapes, keys, required keys, empty text, ids, dates, version,
# node kinds, help links, domains, answer counts (not a date in the future).
SCHEMA_CODES = {"HT101", "HT102", "HT103", "HT104", "HT105", "HT106", "HT107", "HT109", "HT110",
                "HT111", "HT112", "HT113", "HT114", "HT203"}
EXPECT = re.compile(r"^# expect: \d+:\d+ (HT\d{3}) (.*)$")


class _Yaml12(yaml.SafeLoader):
    """YAML as an editor's language server (YAML 1.2) reads it: dates stay text."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def editor_data(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)


def validator(kind: str) -> jsonschema.Draft202012Validator:
    found = schema(kind)
    jsonschema.Draft202012Validator.check_schema(found)
    return jsonschema.Draft202012Validator(found)


def valid_files() -> list[tuple[str, Path]]:
    """Every tree, translation and contacts file the project and the tests hold as valid."""
    trees = [ROOT / "decision_tree.yaml", ROOT / "guides" / "money.yaml",
             *(TESTS / "fixtures").glob("*/*.yaml"),
             ROOT / "generator" / "scaffold" / "decision_tree.yaml",
             ROOT / "generator" / "templates" / "new_guide.yaml"]
    found = [("contacts" if p.name == "contacts.yaml" else "tree", p) for p in trees]
    found += [("translation", ROOT / "decision_tree.es.yaml"),
              ("translation", ROOT / "guides" / "money.es.yaml"),
              ("contacts", ROOT / "contacts.yaml"), ("contacts-translation", ROOT / "contacts.es.yaml"),
              ("contacts", ROOT / "generator" / "scaffold" / "contacts.yaml")]
    return found


@pytest.mark.parametrize(("kind", "path"), valid_files(), ids=lambda v: str(v).split("wt-author/")[-1])
def test_every_file_helptree_reads_as_valid_is_valid(kind: str, path: Path) -> None:
    errors = [e.message for e in validator(kind).iter_errors(editor_data(path))]
    assert errors == []


def test_the_translations_of_the_language_tests_are_valid(tmp_path: Path) -> None:
    from test_languages import bilingual

    root = bilingual(tmp_path).parent
    for name, kind in (("login.es.yaml", "translation"), ("money.es.yaml", "translation"),
                       ("contacts.es.yaml", "contacts-translation")):
        assert list(validator(kind).iter_errors(editor_data(root / name))) == [], name


def _corpus(path: Path) -> tuple[str, str] | None:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", errors="replace")
    found = EXPECT.match(first)
    return (found.group(1), found.group(2)) if found else None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_the_corpus_is_judged_as_the_loader_judges_it(path: Path) -> None:
    """Invalid when the loader's problem is one a schema sees; valid when it is not (a
    graph, link or contact problem the schema cannot know). YAML the editor cannot read at
    all (tabs, tags, bad bytes) is the parser's business, not the schema's."""
    expected = _corpus(path)
    if expected is None or expected[0].startswith("HT0"):
        return
    try:
        data = editor_data(path)
    except (yaml.YAMLError, UnicodeDecodeError):
        return
    code, fragment = expected
    sees = (code in SCHEMA_CODES and "in the future" not in fragment) or \
        (code == "HT209" and "ending in `.md`" in fragment)  # `article:` names a .md file
    errors = list(validator("tree").iter_errors(data))
    assert bool(errors) is sees, (code, fragment, [e.message for e in errors])


def test_a_translation_that_holds_structure_is_invalid() -> None:
    errors = list(validator("translation").iter_errors(
        {"nodes": {"start": {"question": "¿Qué?", "answers": [{"label": "Sí", "next": "x"}]}}}))
    assert errors


def test_docs_schema_holds_what_helptree_schema_prints(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in KINDS:
        written = (ROOT / "docs" / "schema" / file_name(kind)).read_text(encoding="utf-8")
        assert written == text(kind), f"run `helptree schema --write docs/schema` ({kind})"
        assert main(["schema", kind]) == 0
        assert json.loads(capsys.readouterr().out) == schema(kind)


def test_the_starter_names_its_schemas_for_the_yaml_language_server(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "p"), "--guide", "money"]) == 0
    project = tmp_path / "p"
    for name, kind in (("decision_tree.yaml", "tree"), ("contacts.yaml", "contacts"),
                       ("guides/money.yaml", "tree")):
        first = (project / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (project / name).parent / first.split("$schema=", 1)[1]
        assert target.resolve() == (project / "schema" / file_name(kind)).resolve()
        assert target.read_text(encoding="utf-8") == text(kind)
