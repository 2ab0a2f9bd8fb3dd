"""The shipped guide's tree, as the browser tests expect to see it, and a page reader."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from treekit import shipped_project

from generator.check import CheckedGuide, CheckedProject
from generator.model import Outcome, Question
from generator.paths import Path as TreePath
from generator.strings import ENGLISH
from generator.text import TextRenderer

ROOT = Path(__file__).resolve().parents[2]
DID_NOT_WORK = ENGLISH["it_did_not_work"]
BASE = "troubleshoot"  # the shipped login guide's pages; the browser tests walk it


def project() -> CheckedProject:
    """The shipped help center (mkdocs.yml), which must pass its checks."""
    return shipped_project()


@cache
def guide() -> CheckedGuide:
    """The shipped login guide, at /troubleshoot/."""
    return next(g for g in project().guides if g.base == BASE)


@cache
def _text() -> TextRenderer:
    return TextRenderer(project().contacts)


def plain(text: str | None) -> str:
    return _text().plain(text)


def node_path(node_id: str) -> str:
    return f"/{BASE}/{node_id}/"


def title(node_id: str) -> str:
    tree = guide().tree
    assert tree is not None
    return plain(tree.nodes[node_id].title)


def moves(node_id: str) -> list[tuple[str, str]]:
    """The links the node's page must offer: (label, node it leads to), in the tree's order."""
    tree = guide().tree
    assert tree is not None
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        return [(plain(a.label), a.next) for a in node.answers]
    assert isinstance(node, Outcome)
    return [(DID_NOT_WORK, node.still_stuck)] if node.still_stuck else []


def kind(node_id: str) -> str:
    tree = guide().tree
    assert tree is not None
    return "question" if isinstance(tree.nodes[node_id], Question) else "outcome"


@dataclass(frozen=True)
class Seen:
    """What one troubleshooter page shows in the browser right now."""

    path: str
    node: str
    kind: str
    heading: str
    answers: list[tuple[str, str]]  # (label, path of the href)
    not_worked: list[tuple[str, str]]
    back: str  # path of the back link
    yours_visible: bool
    trail: list[tuple[str, str, str]]  # "Your answers": (question, answer, path of Change)
    usual_visible: bool
    copy_visible: bool


_READ = """() => {
  const path = (a) => new URL(a.href).pathname;
  const text = (e) => e ? e.textContent.replace(/\\s+/g, ' ').trim() : '';
  const shown = (e) => !!e && e.checkVisibility();
  const page = document.querySelector('.ht-page');
  const yours = page.querySelector('[data-ht-yours]');
  return {
    path: location.pathname,
    node: page.getAttribute('data-ht-node') || '',
    kind: page.getAttribute('data-ht-kind'),
    heading: text(page.querySelector('h1')),
    answers: [...page.querySelectorAll('a.ht-answer')].map(
      (a) => [text(a.querySelector('.ht-answer__label')), path(a)]),
    not_worked: [...page.querySelectorAll('a.ht-not-worked')].map((a) => [text(a), path(a)]),
    back: page.querySelector('[data-ht-back]') ? path(page.querySelector('[data-ht-back]')) : '',
    yours_visible: shown(yours),
    trail: yours ? [...yours.querySelectorAll('[data-ht-trail] > li')].map((li) => [
      text(li.querySelector('.ht-route__question')), text(li.querySelector('.ht-route__answer')),
      path(li.querySelector('a.ht-route__change'))]) : [],
    usual_visible: shown(page.querySelector('[data-ht-usual]')),
    copy_visible: shown(document.querySelector('[data-ht-copy]')),
  };
}"""


def read(page: Page) -> Seen:
    data: dict[str, Any] = page.evaluate(_READ)
    return Seen(**{**data, "answers": [tuple(a) for a in data["answers"]],
                   "not_worked": [tuple(a) for a in data["not_worked"]],
                   "trail": [tuple(t) for t in data["trail"]]})


def expect_node(seen: Seen, node_id: str, where: str) -> None:
    """The page is ``node_id``'s, shows its title and exactly its links, in order."""
    assert seen.path == node_path(node_id), f"{where}: on {seen.path}, expected {node_path(node_id)}"
    assert seen.node == node_id, f"{where}: the page shows `{seen.node}`"
    assert seen.kind == kind(node_id), f"{where}: a {seen.kind} page, expected {kind(node_id)}"
    assert seen.heading == title(node_id), f"{where}: heading {seen.heading!r}, expected {title(node_id)!r}"
    expected = [(label, node_path(target)) for label, target in moves(node_id)]
    if seen.kind == "question":
        assert seen.answers == expected, f"{where}: answers {seen.answers}, the tree has {expected}"
    elif expected:
        assert seen.not_worked == expected, f"{where}: 'This did not work' {seen.not_worked}, not {expected}"


def shared(previous: TreePath | None, path: TreePath) -> int:
    """How many first steps two paths share (the walk branches off after them)."""
    if previous is None:
        return 0
    count = 0
    for a, b in zip(previous.steps, path.steps, strict=False):
        if (a.node, a.label) != (b.node, b.label):
            break
        count += 1
    return count
