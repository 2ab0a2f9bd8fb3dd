"""One Chromium for the whole session (Debian's, through Playwright), one context per mode.

Every request any page makes is recorded; after each browser test, the requests made during
it must all have gone to the local test server (see also test_privacy.py). Requests to any
other host are recorded and then aborted, so the tests never reach the network.

No browser is not a reason to skip: the fixture fails with the command that installs one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, Request, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path(os.environ.get("HELPTREE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
LOCAL_SCHEMES = ("data", "blob", "about")


@dataclass
class RequestLog:
    """Every request made by any page in the session, as (URL, page it came from)."""

    seen: list[tuple[str, str]] = field(default_factory=list)

    def foreign(self, allowed_origin: str, since: int = 0) -> list[str]:
        """Requests from ``since`` on that did not go to ``allowed_origin``."""
        allowed = urlsplit(allowed_origin)
        bad = []
        for url, page in self.seen[since:]:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if (parts.scheme, parts.hostname, parts.port) != (allowed.scheme, allowed.hostname, allowed.port):
                bad.append(f"{url} (from {page})")
        return bad


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
            f"No Chromium at {CHROMIUM}. The browser tests need Debian's Chromium: run `make browser` "
            "(apt-get install chromium), or set HELPTREE_CHROMIUM to a Chromium binary. "
            "They are not skipped.", pytrace=False)
    try:
        launched = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    except PlaywrightError as err:
        pytest.fail(f"Chromium at {CHROMIUM} did not start through Playwright:\n{err}", pytrace=False)
    yield launched
    launched.close()


def open_context(browser: Browser, log: RequestLog, base_url: str, *, viewport: ViewportSize,
                 javascript: bool = True) -> BrowserContext:
    """A context that records every request and lets only the local server answer."""
    context = browser.new_context(base_url=base_url, viewport=viewport,
                                  java_script_enabled=javascript, service_workers="block")
    origin = base_url.rstrip("/")
    if javascript:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)

    def record(request: Request) -> None:
        try:
            source = request.frame.url
        except PlaywrightError:  # a worker's request has no frame
            source = "a worker"
        log.seen.append((request.url, source))

    context.on("request", record)

    # Only requests to other hosts are intercepted (a pattern the driver matches itself).
    context.route(re.compile(f"^(?!{re.escape(origin)}/)(https?|wss?|ftp)://"), lambda route: route.abort())
    context.set_default_timeout(10_000)
    return context


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
