"""Chromium through Playwright for the browser tests: launch settings, recorded contexts.

The browser is Debian's Chromium headless shell (package chromium-headless-shell), the
same Blink as /usr/bin/chromium without the desktop browser around it: Playwright's own
choice for headless runs, and half the CPU per page load on the 2-core build machine
(about 60 ms instead of 140 ms without JavaScript, 100 ms instead of 200 ms with it).
HELPTREE_CHROMIUM picks another binary, e.g. /usr/bin/chromium.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Request, ViewportSize
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path(os.environ.get("HELPTREE_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell"))
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
