"""WCAG 2.2 AA in Chromium: axe-core on every page kind at phone and desktop sizes, a keyboard
walk of every answer, and tap targets of at least 24x24 CSS pixels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from guidetree import guide, node_path, project
from playwright.sync_api import BrowserContext, Page

from generator.model import Outcome, Question

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
MIN_TARGET = 24  # px, WCAG 2.2 SC 2.5.8
AXE = Axe()


def _sample_outcome() -> Outcome:
    """The richest outcome: an article and a "This did not work" link if any has both."""
    tree = guide().tree
    assert tree is not None
    outcomes = list(tree.outcomes())
    return next((o for o in outcomes if o.article and o.still_stuck), outcomes[0])


def _article_url() -> str:
    articles = project().articles
    article = _sample_outcome().article or next(iter(articles))
    return "/" + articles[article].url


def _question_id() -> str:
    tree = guide().tree
    assert tree is not None
    assert isinstance(tree.nodes[tree.start], Question)
    return tree.start


def open_search(page: Page) -> None:
    page.goto("/")
    opener = page.locator("label.md-header__button[for='__search']")  # phones: a button
    if opener.is_visible():
        opener.click()
    search = page.locator("input.md-search__input")
    search.click()
    # Material answers a query only once its search worker has read the index.
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for()
    search.press_sequentially("password")
    page.locator(".md-search-result__item").first.wait_for()


def walk_to_outcome(page: Page) -> None:
    """Click the first answer until an outcome, then Copy link and "This worked"."""
    page.goto("/troubleshoot/")
    page.locator(".ht-start-now a").click()
    page.wait_for_load_state()
    while page.locator("a.ht-answer").count():
        with page.expect_navigation():
            page.locator("a.ht-answer").first.click()
    page.locator("[data-ht-copy]").click()
    page.locator("[data-ht-copy-status]").filter(has_text="Link copied").wait_for()
    page.locator("a.ht-worked-link").click()
    page.locator("#ht-worked").wait_for()


@dataclass(frozen=True)
class Kind:
    name: str
    open: Callable[[Page], Any]


def goto(path: Callable[[], str]) -> Callable[[Page], Any]:
    return lambda page: page.goto(path())


KINDS = [
    Kind("home", goto(lambda: "/")),
    Kind("start", goto(lambda: "/troubleshoot/")),
    Kind("question", goto(lambda: node_path(_question_id()))),
    Kind("outcome", goto(lambda: node_path(_sample_outcome().id))),
    Kind("outcome-after-walk", walk_to_outcome),  # "Your answers", copied status, "worked" shown
    Kind("article", goto(_article_url)),
    Kind("index-a-z", goto(lambda: "/a-z/")),
    Kind("map", goto(lambda: "/map/")),
    Kind("search-results", open_search),
    Kind("not-found", goto(lambda: "/404.html")),
]


def axe_report(page: Page) -> tuple[int, str]:
    results = AXE.run(page, options=AXE_OPTIONS)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violations(kind: Kind, size: str, request: pytest.FixtureRequest) -> None:
    context: BrowserContext = request.getfixturevalue("phone_js" if size == "phone" else "desktop_js")
    page = context.new_page()
    try:
        kind.open(page)
        page.wait_for_load_state("load")
        count, report = axe_report(page)
        assert count == 0, f"{kind.name} at {size} size ({page.url}):\n{report}"
    finally:
        page.close()


# -- keyboard -----------------------------------------------------------------------

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) { return null; }
  const style = getComputedStyle(e);
  const moves = [...document.querySelectorAll('.ht-page a.ht-answer, .ht-page a.ht-not-worked')];
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  return {
    move: moves.indexOf(e), count: moves.length, href: e.href ? new URL(e.href).pathname : '',
    visible: outline || shadow, what: e.outerHTML.slice(0, 120),
    focus: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
  };
}"""
MAX_TABS = 120


def tab_to_every_move(page: Page, where: str) -> list[dict[str, Any]]:
    """Tab from the top of the page until every answer has had focus; every stop must show it."""
    reached: list[dict[str, Any]] = []
    unseen_focus: list[str] = []
    count = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        count = focused["count"]
        if not focused["visible"]:
            unseen_focus.append(f"{focused['what']} ({focused['focus']})")
        if focused["move"] >= 0:
            reached.append(focused)
            if len(reached) == count:
                break
    assert not unseen_focus, f"{where}: focus is not visible on:\n" + "\n".join(unseen_focus)
    order = [f["move"] for f in reached]
    assert count, f"{where}: Tab never reached an answer (in {MAX_TABS} presses)"
    assert order == list(range(count)), (
        f"{where}: Tab reached answers {order} of {count} (in {MAX_TABS} presses)")
    return reached


def test_keyboard_reaches_and_follows_every_answer(desktop_js: BrowserContext) -> None:
    """On every question and outcome page: Tab reaches each answer in order with visible focus;
    Shift+Tab goes back, and Enter follows the focused answer (a different one on each page)."""
    index = guide().index
    tree = guide().tree
    assert index is not None
    assert tree is not None
    page = desktop_js.new_page()
    followed = 0
    for number, node_id in enumerate(index.reachable_order):
        page.goto(node_path(node_id))
        if not page.locator("a.ht-answer, a.ht-not-worked").count():
            continue
        where = f"{node_path(node_id)} (keyboard)"
        reached = tab_to_every_move(page, where)
        chosen = number % len(reached)
        for _ in range(len(reached) - 1 - chosen):
            page.keyboard.press("Shift+Tab")
        focused = page.evaluate(_FOCUSED)
        assert focused is not None
        assert focused["move"] == chosen, f"{where}: Shift+Tab landed on {focused['what']}"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("location.pathname") == reached[chosen]["href"], (
            f"{where}: Enter on answer {chosen + 1} did not follow it")
        followed += 1
    assert followed >= sum(1 for _ in tree.questions())
    page.close()


# -- tap targets ---------------------------------------------------------------------

_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true})
                 && getComputedStyle(e).pointerEvents !== 'none')
  .map((e) => { const r = e.getBoundingClientRect();
                return {what: e.outerHTML.slice(0, 100), width: r.width, height: r.height}; })"""
TARGETS = ", ".join([
    "a.ht-answer", "a.ht-not-worked", "a.ht-worked-link", ".md-typeset a.md-button", "button",
    "a.ht-back", "a.ht-route__change", "a.ht-restart", ".md-header__button",
])


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_tap_targets_are_at_least_24px(kind: Kind, phone_js: BrowserContext) -> None:
    page = phone_js.new_page()
    try:
        kind.open(page)
        page.wait_for_load_state("load")
        # Let transitions finish; a cancelled one rejects, which is finished too.
        page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
        targets = page.evaluate(_TARGETS, TARGETS)
        small = [f"{t['what']}: {t['width']:.2f}x{t['height']:.2f}" for t in targets
                 if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
        assert not small, f"{kind.name}: tap targets under {MIN_TARGET}x{MIN_TARGET} px:\n" + "\n".join(small)
    finally:
        page.close()
