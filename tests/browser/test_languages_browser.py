"""Both languages in Chromium: axe on every Spanish page kind, and the language switch
from each page kind to its twin. (Every path of every guide in both languages is walked in
test_browser_walk.py.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from guidetree import Oracle, aim, edition
from playwright.sync_api import BrowserContext, Page

from generator.strings import ENGLISH, SPANISH

pytestmark = pytest.mark.browser


def test_the_spanish_interface_strings_are_spanish() -> None:
    """The oracle's labels come from the Spanish table (a sanity check of this file)."""
    oracle = Oracle("es", "troubleshoot")
    assert oracle.t["your_answers"] == SPANISH["your_answers"] != ENGLISH["your_answers"]
    assert oracle.start == "/es/troubleshoot/"


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
