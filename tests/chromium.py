"""Chromium through Playwright for the browser tests: launch settings, recorded contexts.

The browser is Debian's Chromium headless shell (package chromium-headless-shell), the
same Blink as /usr/bin/chromium without the desktop browser around it: Playwright's own
choice for headless runs, and half the CPU per page load on the 2-core build machine
(about 60 ms instead of 140 ms without JavaScript, 100 ms instead of 200 ms with it, both
measured with the request interception below still in place).
HELPTREE_CHROMIUM picks another binary, e.g. /usr/bin/chromium.

Requests to other hosts never leave: Chromium sends them to a proxy that is not there (a
local port held bound but never listening, so each is refused at once) while the local
server, on the loopback address Chromium never proxies, answers directly. Playwright's
request interception did the same job at twice the CPU per page load (about 105 ms
instead of 55 ms with JavaScript): every request of every page paused in the driver.

Chromium runs with RenderDocument off (``launch``): with it on, as Chromium 156 has it by
default, every page load builds a new frame in the page's process, and Playwright sets
each one up again. Off, a page load costs Chromium a quarter less CPU (measured on the
shipped pages: 61 -> 45 ms without JavaScript, 84 -> 60 ms with it). Pages do not behave
differently: it is how Chromium houses a document, not what the document can do.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, BrowserType, Request, ViewportSize
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path(os.environ.get("HELPTREE_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell"))
_HELD: list[socket.socket] = []


def _refusing_port() -> int:
    """A loopback port nobody can listen on while this process lives: bound, not listening."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    _HELD.append(held)
    port: int = held.getsockname()[1]
    return port


PROXY = f"--proxy-server=http://127.0.0.1:{_refusing_port()}"  # this test process's own port
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", PROXY]
DISABLE_FEATURES = "--disable-features="
OFF = ["RenderDocument"]  # features turned off on top of Playwright's (see the module docstring)
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


def switches() -> list[str]:
    """The command line of a Chromium this test process started (its browser process, not
    a renderer), read from /proc: no other process's Chromium has its PROXY."""
    for cmdline in Path("/proc").glob("*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:  # the process ended while we looked
            continue
        if PROXY in args and not any(arg.startswith("--type=") for arg in args):
            return args
    raise LookupError(f"no Chromium browser process with {PROXY} under /proc")


def disabled_features(args: list[str]) -> list[str]:
    """The features a command line turns off: Chromium keeps the last --disable-features
    only, so one given after Playwright's own replaces that list whole."""
    last = [arg for arg in args if arg.startswith(DISABLE_FEATURES)][-1:]
    return [name for arg in last for name in arg.removeprefix(DISABLE_FEATURES).split(",") if name]


_LAUNCH_ARGS: list[str] = []


def launch(chromium: BrowserType) -> Browser:
    """CHROMIUM with ARGS and OFF turned off as well as every feature Playwright turns off.

    Playwright's list is read off a Chromium it starts (once per test process), not copied
    here: a later Playwright may change it, and a --disable-features without it would undo it.
    """
    if not _LAUNCH_ARGS:
        probe = chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            theirs = disabled_features(switches())
        finally:
            probe.close()
        _LAUNCH_ARGS.extend([*ARGS, DISABLE_FEATURES + ",".join(dict.fromkeys([*theirs, *OFF]))])
    return chromium.launch(executable_path=str(CHROMIUM), args=_LAUNCH_ARGS)


def open_context(browser: Browser, log: RequestLog, base_url: str, *, viewport: ViewportSize,
                 javascript: bool = True) -> BrowserContext:
    """A context that records every request (only the local server answers: see ARGS)."""
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
    context.set_default_timeout(10_000)
    return context
