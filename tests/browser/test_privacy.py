"""No third-party requests at all, and nothing the reader chose leaves the browser.

Every browser test already fails if a request went anywhere but the local server (the
autouse fixture in conftest.py). Here every page of the guide is opened with JavaScript on,
search included, and each request is checked; a control proves the recorder sees and stops
a request to another host.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import PHONE, RequestLog, open_context
from playwright.sync_api import Browser, BrowserContext

pytestmark = pytest.mark.browser


def site_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def test_every_page_asks_only_the_local_server(phone_js: BrowserContext, guide_site: Path,
                                               guide_url: str, request_log: RequestLog) -> None:
    start = len(request_log.seen)
    page = phone_js.new_page()
    pages = site_pages(guide_site)
    for url in pages:
        page.goto(url, wait_until="load")
    # Search runs in a worker that fetches the index: its requests are recorded too.
    page.goto("/")
    page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for()
    page.locator("input.md-search__input").press_sequentially("email")
    page.locator(".md-search-result__item").first.wait_for()
    page.close()

    seen = request_log.seen[start:]
    urls = {urlsplit(url).path for url, _ in seen}
    assert {p for p in pages if p != "/404.html"} <= urls, "the recorder missed page loads"
    assert "/search/search_index.json" in urls, "the recorder missed the search worker's request"
    foreign = request_log.foreign(guide_url, since=start)
    assert not foreign, "requests to another host:\n" + "\n".join(foreign)
    # Answers stay in the browser: no request carries a query string.
    with_query = [url for url, _ in seen if urlsplit(url).query]
    assert not with_query, f"requests with a query string: {with_query}"


def test_the_recorder_catches_and_stops_a_request_to_another_host(browser: Browser, guide_url: str) -> None:
    """Control: a page asking another host is recorded as foreign, and the request never leaves."""
    log = RequestLog()
    context = open_context(browser, log, guide_url, viewport=PHONE)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto("/")
    page.evaluate("""() => new Promise((done) => {
        const img = new Image(); img.onerror = img.onload = done;
        img.src = 'https://fonts.googleapis.com/css?family=Roboto'; })""")
    context.close()
    assert log.foreign(guide_url) == [f"https://fonts.googleapis.com/css?family=Roboto (from {guide_url})"]
    assert failed == ["https://fonts.googleapis.com/css?family=Roboto"]
