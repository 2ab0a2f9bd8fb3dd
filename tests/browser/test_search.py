"""Search: loaded when a reader opens it (lazy-search.js), helptree's own index, queries read
as readers mean them, across languages, and no query lost while it loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import PHONE
from headerskit import read_headers
from playwright.sync_api import Browser, BrowserContext, Page
from serverkit import serve
from treekit import shipped_project

from generator.write.csp import HEADERS_FILE

pytestmark = pytest.mark.browser

INDEX = "assets/helptree/search.json"
# Every CSP violation on a page, recorded before any of the page's own scripts run.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def results(page: Page, query: str, *, typed: bool = True) -> list[str]:
    """The result links for ``query`` once they stand still (paths below the site root)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    if typed:
        box.press_sequentially(query)
    else:
        box.fill(query)
    meta = page.locator(".md-search-result__meta")
    last: list[str] | None = None
    for _ in range(60):
        page.wait_for_timeout(100)
        found = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                          "links => links.map(a => new URL(a.href).pathname)")
        if found == last and (found or "No matching" in meta.inner_text()):
            return found
        last = found
    return last or []


def open_search(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").wait_for(state="visible")


def test_a_page_load_fetches_no_search_index_or_worker(desktop_js: BrowserContext,
                                                       guide_url: str) -> None:
    page = desktop_js.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(guide_url + "troubleshoot/what-is-wrong/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in seen if ("search" in url.rsplit("/", 1)[-1] and url.endswith(".json"))
                or "/workers/search." in url]
    page.close()


def test_opening_search_loads_helptrees_index_and_finds_the_reset_steps(
        desktop_js: BrowserContext, guide_url: str) -> None:
    page = desktop_js.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(guide_url)
    field = page.locator("input.md-search__input")
    field.click()
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for()
    found = results(page, "forgot password")
    assert any(url.endswith(INDEX) for url in seen)
    assert not any("search_index.json" in url for url in seen), "Material's own index is not used"
    assert found[0] in ("/troubleshoot/reset-password/", "/recovery/reset-password/")
    page.close()


def test_words_under_four_letters_match_whole_words_only(phone_js: BrowserContext,
                                                         guide_url: str) -> None:
    page = phone_js.new_page()
    open_search(page, guide_url)
    # "in", "me" and "no" are stop words and the start of many words: alone they find nothing.
    for query in ("in", "me", "no", "i"):
        assert results(page, query) == [], query
    # "app" is a word of its own: it finds the app's page, not every "apply" or "approved".
    assert results(page, "app")[0] in ("/troubleshoot/app-problem/", "/causes/site-and-app-problems/")
    page.close()


def test_a_title_typed_finds_its_own_page_first(phone_js: BrowserContext, guide_url: str,
                                                guide_site: Path) -> None:
    """Keywords of one page never outrank the near-exact title of another: every page's
    title, typed as it is, finds first that page or one whose title has every word of it
    (an outcome and its article often share a title)."""
    index = json.loads((guide_site / INDEX).read_text(encoding="utf-8"))
    stop = set(index["config"]["helptree"]["stop_words"]["en"])
    docs = [doc for doc in index["docs"] if doc["lang"] == "en"]
    titles = {"/" + doc["location"]: doc["title"] for doc in docs}

    def words(title: str) -> set[str]:
        return {w.strip("?.,:").casefold() for w in title.split()} - stop

    page = phone_js.new_page()
    open_search(page, guide_url)
    wrong = []
    for doc in docs:
        found = results(page, doc["title"].replace("&amp;", "&"), typed=False)
        first = titles.get(found[0], "") if found else ""
        if not found or not words(doc["title"]) <= words(first):
            wrong.append(f"{doc['title']!r} -> {found[:1]}")
    page.close()
    assert not wrong, "\n".join(wrong)


def test_spanish_typed_on_the_english_home_finds_spanish_pages(phone_js: BrowserContext,
                                                                guide_url: str) -> None:
    page = phone_js.new_page()
    open_search(page, guide_url)
    found = results(page, "olvide mi contrasena")
    assert found[0] in ("/es/troubleshoot/reset-password/", "/es/recovery/reset-password/")
    assert results(page, "forgot password")[0].startswith(("/troubleshoot/", "/recovery/"))
    # and the other way round
    open_search(page, guide_url + "es/")
    assert results(page, "my money did not arrive")[0].startswith(("/money/", "/causes/"))
    page.close()


def test_a_phone_number_typed_finds_a_page_of_the_readers_language_that_gives_it(
        phone_js: BrowserContext, guide_url: str, guide_site: Path) -> None:
    """Numbers are words too, in every language: a worried reader types the crisis line's
    number (lunr's Spanish trimmer once turned `988` into nothing). Each number of the
    shipped contacts with no hyphen in it (a hyphen splits a number into words)."""
    numbers = {c.phone for c in shipped_project().contacts.values() if c.phone and "-" not in c.phone}
    numbers |= {c.sms for c in shipped_project().contacts.values() if c.sms and "-" not in c.sms}
    assert "988" in numbers  # the crisis line: the reason for this test
    page = phone_js.new_page()
    wrong = []
    for home in ("", "es/"):
        open_search(page, guide_url + home)
        for number in sorted(numbers):
            found = results(page, number)
            first = found[0] if found else ""
            html = (guide_site / first.lstrip("/") / "index.html").read_text(encoding="utf-8") \
                if first else ""
            if not first.startswith("/" + home) or number not in html:
                wrong.append(f"{home or 'en/'} {number!r} -> {found[:1]}")
    page.close()
    assert not wrong, wrong


def test_a_typo_still_finds_the_page(phone_js: BrowserContext, guide_url: str) -> None:
    page = phone_js.new_page()
    open_search(page, guide_url)
    assert results(page, "pasword")[0] in ("/troubleshoot/reset-password/", "/recovery/reset-password/")
    page.close()


def test_a_query_pasted_before_search_is_ready_is_searched_when_it_is(
        phone_js: BrowserContext, guide_url: str) -> None:
    """With the CPU six times slower, the reader opens search and pastes a query at once,
    with no key press (as a paste or dictation does): it is searched once the index is in."""
    page = phone_js.new_page()
    cdp = phone_js.new_cdp_session(page)
    page.goto(guide_url)
    page.wait_for_load_state("networkidle")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    try:
        page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("input.md-search__input")
        box.focus()
        assert not page.locator(".md-search-result__item").count()
        page.keyboard.insert_text("reset email never came")  # an input event, no key
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        first = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
        assert "reset-email-missing" in first
        # and a second paste, once search is ready, with no key either
        box.fill("")
        page.keyboard.insert_text("securus")
        page.locator(".md-search-result__item a[href*='securus']").first.wait_for(timeout=60_000)
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        page.close()


def test_the_home_search_box_opens_search_with_what_was_typed(phone_js: BrowserContext,
                                                             guide_url: str) -> None:
    page = phone_js.new_page()
    page.goto(guide_url)
    field = page.locator("#ht-home-search-input")
    assert field.is_visible()
    field.click()
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type("locked out")
    page.locator(".md-search-result__item").first.wait_for()
    assert "account-locked" in (page.locator(".md-search-result__item a").first.get_attribute("href") or "")
    page.close()


@pytest.mark.parametrize("home", ["", "es/"])
def test_the_home_search_box_without_javascript_leads_to_the_a_z(phone_nojs: BrowserContext,
                                                                guide_url: str, home: str) -> None:
    page = phone_nojs.new_page()
    page.goto(guide_url + home)
    field = page.locator("#ht-home-search-input")
    assert field.is_visible()
    field.fill("password")
    page.locator(".ht-home-search__button").click()
    page.wait_for_load_state()
    assert page.url.split("?")[0] == guide_url + home + "a-z/"
    assert page.locator(".ht-home-search__az a").count() == 0  # the A-Z itself, not the home
    page.close()


def test_search_runs_under_the_sites_content_security_policy(browser: Browser, guide_site: Path) -> None:
    """The index, the two workers and their language scripts need nothing the `_headers`
    policy does not allow (no 'unsafe-eval', no 'wasm-unsafe-eval')."""
    headers = read_headers((guide_site / HEADERS_FILE).read_text(encoding="utf-8"))
    assert "wasm-unsafe-eval" not in headers["Content-Security-Policy"]
    served = serve(guide_site, headers)
    context = browser.new_context(viewport=PHONE)
    try:
        context.add_init_script(WATCH)
        page = context.new_page()
        open_search(page, served.url)
        assert results(page, "olvide mi contrasena")[0].startswith("/es/")
        assert results(page, "forgot password")
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
        served.close()
