"""Search is loaded when a reader opens it (lazy-search.js), not on every page, and works."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser


def test_a_page_load_fetches_no_search_index_or_worker(desktop_js: BrowserContext,
                                                       guide_url: str) -> None:
    page = desktop_js.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(guide_url + "troubleshoot/what-is-wrong/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in seen if "search_index.json" in url or "/workers/search." in url]
    page.close()


def test_opening_search_loads_it_and_finds_the_reset_steps(desktop_js: BrowserContext,
                                                          guide_url: str) -> None:
    page = desktop_js.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(guide_url)
    field = page.locator("input.md-search__input")
    field.click()
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for()
    field.press_sequentially("forgot password")
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    assert any("search_index.json" in url for url in seen)
    assert "password" in page.locator(".md-search-result").inner_text().lower()
    page.close()
