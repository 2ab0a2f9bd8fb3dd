"""Both languages in Chromium: every path of the Spanish guides (and of the English money
guide, which test_browser_walk does not walk), axe on every Spanish page kind, and the
language switch from each page kind to its twin.

The walks follow test_browser_walk: with JavaScript on, every path in order in one tab,
"Your answers" and the back link checked at every page, Back at each path's end and Change
to the next path's branch point, Copy link once on every page; with JavaScript off, every
path answer by answer with plain links. Without JavaScript a page is a static file that
looks the same whatever route led to it, so each JavaScript-off path starts from the page
where it branches off the path before (already reached by clicks from the start page)
instead of clicking its shared first answers again.

To keep this fast the three guides of a mode are walked at the same time, each in its own
tab: every step clicks (a real mouse click) in all three tabs, then waits for all three
pages to load. The tabs are separate pages, so each keeps its own "Your answers".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from guidetree import shared
from playwright.sync_api import BrowserContext, Page
from treekit import shipped_project

from generator.check import CheckedGuide, CheckedProject
from generator.model import Outcome, Question
from generator.paths import Path as TreePath
from generator.strings import ENGLISH, SPANISH
from generator.text import TextRenderer

pytestmark = pytest.mark.browser


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


WALKED = [("es", "troubleshoot"), ("es", "money"), ("en", "money")]


def test_the_spanish_interface_strings_are_spanish() -> None:
    """The oracle's labels come from the Spanish table (a sanity check of this file)."""
    oracle = Oracle("es", "troubleshoot")
    assert oracle.t["your_answers"] == SPANISH["your_answers"] != ENGLISH["your_answers"]
    assert oracle.start == "/es/troubleshoot/"


# -- reading a page and clicking like a reader ---------------------------------------------

_READ = """() => {
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


def read(page: Page) -> dict[str, Any]:
    seen: dict[str, Any] = page.evaluate(_READ)
    for key in ("answers", "not_worked", "trail"):
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
    """Step every walk to its next page load, all tabs loading at once, until all end."""
    live = [(walk, next(walk, None)) for walk in walks]
    while live := [(walk, nav) for walk, nav in live if nav is not None]:
        with ExitStack() as waiting:
            for _, nav in live:
                waiting.enter_context(nav.page.expect_navigation(wait_until="load"))
            for _, nav in live:
                nav.trigger()
        live = [(walk, next(walk, None)) for walk, _ in live]



def expect_node(seen: dict[str, Any], oracle: Oracle, node_id: str, where: str) -> None:
    """The page is ``node_id``'s in the oracle's language, with exactly its links, in order."""
    expected_path = oracle.path(node_id)
    assert seen["path"] == expected_path, f"{where}: on {seen['path']}, expected {expected_path}"
    assert seen["lang"] == oracle.language, f"{where}: <html lang={seen['lang']!r}>"
    assert seen["node"] == node_id, f"{where}: the page shows `{seen['node']}`"
    assert seen["kind"] == oracle.kind(node_id), f"{where}: a {seen['kind']} page"
    assert seen["heading"] == oracle.title(node_id), f"{where}: heading {seen['heading']!r}"
    back = {oracle.t["back"], oracle.t["back_to_start"]}
    assert seen["back_text"] in back, f"{where}: the back link says {seen['back_text']!r}, not one of {back}"
    expected = oracle.moves(node_id)
    if seen["kind"] == "question":
        assert seen["answers"] == expected, f"{where}: answers {seen['answers']}, the tree has {expected}"
    elif expected:
        assert seen["not_worked"] == expected, f"{where}: {seen['not_worked']}, not {expected}"


# -- JavaScript on: every path in one tab per guide --------------------------------------

class TrailWalk:
    def __init__(self, page: Page, oracle: Oracle, base_url: str) -> None:
        self.page = page
        self.oracle = oracle
        self.base_url = base_url.rstrip("/")
        self.trail: list[tuple[str, str, str]] = []  # (question, answer, page it was on)
        self.copied: set[str] = set()
        self.changes = 0
        self.backs = 0

    def expect_trail(self, seen: dict[str, Any], where: str) -> None:
        t = self.oracle.t
        assert seen["trail"] == self.trail, (
            f"{where}: 'Your answers' shows {seen['trail']}, expected {self.trail}")
        assert seen["yours_visible"] == bool(self.trail), (
            f"{where}: 'Your answers' visible={seen['yours_visible']}")
        if self.trail:
            assert not seen["usual_visible"], f"{where}: the usual route is shown beside 'Your answers'"
            assert seen["yours_title"] == t["your_answers"], (
                f"{where}: 'Your answers' is titled {seen['yours_title']!r}")
            assert set(seen["changes"]) == {t["change"]}, f"{where}: Change links say {seen['changes']}"

    def arrive(self, node_id: str, where: str) -> None:
        seen = read(self.page)
        expect_node(seen, self.oracle, node_id, where)
        self.expect_trail(seen, where)
        visited = self.trail[-1][2] if self.trail else self.oracle.start
        assert seen["back"] == visited, f"{where}: back goes to {seen['back']}, not the visited {visited}"
        if node_id not in self.copied:
            self.expect_copy(seen, node_id, where)
            self.copied.add(node_id)

    def expect_copy(self, seen: dict[str, Any], node_id: str, where: str) -> None:
        t = self.oracle.t
        assert seen["copy_visible"], f"{where}: no Copy link button"
        assert seen["copy_text"] == t["copy_link"], f"{where}: Copy link says {seen['copy_text']!r}"
        self.page.evaluate("navigator.clipboard.writeText('')")
        click_here(self.page, "[data-ht-copy]", where)
        self.page.locator("[data-ht-copy-status]").filter(has_text=t["copied"]).wait_for()
        copied = self.page.evaluate("navigator.clipboard.readText()")
        assert copied == self.base_url + self.oracle.path(node_id), f"{where}: copied {copied!r}"

    def walk(self) -> Walk:
        oracle, page = self.oracle, self.page
        yield goto(page, self.base_url, oracle.start)
        yield aim(page, ".ht-start-now a", f"{oracle.name} start page")
        previous: TreePath | None = None
        paths = oracle.paths()
        for number, path in enumerate(paths):
            name = f"{oracle.name} path {[oracle.label(s) for s in path.steps]}"
            keep = shared(previous, path)
            if previous is not None and keep < len(self.trail):
                yield aim(page, "[data-ht-trail] > li a.ht-route__change", f"{name}: Change", index=keep)
                seen = read(page)
                assert seen["path"] == self.trail[keep][2], f"{name}: Change landed on {seen['path']}"
                self.trail = self.trail[:keep]
                self.expect_trail(seen, f"{name}, after Change")
                self.changes += 1
            assert len(self.trail) == keep or previous is None, f"{name}: not where it branches off"
            for step in path.steps[keep:]:
                where = f"{name} at `{step.node}`"
                self.arrive(step.node, where)
                label = oracle.label(step)
                yield aim(page, "a.ht-answer" if step.answer else "a.ht-not-worked", where, label=label)
                self.trail.append((oracle.title(step.node), label, oracle.path(step.node)))
            where = f"{name} at its end `{path.end}`"
            self.arrive(path.end, where)
            previous = path
            # Back (checked above to lead to the page visited) is clicked when the next path
            # branches off there, or when the next branch point is further back than one step
            # every other time; otherwise the next path's Change leads there straight away.
            after = shared(path, paths[number + 1]) if number + 1 < len(paths) else 0
            if after == len(self.trail) - 1 or number % 2 == 0:
                yield aim(page, "[data-ht-back]", f"{where}: Back")
                seen = read(page)
                assert seen["path"] == self.trail[-1][2], f"{where}: Back landed on {seen['path']}"
                self.trail.pop()
                self.expect_trail(seen, f"{where}, after Back")
                self.backs += 1
        # Start again empties the trail.
        if not self.trail:  # on the first question, which has no Start again
            yield aim(page, "a.ht-answer", f"{oracle.name}: an answer")
        yield aim(page, ".ht-nav [data-ht-restart]", f"{oracle.name}: Start again")
        assert read(page)["path"] == oracle.start
        yield aim(page, ".ht-start-now a", f"{oracle.name}: Start now")
        self.trail = []
        self.expect_trail(read(page), f"{oracle.name}: after Start again")


def test_every_path_of_each_guide_with_javascript_on(phone_js: BrowserContext, guide_url: str) -> None:
    """The Spanish guides and the English money guide, every path, "Your answers" in the
    page's language, Change, Back and Copy link (the Spanish labels on Spanish pages)."""
    walks = [TrailWalk(phone_js.new_page(), Oracle(lang, base), guide_url) for lang, base in WALKED]
    errors: list[str] = []
    for walk in walks:
        walk.page.on("pageerror", lambda err, name=walk.oracle.name: errors.append(f"{name}: {err}"))
    try:
        run_together([walk.walk() for walk in walks])
        for walk in walks:
            assert walk.changes > 0, f"{walk.oracle.name}: Change was never clicked"
            assert walk.backs > 0, f"{walk.oracle.name}: Back was never clicked"
            assert walk.copied == set(walk.oracle.guide.index.reachable_order), walk.oracle.name
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        for walk in walks:
            walk.page.close()


# -- JavaScript off: every path with plain links --------------------------------------------

def plain_walk(page: Page, oracle: Oracle, base_url: str) -> Walk:
    previous: TreePath | None = None
    for path in oracle.paths():
        name = f"{oracle.name} path {[oracle.label(s) for s in path.steps]} (no JavaScript)"
        keep = shared(previous, path)
        if previous is None:
            yield goto(page, base_url, oracle.start)
            seen = read(page)
            assert seen["lang"] == oracle.language, f"{name}: {seen['path']} is lang={seen['lang']}"
            assert seen["kind"] == "start", f"{name}: {seen['path']} is not the start page"
            yield aim(page, ".ht-start-now a", f"{name}: Start now")
        else:  # the page where this path branches off the last (walked to by clicks before)
            yield goto(page, base_url, oracle.path(path.steps[keep].node))
        for step in path.steps[keep:]:
            where = f"{name} at `{step.node}`"
            seen = read(page)
            expect_node(seen, oracle, step.node, where)
            assert not seen["yours_visible"], f"{where}: 'Your answers' shows without JavaScript"
            assert not seen["copy_visible"], f"{where}: a Copy button that cannot work is shown"
            assert seen["back"] in oracle.parents(step.node), f"{where}: back goes to {seen['back']}"
            yield aim(page, "a.ht-answer" if step.answer else "a.ht-not-worked", where,
                      label=oracle.label(step))
        where = f"{name} at its end `{path.end}`"
        seen = read(page)
        expect_node(seen, oracle, path.end, where)
        assert seen["usual_visible"], f"{where}: no route shown without JavaScript"
        assert seen["usual_title"] == oracle.t["usual_route"], f"{where}: {seen['usual_title']!r}"
        assert not seen["copy_visible"], f"{where}: a Copy button that cannot work is shown"
        # "This worked" shows its message with CSS alone (:target).
        message = page.locator("#ht-worked")
        assert not message.is_visible(), f"{where}: the 'This worked' message shows before the click"
        click_here(page, "a.ht-worked-link", where)
        assert message.is_visible(), f"{where}: 'This worked' shows nothing without JavaScript"
        assert oracle.t["worked_message"] in " ".join(message.inner_text().split())
        previous = path


def test_every_path_of_each_guide_with_javascript_off(phone_nojs: BrowserContext, guide_url: str) -> None:
    """The same guides answer by answer with plain links; no JavaScript-only part shows."""
    pages = [phone_nojs.new_page() for _ in WALKED]
    try:
        run_together([plain_walk(page, Oracle(lang, base), guide_url)
                      for page, (lang, base) in zip(pages, WALKED, strict=True)])
    finally:
        for page in pages:
            page.close()


# -- the language switch: from each page kind to its twin -----------------------------------

TWINS = {  # one page of each kind, as its English path; the Spanish twin is /es/ + it
    "home": "/", "start": "/troubleshoot/", "question": "/troubleshoot/what-is-wrong/",
    "outcome": "/money/payment-pending/", "article": "/recovery/reset-password/",
    "a-z": "/a-z/", "map": "/map/", "staff-desk": "/staff/", "print-edition": "/print/money/",
}
SWITCH = "nav.ht-lang a"


def spanish(path: str) -> str:
    return "/es" + path


@pytest.fixture(scope="module")
def switch_pages(phone_js: BrowserContext, phone_nojs: BrowserContext) -> Iterator[tuple[Page, Page]]:
    """One tab with JavaScript and one without, reused for every page kind."""
    pages = (phone_js.new_page(), phone_nojs.new_page())
    yield pages
    for page in pages:
        page.close()


def switch(page: Page, where: str) -> str:
    with page.expect_navigation(wait_until="load"):
        aim(page, SWITCH, where).trigger()
    return str(page.evaluate("location.pathname"))


_FOCUS = """(selector) => {
  const e = document.activeElement;
  if (!e || !e.matches(selector)) { return null; }
  const style = getComputedStyle(e);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  return {visible: outline || shadow, focus: `outline: ${style.outlineStyle} ${style.outlineWidth}`};
}"""


def keyboard_switch(page: Page, where: str) -> str:
    """Tab from the top until the language switch has focus (visibly), then Enter."""
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS, SWITCH)
        if focused is not None:
            break
    else:
        pytest.fail(f"{where}: 60 presses of Tab never reached the language switch")
    assert focused["visible"], f"{where}: the focused language switch shows no focus ({focused['focus']})"
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    return str(page.evaluate("location.pathname"))


@pytest.mark.parametrize("kind", list(TWINS))
def test_the_language_switch_leads_to_the_twin(kind: str, switch_pages: tuple[Page, Page],
                                               guide_url: str) -> None:
    """English -> Spanish by a click with JavaScript, back to English by keyboard; the same
    both ways by clicks with JavaScript off."""
    english, twin = TWINS[kind], spanish(TWINS[kind])
    js, nojs = switch_pages
    js.goto(guide_url.rstrip("/") + english)
    assert js.evaluate("document.documentElement.lang") == "en"
    assert switch(js, f"{english} (click)") == twin, f"{english}: the switch did not lead to {twin}"
    assert js.evaluate("document.documentElement.lang") == "es", f"{twin} is not lang=es"
    assert keyboard_switch(js, f"{twin} (keyboard)") == english, f"{twin}: Enter did not lead to {english}"
    nojs.goto(guide_url.rstrip("/") + twin)
    assert switch(nojs, f"{twin} (no JavaScript)") == english
    assert switch(nojs, f"{english} (no JavaScript)") == twin


# -- axe-core on every Spanish page kind ---------------------------------------------------

AXE_OPTIONS = {  # as test_accessibility: WCAG 2.2 AA
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
AXE = Axe()


def _spanish_outcome() -> str:
    """The richest Spanish outcome: an article and a "This did not work" link."""
    oracle = Oracle("es", "troubleshoot")
    outcomes = list(oracle.tree.outcomes())
    return oracle.path(next((o for o in outcomes if o.article and o.still_stuck), outcomes[0]).id)


def _spanish_article() -> str:
    return "/" + edition("es").articles["causes/account-locked.md"].url


SPANISH_KINDS: dict[str, Callable[[], str]] = {
    "start": lambda: "/es/troubleshoot/",
    "question": lambda: "/es/troubleshoot/what-is-wrong/",
    "outcome": _spanish_outcome,
    "article": _spanish_article,
    "home": lambda: "/es/",
    "a-z": lambda: "/es/a-z/",
    "map": lambda: "/es/map/",
    "staff-desk": lambda: "/es/staff/",
    "print-edition": lambda: "/es/print/troubleshoot/",
    "not-found": lambda: "/es/404.html",  # a static host serves the nearest 404.html
}


@pytest.fixture(scope="module")
def axe_pages(phone_js: BrowserContext, desktop_js: BrowserContext) -> Iterator[dict[str, Page]]:
    pages = {"phone": phone_js.new_page(), "desktop": desktop_js.new_page()}
    yield pages
    for page in pages.values():
        page.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("kind", list(SPANISH_KINDS))
def test_axe_finds_no_violations_on_spanish_pages(kind: str, size: str, axe_pages: dict[str, Page],
                                                  guide_url: str) -> None:
    page = axe_pages[size]
    path = SPANISH_KINDS[kind]()
    response = page.goto(guide_url.rstrip("/") + path, wait_until="load")
    assert response is not None
    assert response.ok, f"{kind}: there is no Spanish page at {path} (HTTP {response.status})"
    assert page.evaluate("document.documentElement.lang") == "es", f"{path} is not lang=es"
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{kind} at {size} size ({path}):\n{results.generate_report()}"
