"""One Chromium for the whole session (Debian's headless shell, through Playwright), one context
per mode.

Every request any page makes is recorded; after each browser test, the requests made during
it must all have gone to the local test server (see also test_privacy.py). Requests to any
other host are recorded and refused (chromium.ARGS), so the tests never reach the network.

No browser is not a reason to skip: the fixture fails with the command that installs one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chromium import CHROMIUM, DESKTOP, PHONE, RequestLog, launch, open_context
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"No Chromium at {CHROMIUM}. The browser tests need Debian's Chromium headless shell: run "
            "`make browser` (apt-get install chromium-headless-shell), or set HELPTREE_CHROMIUM to "
            "a Chromium binary. "
            "They are not skipped.", pytrace=False)
    try:
        launched = launch(playwright_driver.chromium)
    except PlaywrightError as err:
        pytest.fail(f"Chromium at {CHROMIUM} did not start through Playwright:\n{err}", pytrace=False)
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def phone_js(browser: Browser, request_log: RequestLog, guide_url: str) -> Iterator[BrowserContext]:
    """The shipped guide at a phone's size with JavaScript on (clipboard allowed)."""
    context = open_context(browser, request_log, guide_url, viewport=PHONE)
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone_nojs(browser: Browser, request_log: RequestLog, guide_url: str) -> Iterator[BrowserContext]:
    """The shipped guide at a phone's size with JavaScript off."""
    context = open_context(browser, request_log, guide_url, viewport=PHONE, javascript=False)
    yield context
    context.close()


@pytest.fixture(scope="session")
def desktop_js(browser: Browser, request_log: RequestLog, guide_url: str) -> Iterator[BrowserContext]:
    context = open_context(browser, request_log, guide_url, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _only_local_requests(request: pytest.FixtureRequest) -> Iterator[None]:
    """While any browser test runs, every request must go to the local server."""
    if "browser" not in request.keywords:
        yield
        return
    log: RequestLog = request.getfixturevalue("request_log")
    origin: str = request.getfixturevalue("guide_url")
    start = len(log.seen)
    yield
    foreign = log.foreign(origin, since=start)
    assert not foreign, "requests to another host:\n" + "\n".join(foreign)
