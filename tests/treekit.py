"""Helpers for the core tests: a small valid tree, and ways to write and check variants of it."""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from generator.check.run import CheckedProject, CheckReport, check
from generator.model import Answer, Node, Outcome, Question, Tree
from generator.problems import Location, Problem
from generator.project.mkdocs_yml import lone_tree, open_project
from generator.source.settings import checked_site_url
from generator.source.spec import Options, ProjectSpec

TESTS = Path(__file__).parent
SMALL = TESTS / "fixtures" / "small"
SMALL_TREE = SMALL / "decision_tree.yaml"
TODAY = dt.date(2026, 12, 1)

# A valid tree whose line numbers the tests rely on: keep it as it is.
BASE = """\
version: 1
title: Test tree
start: first
nodes:
  first:
    question: Which one?
    answers:
      - label: Left
        next: left
      - label: Right
        next: right
  left:
    outcome: Gone left
    body: You went left.
  right:
    outcome: Gone right
    body: You went right.
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write_project(root: Path, tree: str, articles: dict[str, str] | None = None) -> Path:
    """A project folder: ``decision_tree.yaml`` and ``content/`` with an index and articles."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in (articles or {}).items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    path = root / "decision_tree.yaml"
    path.write_text(tree, encoding="utf-8")
    return path


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def only(problems: list[Problem], code: str) -> Problem:
    """The single problem with ``code``; fails loudly listing everything otherwise."""
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, "\n".join(p.headline() for p in problems)
    return found[0]


def check_text(root: Path, tree: str, articles: dict[str, str] | None = None,
               **options: object) -> CheckReport:
    """Write the project under ``root`` and check it as a lone tree, on a fixed ``today``."""
    path = write_project(root, dedent(tree), articles)
    opts = Options(**{"today": TODAY, **options})  # type: ignore[arg-type]
    return check_project(path, options=opts)


def make_tree(start: str, questions: Mapping[str, Sequence[str]],
              outcomes: Mapping[str, str | None]) -> Tree:
    """A model built directly: each question's answer targets in order (labels "1", "2",
    ...), each outcome's ``still_stuck`` (or None)."""
    here = Location("made.yaml")
    nodes: dict[str, Node] = {}
    for node_id, targets in questions.items():
        answers = tuple(Answer(here, label=str(i), next=t) for i, t in enumerate(targets, 1))
        nodes[node_id] = Question(here, id=node_id, question=f"{node_id}?", answers=answers)
    for node_id, still_stuck in outcomes.items():
        nodes[node_id] = Outcome(here, id=node_id, title=node_id.title(), body=f"Do {node_id}.",
                                 still_stuck=still_stuck)
    return Tree(here, title="Made", start=start, nodes=MappingProxyType(nodes))


def ladder_yaml(layers: int = 59) -> str:
    """A tree of ``2 * layers + 3`` nodes with ``2 ** (layers + 2)`` paths (121 and 2**61
    by default), every node shared by a huge number of paths.

    Layer ``i`` is two questions, ``a<i>`` and ``b<i>``, each answering into both
    questions of layer ``i + 1``. The start, ``a1``, also answers into its sibling ``b1``
    (so it counts double), and the last layer answers into a final question ``z`` and
    both outcomes, while ``z`` answers into the two outcomes. Paths to the end: 1 from
    each outcome, 2 from ``z``, 4 from the last layer, doubling at each layer up, and
    ``a1`` = ``b1`` + ``a2`` + ``b2`` = 4 times layer 2.
    """
    def question(node_id: str, targets: list[str]) -> list[str]:
        lines = [f"  {node_id}:", f"    question: Step {node_id}?", "    answers:"]
        for number, target in enumerate(targets, 1):
            lines += [f"      - label: Option {number}", f"        next: {target}"]
        return lines

    lines = ["version: 1", "title: Ladder", "start: a1", "nodes:"]
    for i in range(1, layers + 1):
        below = [f"a{i + 1}", f"b{i + 1}"] if i < layers else ["z", "yes", "no"]
        lines += question(f"a{i}", ([f"b{i}"] if i == 1 else []) + below)
        lines += question(f"b{i}", below)
    lines += question("z", ["yes", "no"])
    lines += ["  yes:", "    outcome: It worked", "    body: Good.",
              "  no:", "    outcome: It did not work", "    body: Call us."]
    return "\n".join(lines) + "\n"


# -- the shipped help center (mkdocs.yml at the top of the repository) ---------------------

ROOT = TESTS.parent
SHIPPED_CONFIG = ROOT / "mkdocs.yml"


@functools.cache
def shipped_report(**options: object) -> CheckReport:
    """The shipped help center checked as `helptree check` does, once per session;
    ``options`` override the project's own (``max_grade=8.0``). Do not change the report."""
    spec, _ = open_project(SHIPPED_CONFIG)
    return check(replace(spec, options=replace(spec.options, **options)) if options else spec)


def shipped_project(**options: object) -> CheckedProject:
    """The shipped help center, which must pass its checks; fails the test (listing every
    error) when it does not."""
    report = shipped_report(**options)
    assert report.project is not None, "the shipped help center does not pass its checks:\n" + \
        "\n".join(p.headline() for p in report.errors)
    return report.project


def tree_spec(root: Path, tree: str, articles: dict[str, str] | None = None,
              **options: object) -> ProjectSpec:
    """The lone-tree project ``check_text`` checks, to change its settings before checking."""
    path = write_project(root, dedent(tree), articles)
    return replace(lone_tree(path), options=Options(**{"today": TODAY, **options}))  # type: ignore[arg-type]


def with_settings(spec: ProjectSpec, *, base: str | None = None, **changes: object) -> ProjectSpec:
    """``spec`` with other page settings (``index_page``, ``listed_paths``, ``site_url``...);
    ``base`` moves every guide's pages."""
    if base is not None:
        spec = replace(spec, guides=tuple(replace(g, base=base) for g in spec.guides))
    if "site_url" in changes:  # checked as mkdocs.yml's would be
        site_url, why = checked_site_url(changes.pop("site_url"))
        assert why is None, why
        spec = replace(spec, settings=replace(spec.settings, site_url=site_url))
    return replace(spec, **changes)  # type: ignore[arg-type]


def checked(spec: ProjectSpec) -> CheckedProject:
    """``spec`` checked; fails the test, listing the errors, when it does not pass."""
    report = check(spec)
    assert report.project is not None, "\n".join(p.headline() for p in report.errors)
    return report.project


def check_project(tree_path: Path | str, content_dir: Path | str | None = None,
                  options: Options | None = None) -> CheckReport:
    """Check a lone tree as `helptree check --tree FILE` does, with the plugin's defaults."""
    spec = lone_tree(Path(tree_path), Path(content_dir) if content_dir is not None else None)
    return check(replace(spec, options=options) if options is not None else spec)
