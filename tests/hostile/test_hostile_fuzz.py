"""Fuzzing `helptree check`: mutated valid trees and articles never crash it, and every
problem it reports is located inside the file it names (FILE:LINE:COL, line in range).

The checker runs in-process (``generator.cli.main.main``). How many cases each test tries scales
with HELPTREE_FUZZ (see tests/fuzzkit.py): a tenth of the full counts by default, the full
counts with HELPTREE_FUZZ=1, and a deep run with HELPTREE_FUZZ=10 (or `deep`):
HELPTREE_FUZZ=10 pytest tests/hostile/test_hostile_fuzz.py
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from fuzzkit import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from treekit import BASE, SMALL_TREE, check_project

from generator.cli.main import main
from generator.source.spec import Options

GUIDE_TREE = Path(__file__).resolve().parents[2] / "decision_tree.yaml"
BASES: list[dict[str, Any]] = [yaml.safe_load(BASE), yaml.safe_load(SMALL_TREE.read_text()),
                               yaml.safe_load(GUIDE_TREE.read_text())]
HEADLINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|warning): \S")
SETTINGS = settings(max_examples=examples(1000), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text without lone surrogates (which no UTF-8 file can hold), control characters included.
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=True), unicode_text, st.dates(dt.date(1, 1, 1)),
                    st.sampled_from(["start", "next", "version", "n0", "<script>", "../x.md",
                                     "javascript:alert(1)", "{{ contacts.x.y }}", "-", "", "1"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(unicode_text, inner, max_size=3), max_leaves=6)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the data: mapping keys and list indexes, depth first."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _node_ids(tree: Any) -> list[str]:
    nodes = tree.get("nodes") if isinstance(tree, dict) else None
    return [key for key in nodes if isinstance(key, str)] if isinstance(nodes, dict) else []


@st.composite
def mutated_trees(draw: st.DrawFn) -> Any:
    """A valid tree, then a few mutations: drop keys, swap types, dangle references, add
    cycles, rename keys, random Unicode."""
    tree = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_paths(tree))[1:]
        if not places:
            break
        where = draw(st.sampled_from(places))
        parent: Any = tree
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        ids = _node_ids(tree)
        action = draw(st.sampled_from(["drop", "swap", "dangle", "cycle", "rename", "unicode"]))
        if action == "drop":
            del parent[last]
        elif action == "swap":
            parent[last] = draw(values)
        elif action == "dangle":
            parent[last] = draw(st.sampled_from(["missing-node", "Bad Id", "n-", *ids]))
        elif action == "cycle" and ids and isinstance(tree.get("start"), str):
            parent[last] = tree["start"]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(unicode_text | st.sampled_from(["lable", "nxt", "outcome", "question",
                                                        "answers", "body", "aliases"]))] = \
                parent.pop(last)
        elif action == "unicode":
            parent[last] = draw(unicode_text)
    return tree


def _dump(tree: Any, allow_unicode: bool) -> str:
    return yaml.safe_dump(tree, allow_unicode=allow_unicode, sort_keys=False)


def _check_located(root: Path, tree_text: str | bytes, articles: dict[str, str] | None = None,
                   *, cli: bool = True) -> None:
    """Write the project, check it, and hold every problem to the contract; with ``cli``,
    also run `helptree check` in-process: exit 0 or 1 as the check says, never a crash."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in (articles or {}).items():
        (content / name).write_text(text, encoding="utf-8")
    tree = root / "decision_tree.yaml"
    tree.write_bytes(tree_text.encode("utf-8") if isinstance(tree_text, str) else tree_text)

    project = check_project(tree, options=Options(today=dt.date(2026, 12, 1)))
    if cli:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--tree", str(tree)])
        assert "internal error" not in err.getvalue(), err.getvalue()
        assert code == (0 if project.ok else 1)
    for problem in project.problems:
        where = problem.location
        path = Path(where.file)
        assert path == tree or path.is_relative_to(content), problem.headline()
        lines = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n") \
            .replace("\r", "\n").split("\n")
        assert 1 <= where.line <= len(lines), problem.headline()
        assert where.column >= 1, problem.headline()
        assert HEADLINE.match(problem.headline()), problem.headline()
        assert re.fullmatch(r"HT\d{3}", problem.code)


@SETTINGS
@given(tree=mutated_trees(), allow_unicode=st.booleans(), cli=st.integers(0, 4))
def test_mutated_trees_get_located_problems_never_a_crash(tree: Any, allow_unicode: bool,
                                                          cli: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_located(Path(folder), _dump(tree, allow_unicode), cli=cli == 0)


@st.composite
def mangled_text(draw: st.DrawFn) -> str:
    """A valid tree's text with characters inserted, deleted or replaced anywhere: YAML
    syntax errors, bad indentation, stray tabs, quotes, control characters, BOMs."""
    text = _dump(copy.deepcopy(draw(st.sampled_from(BASES))), draw(st.booleans()))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        piece = draw(unicode_text | st.sampled_from(
            ["\t", "  ", "- ", ": ", "'", '"', "&a ", "*a", "!!python/object ", "---\n", "\r",
             "\ufeff", "\u2028", "\x00", "{", "[", "? ", "|", ">", "#", "\n  - label: x\n"]))
        cut = draw(st.integers(0, 8))
        text = text[:at] + piece + text[at + cut:]
    return text


@SETTINGS
@given(text=mangled_text(), cli=st.integers(0, 4))
def test_mangled_tree_text_gets_located_problems_never_a_crash(text: str, cli: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_located(Path(folder), text, cli=cli == 0)


@settings(max_examples=examples(300), deadline=None, database=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_as_a_tree_get_located_problems_never_a_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_located(Path(folder), data)


@st.composite
def mangled_articles(draw: st.DrawFn) -> str:
    front = draw(st.dictionaries(st.sampled_from(["title", "description", "reviewed", "sources",
                                                  "author", "helptree", "status"]) | unicode_text,
                                 values, max_size=4))
    body = draw(st.lists(unicode_text | st.sampled_from(
        ["# Title", "<script>x</script>", "`<b>`", "```", "~~~", "[a](javascript:x)",
         "{{ contacts.helpdesk.phone }}", "{ onclick=x }", "Note: x", "---", "..."]), max_size=6))
    fence = draw(st.sampled_from(["---", "...", ""]))
    head = f"---\n{yaml.safe_dump(front, allow_unicode=True)}{fence}\n" if front or fence else ""
    return head + "\n".join(body) + "\n"


@settings(max_examples=examples(400), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(article=mangled_articles())
def test_mangled_articles_get_located_problems_never_a_crash(article: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_located(Path(folder), BASE, {"a.md": article})
