"""The live preview in Chromium: `helptree serve` of a copy of the bilingual two-guide project.
A typo in a tree shows the problems page at a node address, in every language, reloaded by
the preview itself; the fix brings the page back; an edit of a Spanish translation file shows
up on the Spanish page."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import DESKTOP, RequestLog, open_context
from playwright.sync_api import Browser, Page

HELPTREE = Path(sys.executable).with_name("helptree")
PROBLEMS = "The help center has problems"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # 503: the problems page, still an answer
    except OSError:
        return False


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_languages import bilingual

    return bilingual(tmp_path_factory.mktemp("preview")).parent


@pytest.fixture(scope="module")
def guide_url(project: Path) -> Iterator[str]:
    """The preview's address (this module's own `guide_url`: every request of these tests
    must go to it)."""
    port = _free_port()
    log = project.parent / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(HELPTREE), "serve", "--config", str(project / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
            env={name: value for name, value in os.environ.items()
                 if name not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")})
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while not _answers(url):
            assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "helptree serve did not answer in 60 s"
            time.sleep(0.2)
        yield url
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site
        server.wait(timeout=20)
    printed = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in printed, printed
    for banner in ("end of life", "MKDOCS_2_WARNING"):  # `helptree serve` silences them
        assert banner not in printed, printed
    assert "unknown node `rest`" in printed  # the terminal says it too


def _shows(page: Page, text: str, since: float) -> float:
    """Waits (without navigating: the preview reloads the page) until ``text`` is on it,
    and says how many seconds after ``since`` it came."""
    page.get_by_text(text, exact=False).first.wait_for(timeout=15_000)
    return time.monotonic() - since


def test_a_broken_edit_shows_its_problems_and_the_fix_brings_the_page_back(
        browser: Browser, request_log: RequestLog, guide_url: str, project: Path) -> None:
    context = open_context(browser, request_log, guide_url, viewport=DESKTOP)
    node, spanish = context.new_page(), context.new_page()
    node.goto("login/what-happens/")
    assert node.locator("h1").first.inner_text() == "What happens when you try to sign in?"
    spanish.goto("es/login/reset/")
    assert spanish.locator("h1").first.inner_text() == "Haga una contraseña nueva"

    tree = project / "login.yaml"
    good = tree.read_text(encoding="utf-8")
    tree.write_text(good.replace("next: reset", "next: rest", 1), encoding="utf-8")
    took = _shows(node, PROBLEMS, time.monotonic())
    listed = node.locator("main").inner_text()
    assert f"{tree}:15:15" in listed
    assert "unknown node `rest`" in listed
    assert "did you mean `reset`?" in listed
    assert node.locator("a, link[href], script[src]").count() == 0  # links nothing outside
    assert took < 5, f"the problems page came {took:.1f} s after the save"
    _shows(spanish, PROBLEMS, time.monotonic())  # every page open, every language
    unknown = context.new_page()
    response = unknown.goto("login/a-node-being-written/")
    assert response is not None
    assert response.status == 503
    assert PROBLEMS in unknown.locator("h1").inner_text()

    tree.write_text(good, encoding="utf-8")
    _shows(node, "What happens when you try to sign in?", time.monotonic())
    assert PROBLEMS not in node.content()
    _shows(spanish, "Haga una contraseña nueva", time.monotonic())

    translation = project / "login.es.yaml"
    translation.write_text(translation.read_text(encoding="utf-8").replace(
        "Haga una contraseña nueva", "Cree una contraseña nueva"), encoding="utf-8")
    _shows(spanish, "Cree una contraseña nueva", time.monotonic())
    context.close()
