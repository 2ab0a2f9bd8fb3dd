"""No third-party requests at all, and nothing the reader chose leaves the browser.

Every browser test already fails if a request went anywhere but the local server (the
autouse fixture in conftest.py). Here every page of the help center is opened with
JavaScript on at a phone's size (each also measured for sideways scroll while it is open:
one load for both), search included, and each request is checked (none fails either: a
404 is a trip for nothing on a reader's phone); a control proves the recorder sees and
stops a request to another host.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import PHONE, RequestLog, open_context
from guidetree import site_pages, too_wide
from playwright.sync_api import Browser, BrowserContext
from serverkit import serve

from generator.write.build import safe_build

pytestmark = pytest.mark.browser


def test_every_page_asks_only_the_local_server(phone_js: BrowserContext, guide_site: Path,
                                               guide_url: str, request_log: RequestLog) -> None:
    """And, while each page is open, that it is no wider than the phone's screen."""
    start = len(request_log.seen)
    page = phone_js.new_page()
    failed: list[str] = []  # a request for something the site does not have is a wasted trip
    page.on("response", lambda r: failed.append(f"{r.status} {r.url} (from {r.frame.url})")
            if r.status >= 400 else None)
    pages = site_pages(guide_site)
    wide = []
    for url in pages:
        page.goto(url, wait_until="load")
        if (found := too_wide(page)) is not None:
            wide.append(f"{url}: {found}")
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
    assert "/assets/helptree/search.json" in urls, "the recorder missed the search index's request"
    foreign = request_log.foreign(guide_url, since=start)
    assert not foreign, "requests to another host:\n" + "\n".join(foreign)
    # Answers stay in the browser: no request carries a query string.
    with_query = [url for url, _ in seen if urlsplit(url).query]
    assert not with_query, f"requests with a query string: {with_query}"
    assert not failed, "requests that failed:\n" + "\n".join(failed[:20])
    assert not wide, "pages wider than the 390 px screen:\n" + "\n".join(wide)


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


# -- a project that forgets `font: false` -------------------------------------------

SMALL_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "small"
# What a new user writes: no `font: false`, no `extra: generator: false`.
FORGETFUL = "site_name: Minimal\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n  - search\n"


def build_minimal(tmp_path: Path, helptree: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(SMALL_PROJECT, project, ignore=shutil.ignore_patterns("mkdocs.yml"))
    (project / "mkdocs.yml").write_text(FORGETFUL + helptree, encoding="utf-8")
    outcome = safe_build(project / "mkdocs.yml", tmp_path / "site", strict=True)
    assert outcome.ok, outcome.message
    return tmp_path / "site"


def requests_of(browser: Browser, site: Path) -> tuple[str, RequestLog]:
    """Open every page of a built site in Chromium; every request is recorded (none leaves)."""
    served = serve(site)
    url = served.url
    log = RequestLog()
    context = open_context(browser, log, url, viewport=PHONE)
    page = context.new_page()
    for path in site_pages(site):
        page.goto(path, wait_until="load")
    context.close()
    served.close()
    return url, log


def test_a_project_without_font_false_asks_no_other_host(browser: Browser, tmp_path: Path) -> None:
    site = build_minimal(tmp_path, "  - helptree\n")
    for path in site.rglob("*.html"):
        assert "fonts.g" not in path.read_text(encoding="utf-8"), path
    url, log = requests_of(browser, site)
    assert any(seen.endswith("/troubleshoot/") for seen, _ in log.seen), "the recorder saw no page"
    assert log.foreign(url) == [], "requests to another host:\n" + "\n".join(log.foreign(url))


def test_web_font_true_opts_in_to_google_fonts(browser: Browser, tmp_path: Path) -> None:
    """Control: with the opt-in, the same project asks Google Fonts, and the log shows it."""
    site = build_minimal(tmp_path, "  - helptree:\n      web_font: true\n")
    url, log = requests_of(browser, site)
    assert any(seen.startswith("https://fonts.googleapis.com/") for seen in log.foreign(url))
