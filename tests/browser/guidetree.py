"""The shipped help center as the browser tests expect to see it, and a reader's hands.

``Oracle`` says, from the checked tree, what each page of one guide in one language must
show; ``read`` takes what a page shows right now; ``aim`` finds a link the way a reader
sees it (one link with that label, not covered) for a real mouse click; ``run_together``
steps several tabs, each walking its own guide, loading their pages at the same time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chromium import PHONE
from playwright.sync_api import Page
from treekit import shipped_project

from generator.check.paths import Path as TreePath
from generator.check.run import CheckedGuide, CheckedProject
from generator.model import Outcome, Question
from generator.text import TextRenderer

BASE = "troubleshoot"  # the shipped login guide's pages, where the single-page tests look
TOUCH_TARGET = 44  # px, WCAG 2.5.5 (AAA) target size on touch screens


def project() -> CheckedProject:
    """The shipped help center (mkdocs.yml), which must pass its checks."""
    return shipped_project()


@cache
def guide() -> CheckedGuide:
    """The shipped login guide in English, at /troubleshoot/."""
    return next(g for g in project().guides if g.base == BASE)


def node_path(node_id: str) -> str:
    return f"/{BASE}/{node_id}/"


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


def every_guide() -> list[tuple[str, str]]:
    """(language, base without the language prefix) of every guide of every edition."""
    return [(e.language, g.base.removeprefix(e.prefix)) for e in project().editions for g in e.guides]


# -- what the tree says each page shows, in one language -----------------------------------

@cache
def edition(language: str) -> CheckedProject:
    return next(e for e in shipped_project().editions if e.language == language)


class Oracle:
    """One guide in one language: its pages' paths, titles, links and interface labels."""

    def __init__(self, language: str, base: str) -> None:
        self.language = language
        project = edition(language)
        self.guide: CheckedGuide = next(g for g in project.guides if g.base == project.prefix + base)
        self.t = project.spec.strings
        self.text = TextRenderer(project.contacts, project.prefix, self.t["call_contact"])
        self.start = f"/{self.guide.base}/"
        self.name = f"{language}:{base}"

    @property
    def tree(self) -> Any:
        return self.guide.tree

    def path(self, node_id: str) -> str:
        return f"/{self.guide.base}/{node_id}/"

    def title(self, node_id: str) -> str:
        return self.text.plain(self.tree.nodes[node_id].title)

    def kind(self, node_id: str) -> str:
        return "question" if isinstance(self.tree.nodes[node_id], Question) else "outcome"

    def label(self, step: Any) -> str:
        return self.text.plain(step.answer.label) if step.answer else self.t["it_did_not_work"]

    def moves(self, node_id: str) -> list[tuple[str, str]]:
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            return [(self.text.plain(a.label), self.path(a.next)) for a in node.answers]
        assert isinstance(node, Outcome)
        return [(self.t["it_did_not_work"], self.path(node.still_stuck))] if node.still_stuck else []

    def parents(self, node_id: str) -> set[str]:
        return {self.start} | {self.path(n) for n in self.tree.nodes
                               if self.path(node_id) in {p for _, p in self.moves(n)}}

    def paths(self) -> list[TreePath]:
        found = list(self.guide.index.iter_paths())
        assert len(found) == self.guide.index.count()
        return found



# -- reading a page and clicking like a reader ---------------------------------------------

_READ = """(start) => {
  const path = (a) => new URL(a.href).pathname;
  const text = (e) => e ? e.textContent.replace(/\\s+/g, ' ').trim() : '';
  const shown = (e) => !!e && e.checkVisibility();
  const page = document.querySelector('.ht-page');
  const yours = page.querySelector('[data-ht-yours]');
  const usual = page.querySelector('[data-ht-usual]');
  const copy = document.querySelector('[data-ht-copy]');
  const first = (a) => a && a.firstChild ? a.firstChild.textContent.trim() : '';
  return {
    lang: document.documentElement.lang,
    path: location.pathname,
    node: page.getAttribute('data-ht-node') || '',
    kind: page.getAttribute('data-ht-kind'),
    heading: text(page.querySelector('h1')),
    answers: [...page.querySelectorAll('a.ht-answer')].map(
      (a) => [text(a.querySelector('.ht-answer__label')), path(a)]),
    not_worked: [...page.querySelectorAll('a.ht-not-worked')].map((a) => [text(a), path(a)]),
    back: page.querySelector('[data-ht-back]') ? path(page.querySelector('[data-ht-back]')) : '',
    back_text: text(page.querySelector('[data-ht-back]')),
    yours_visible: shown(yours),
    yours_title: yours ? text(yours.querySelector('h2')) : '',
    trail: yours ? [...yours.querySelectorAll('[data-ht-trail] > li')].map((li) => [
      text(li.querySelector('.ht-route__question')), text(li.querySelector('.ht-route__answer')),
      path(li.querySelector('a.ht-route__change'))]) : [],
    changes: yours ? [...yours.querySelectorAll('a.ht-route__change')].map(first) : [],
    usual_visible: shown(usual),
    usual_title: usual ? text(usual.querySelector('h2')) : '',
    copy_visible: shown(copy),
    copy_text: text(copy),
    to_start: [...page.querySelectorAll('a')].filter((a) => shown(a) && path(a) === start).map(
      (a) => [text(a), a.getBoundingClientRect().height]),
    width: document.documentElement.scrollWidth,
  };
}"""

_AIM = """([selector, label, index]) => {
  const norm = (s) => s.replace(/\\s+/g, ' ').trim();
  let links = [...document.querySelectorAll(selector)];
  if (label !== null) {
    const labels = links.map((a) => norm((a.querySelector('.ht-answer__label') || a).textContent));
    const hits = links.filter((a, i) => labels[i] === label);
    if (hits.length !== 1) {
      return {error: `no single link ${JSON.stringify(label)} among ${JSON.stringify(labels)}`};
    }
    links = hits;
    index = 0;
  }
  const link = links[index];
  if (!link) { return {error: `no ${selector} number ${index + 1} (of ${links.length})`}; }
  link.scrollIntoView({block: 'center', behavior: 'instant'});
  const r = link.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !link.contains(hit)) {
    return {error: `${selector} is covered by ${hit ? hit.outerHTML.slice(0, 100) : 'nothing'}`};
  }
  return {x, y};
}"""


_WIDER = """(limit) => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
  .map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')).slice(0, 3)"""


def too_wide(page: Page) -> str | None:
    """How the page is wider than a phone's screen, naming what sticks out; None if it fits."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return None
    return f"{width} px wide ({', '.join(page.evaluate(_WIDER, PHONE['width']))})"


def site_pages(site: Path) -> list[str]:
    """The path of every page of a built site, as a browser asks for it."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        pages.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def read(page: Page, start: str) -> dict[str, Any]:
    """What the page shows; ``to_start`` lists its visible links to ``start`` (a guide's
    start page) with their heights."""
    seen: dict[str, Any] = page.evaluate(_READ, start)
    for key in ("answers", "not_worked", "trail", "to_start"):
        seen[key] = [tuple(item) for item in seen[key]]
    return seen


@dataclass(frozen=True)
class Nav:
    """Something a reader does that loads another page: a mouse click, or typing an address."""

    page: Page
    trigger: Callable[[], Any]


def aim(page: Page, selector: str, where: str, *, label: str | None = None, index: int = 0) -> Nav:
    """A real mouse click on the link, after checking it is the one visible there."""
    spot = page.evaluate(_AIM, [selector, label, index])
    assert "error" not in spot, f"{where}: {spot['error']}"
    return Nav(page, lambda: page.mouse.click(spot["x"], spot["y"]))


def click_here(page: Page, selector: str, where: str) -> None:
    """A mouse click that stays on the page (Copy link, "This worked")."""
    aim(page, selector, where).trigger()


def goto(page: Page, base_url: str, path: str) -> Nav:
    url = base_url.rstrip("/") + path
    return Nav(page, lambda: page.evaluate("(url) => location.assign(url)", url))


Walk = Iterator[Nav]


def run_together(walks: list[Walk]) -> None:
    """Step every walk to its next page load until all end, the tabs taking turns: while one
    tab loads its next page, the others are read and clicked (no tab waits for the rest)."""
    def start(walk: Walk) -> Any:
        nav = next(walk, None)
        if nav is None:
            return None
        loaded = nav.page.expect_navigation(wait_until="load")
        loaded.__enter__()
        nav.trigger()
        return loaded

    live = [(walk, start(walk)) for walk in walks]
    while live := [(walk, loaded) for walk, loaded in live if loaded is not None]:
        for number, (walk, loaded) in enumerate(live):
            loaded.__exit__(None, None, None)  # waits for this tab's page
            live[number] = (walk, start(walk))


def expect_node(seen: dict[str, Any], oracle: Oracle, node_id: str, where: str) -> None:
    """The page is ``node_id``'s in the oracle's language, with exactly its links, in order,
    one way back to the start (Start again, or Back to the start on the first question) at
    least 44 px tall, and nothing wider than a phone's screen. ``seen`` is read with the
    guide's start."""
    expected_path = oracle.path(node_id)
    assert seen["path"] == expected_path, f"{where}: on {seen['path']}, expected {expected_path}"
    assert seen["lang"] == oracle.language, f"{where}: <html lang={seen['lang']!r}>"
    assert seen["node"] == node_id, f"{where}: the page shows `{seen['node']}`"
    assert seen["kind"] == oracle.kind(node_id), f"{where}: a {seen['kind']} page"
    assert seen["heading"] == oracle.title(node_id), f"{where}: heading {seen['heading']!r}"
    back = {oracle.t["back"], oracle.t["back_to_start"]}
    assert seen["back_text"] in back, f"{where}: the back link says {seen['back_text']!r}, not one of {back}"
    # one way to the start: Back, where it leads there (the first question, or a page with
    # several ways in before the script knows the reader's), else Start again
    to_start = oracle.t["back_to_start" if seen["back_text"] == oracle.t["back_to_start"] else "start_again"]
    assert [text for text, _ in seen["to_start"]] == [to_start], (
        f"{where}: the links to the start are {seen['to_start']}, not one {to_start!r}")
    height = seen["to_start"][0][1]
    assert height >= TOUCH_TARGET, f"{where}: {to_start!r} is {height} px tall"
    assert seen["width"] <= PHONE["width"], f"{where}: {seen['width']} px wide on a phone's screen"
    expected = oracle.moves(node_id)
    if seen["kind"] == "question":
        assert seen["answers"] == expected, f"{where}: answers {seen['answers']}, the tree has {expected}"
    elif expected:
        assert seen["not_worked"] == expected, f"{where}: {seen['not_worked']}, not {expected}"
