"""No reader meets a wall (issue 25), measured in Chromium on every guide page of both
languages: touch targets 44 px at 320 px, call and text buttons at most two lines, support
pages that lead with call and text buttons, an outcome on one Letter and one A4 sheet with
its QR code and address, home buttons as equal cards that open the first question, 404
pages with ways on, the staff desk's filter and Copy link's full address."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest
from chromium import RequestLog, open_context
from guidetree import TOUCH_TARGET, Oracle, edition, every_guide
from playwright.sync_api import Browser, BrowserContext, Page
from treekit import shipped_project

from generator.model import Outcome
from generator.strings import ENGLISH, SPANISH

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 700}
HREFS = "es => es.map((e) => e.getAttribute('href'))"
WAYS = "es => es.map((a) => [a.textContent, a.getAttribute('href')])"

# Every visible control that is not a link inside a sentence (WCAG 2.5.8 exempts those):
# its height, and how many lines its words take.
_TARGETS = """() => [...document.querySelectorAll(
    'a, button, summary, input, label.md-header__button')]
  .filter((e) => e.checkVisibility() && !e.closest('.md-search, .md-skip') && !e.matches('.md-skip'))
  .filter((e) => {
    if (e.tagName !== 'A' || e.className) { return true; }
    const block = e.closest('p, li, dd, td');
    return !block || block.textContent.trim() === e.textContent.trim();
  })
  .map((e) => ({what: e.outerHTML.slice(0, 90), height: e.getBoundingClientRect().height}))"""
_BUTTON_LINES = """() => [...document.querySelectorAll('a.ht-call')].filter((e) => e.checkVisibility())
  .map((e) => { const s = getComputedStyle(e);
    const inner = e.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
    return {text: e.textContent, lines: Math.round(inner / parseFloat(s.lineHeight))}; })"""


@pytest.fixture(scope="module")
def narrow(browser: Browser, request_log: RequestLog, guide_url: str) -> Iterator[Page]:
    """A 320 px tab without JavaScript: the smallest phone, nothing the script adds."""
    context = open_context(browser, request_log, guide_url, viewport=NARROW, javascript=False)
    yield context.new_page()
    context.close()


def guide_pages() -> list[str]:
    """Every question and outcome page of every guide, in both languages, and each start page."""
    pages = []
    for lang, base in every_guide():
        oracle = Oracle(lang, base)
        pages.append(oracle.start)
        pages += [oracle.path(node) for node in oracle.guide.index.reachable_order]
    return pages


def test_every_guide_page_has_44px_targets_and_two_line_buttons_at_320px(narrow: Page) -> None:
    small, tall, measured = [], [], 0
    for path in guide_pages():
        narrow.goto(path)
        for box in narrow.evaluate(_TARGETS):
            measured += 1
            if box["height"] < TOUCH_TARGET - 0.5:
                small.append(f"{path}: {box['height']:.1f} px {box['what']}")
        tall += [f"{path}: {b['lines']} lines: {b['text']!r}" for b in narrow.evaluate(_BUTTON_LINES)
                 if b["lines"] > 2]
    assert measured > 1000, f"control: only {measured} targets measured"
    assert not small, f"under {TOUCH_TARGET} px at 320 px:\n" + "\n".join(small[:40])
    assert not tall, "call buttons over two lines at 320 px:\n" + "\n".join(tall)


def support_outcomes() -> list[tuple[str, str]]:
    """(language, path) of every outcome that talks of a crisis line: 988 or NAMI."""
    found = []
    for lang, base in every_guide():
        oracle = Oracle(lang, base)
        for node in oracle.tree.outcomes():
            if "lifeline-988." in (node.body or "") or "nami." in (node.body or ""):
                found.append((lang, oracle.path(node.id)))
    return found


def test_crisis_pages_lead_with_call_and_text_buttons_and_lead_on_to_more_support(narrow: Page) -> None:
    pages = support_outcomes()
    assert len(pages) >= 6, pages  # waiting-is-hard and more-support in each guide, both languages
    for _lang, path in pages:
        narrow.goto(path)
        first = narrow.evaluate("""() => [...document.querySelectorAll('.ht-steps a, .ht-steps p')]
            .slice(0, 4).map((e) => e.tagName === 'A' ? e.getAttribute('href') : 'p')""")
        assert any(h.startswith("tel:988") for h in first), f"{path}: 988's call button is not first: {first}"
        hrefs = narrow.eval_on_selector_all(".ht-steps a.ht-call", HREFS)
        assert "sms:988" in hrefs, f"{path}: no text button for 988: {hrefs}"
        onward = narrow.eval_on_selector_all(".ht-not-worked", HREFS)
        assert not any("contact-" in h for h in onward), f"{path}: leads back to JPay: {onward}"
    narrow.goto("/money/waiting-is-hard/")
    assert narrow.get_attribute(".ht-not-worked", "href") == "../more-support/"
    narrow.goto("/money/more-support/")
    assert narrow.locator(".ht-not-worked").count() == 0  # the chain ends here
    assert narrow.locator("p.ht-final").is_visible()


def longest_outcomes() -> list[str]:
    """Per guide and language, the outcome with the most steps: if it fits, shorter ones do."""
    paths = []
    for lang, base in every_guide():
        oracle = Oracle(lang, base)
        outcomes = [n for n in oracle.tree.outcomes() if n.id in oracle.guide.index.from_start]
        longest = max(outcomes, key=lambda n: len(n.body or ""))
        paths.append(oracle.path(longest.id))
    return paths


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_an_outcome_prints_on_one_sheet_with_its_qr_code_and_full_address(
        paper: str, desktop_js: BrowserContext) -> None:
    site_url = (shipped_project().spec.site_url or "").rstrip("/")
    page = desktop_js.new_page()
    try:
        for path in longest_outcomes():
            page.goto(path)
            reader = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
            assert len(reader.pages) == 1, f"{path}: {len(reader.pages)} sheets of {paper}"
            text = " ".join((reader.pages[0].extract_text() or "").split())
            assert (site_url + path).replace(" ", "") in text.replace(" ", ""), f"{path}: no full address"
            page.emulate_media(media="print")
            width = page.evaluate("""() => [
                document.querySelector('.md-content__inner').getBoundingClientRect().width,
                document.documentElement.clientWidth]""")
            assert width[0] >= 0.9 * width[1], f"{path}: the text uses {width[0]} of {width[1]} px"
            internal = page.evaluate("""() => [...document.querySelectorAll('.ht-steps a[data-ht-full]')]
                .map((a) => getComputedStyle(a, '::after').content)""")
            assert all(site_url in c for c in internal), f"{path}: a site link prints without its address"
            page.emulate_media(media=None)
    finally:
        page.close()


_CARDS = """() => [...document.querySelectorAll('.md-content ul > li > a.md-button')].map((a) => {
  const r = a.getBoundingClientRect(); return {href: a.getAttribute('href'), width: r.width,
  height: r.height, marker: getComputedStyle(a.parentElement, '::marker').content,
  bullet: getComputedStyle(a.parentElement).listStyleType}; })"""


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("home", ["/", "/es/"])
def test_home_guide_buttons_are_equal_cards_that_open_the_first_question(
        home: str, width: int, browser: Browser, request_log: RequestLog, guide_url: str) -> None:
    context = open_context(browser, request_log, guide_url, viewport={"width": width, "height": 800},
                           javascript=False)
    page = context.new_page()
    try:
        page.goto(home)
        cards = page.evaluate(_CARDS)
        starts = [f"{g.base}/{g.tree.start}/" for g in edition("en").guides]
        assert [c["href"] for c in cards] == starts
        assert len({round(c["width"]) for c in cards}) == 1, f"unequal widths: {cards}"
        assert len({round(c["height"]) for c in cards}) == 1, f"unequal heights: {cards}"
        assert all(c["bullet"] == "none" or c["marker"] == "none" for c in cards), cards
        first = edition(home.strip("/") or "en").guides[0].tree
        with page.expect_navigation():
            page.locator(".md-content a.md-button").first.click()
        assert page.locator("h1").inner_text() == first.nodes[first.start].title  # one tap
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_404_page_offers_home_search_the_a_z_and_the_other_language(
        lang: str, phone_js: BrowserContext) -> None:
    strings = SPANISH if lang == "es" else ENGLISH
    page = phone_js.new_page()
    try:
        page.goto("/404.html" if lang == "en" else "/es/404.html")
        ways = page.eval_on_selector_all(".ht-ways a", WAYS)
        other = "/es/" if lang == "en" else "/"
        assert [strings["not_found_home"], "/" if lang == "en" else "/es/"] in ways, ways
        assert any(href == other for _, href in ways), ways
        assert any(text == strings["not_found_index"] for text, _ in ways), ways
        search = page.locator(".ht-search-open")
        assert search.is_visible()
        search.click()
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    finally:
        page.close()


def test_copy_link_copies_the_published_address_not_the_local_one(phone_js: BrowserContext) -> None:
    site_url = (shipped_project().spec.site_url or "").rstrip("/")
    page = phone_js.new_page()
    try:
        page.goto("/troubleshoot/account-locked/")
        assert not page.locator(".ht-permalink a").count(), "the page's address is a link to itself"
        page.locator("[data-ht-copy]").click()
        page.locator("[data-ht-copy-status]").filter(has_text=ENGLISH["copied"]).wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == site_url + "/troubleshoot/account-locked/"
    finally:
        page.close()


def _unshown_keyword(outcome: Outcome) -> str | None:
    """A one-word keyword of the outcome that its title and summary do not hold."""
    shown = (outcome.title + " " + (outcome.summary or "")).lower()
    return next((w for w in outcome.keywords if " " not in w and w.lower() not in shown), None)


def test_the_staff_filter_finds_an_outcome_by_a_keyword_its_title_lacks(phone_js: BrowserContext) -> None:
    tree = edition("en").guides[0].tree
    outcome, word = next((n, w) for n in tree.outcomes() if (w := _unshown_keyword(n)))
    page = phone_js.new_page()
    try:
        page.goto("/staff/")
        page.locator("[data-ht-filter-input]").fill(word)
        shown = page.eval_on_selector_all("[data-ht-reply-item]:not([hidden]) h3",
                                          "es => es.map((h) => h.textContent.trim())")
        assert outcome.title in shown, (word, shown)
        assert len(shown) < len(list(tree.outcomes())), f"{word!r} filtered nothing out"
        titles = page.eval_on_selector_all("[data-ht-reply-item] h3", "es => es.map((h) => h.textContent)")
        page.locator("[data-ht-filter-input]").fill("")
        in_tree = [n.title for n in tree.outcomes()]
        assert titles[: len(in_tree)] == in_tree, "the desk is not in the tree's order"
    finally:
        page.close()


def test_a_back_link_without_javascript_never_names_a_page_the_reader_did_not_see(narrow: Page) -> None:
    oracle = Oracle("en", "troubleshoot")
    index = oracle.guide.index
    several = [n for n in index.reachable_order if len(set(index.parents.get(n, ()))) > 1]
    assert several, "control: some page has several ways in"
    for node in several:
        narrow.goto(oracle.path(node))
        back = narrow.locator("a.ht-back")
        assert back.inner_text().endswith(oracle.t["back_to_start"]), node
        assert narrow.locator("section.ht-usual").count() == 0, f"{node}: claims a route"
