"""In Chromium: a site built from a hostile tree, served with the Content-Security-Policy
from its `_headers`, runs no injected code, reports no CSP violation on any kind of page,
and still works (answer links, the JavaScript trail, search, redirects of renamed ids).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch
from headerskit import read_headers
from hostilekit import copy_small
from playwright.sync_api import Browser, Page, sync_playwright
from serverkit import serve

from generator.write.build import safe_build
from generator.write.csp import HEADERS_FILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Hostile text in the tree: every string an attacker would try, in the places readers see.
LABEL = "Forgot it <img src=x onerror=alert(1)> \"it\" & 'it' </a>"
QUESTION = "Can you </title><script>alert(2)</script> open your email?"
OUTCOME = 'Reset "it" <svg onload=alert(3)> & go'
TITLE = "Can't sign in? <script>alert(4)</script>"
# A keyword is indexed for search (Material shows a result's tags as HTML): its markup must
# stay text even on a host that applies no Content-Security-Policy.
KEYWORD = "zebrakey <img src=x onerror=alert(5)>"

# Record every CSP violation on the page, before any of the page's own scripts run.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def _hostile_project(root: Path) -> Path:
    config = copy_small(root)
    tree = root / "decision_tree.yaml"
    text = tree.read_text(encoding="utf-8")
    for old, new in (("label: I forgot my password", f"label: '{LABEL.replace(chr(39), 2 * chr(39))}'"),
                     ("question: Can you open the email account you use to sign in?",
                      f"question: '{QUESTION}'"),
                     ("outcome: Reset your password", f"outcome: '{OUTCOME}'"),
                     ('title: "Can\'t sign in?"', f'title: "{TITLE}"'),
                     ("    article: guides/reset.md\n",
                      f"    article: guides/reset.md\n    keywords: ['{KEYWORD}']\n")):
        assert old in text, old
        text = text.replace(old, new)
    tree.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outcome = safe_build(_hostile_project(tmp_path_factory.mktemp("hostile") / "p"), strict=True)
    assert outcome.ok, outcome.message
    return outcome.site_dir


@pytest.fixture(scope="module")
def site_url(site_dir: Path) -> Iterator[str]:
    """The hostile site, served on localhost with the headers its `_headers` file sets."""
    headers = read_headers((site_dir / HEADERS_FILE).read_text(encoding="utf-8"))
    assert "Content-Security-Policy" in headers
    served = serve(site_dir, headers)
    yield served.url
    served.close()


@pytest.fixture(scope="module")
def bare_site_url(site_dir: Path) -> Iterator[str]:
    """The same site on a host that applies no `_headers` (GitHub Pages, a plain nginx)."""
    served = serve(site_dir)
    yield served.url
    served.close()


_Job = tuple[Callable[[Browser], None], "queue.Queue[BaseException | None]"]


class _BrowserThread:
    """Chromium on a thread of its own. Playwright's sync API runs one event loop per thread,
    and another suite's session-wide Playwright may already hold the main thread's."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._ready: queue.Queue[BaseException | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        failed = self._ready.get(timeout=120)
        if failed:
            raise failed

    def _serve(self) -> None:
        try:
            playwright = sync_playwright().start()
            browser = launch(playwright.chromium)
        except BaseException as err:  # noqa: BLE001 - handed to the test thread
            self._ready.put(err)
            return
        self._ready.put(None)
        while (job := self._jobs.get()) is not None:
            work, done = job
            try:
                work(browser)
                done.put(None)
            except BaseException as err:  # noqa: BLE001 - re-raised in the test thread
                done.put(err)
        browser.close()
        playwright.stop()

    def run(self, work: Callable[[Browser], None]) -> None:
        done: queue.Queue[BaseException | None] = queue.Queue()
        self._jobs.put((work, done))
        failed = done.get(timeout=300)
        if failed:
            raise failed

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)


@pytest.fixture(scope="module")
def chromium() -> Iterator[_BrowserThread]:
    assert CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: run `make browser` (chromium-headless-shell)"
    running = _BrowserThread()
    yield running
    running.close()


@dataclass
class Watched:
    page: Page
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        found = list(self.page.evaluate("window.__violations || []"))
        return found + [text for text in self.console if "Content Security Policy" in text]


Check = Callable[[Watched], None]


@pytest.fixture
def in_browser(chromium: _BrowserThread, site_url: str) -> Callable[[Check], None]:
    """Runs a check on a fresh page of the hostile site, on the browser's thread."""
    def run(check: Check) -> None:
        def work(browser: Browser) -> None:
            context = browser.new_context(base_url=site_url)
            context.add_init_script(WATCH)
            # Nothing leaves the machine: ARGS send every other host to a proxy that refuses.
            page = context.new_page()
            seen = Watched(page)
            page.on("console", lambda message: seen.console.append(message.text))
            page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
            try:
                check(seen)
            finally:
                context.close()
        chromium.run(work)
    return run


PAGES = {
    "home": "",
    "start": "troubleshoot/",
    "question": "troubleshoot/forgot/",
    "outcome": "troubleshoot/reset-password/",
    "article": "guides/reset/",
    "A-Z index": "a-z/",
    "map": "map/",
    "not found": "404.html",
}


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_kind_loads_without_a_csp_violation(in_browser: Callable[[Check], None],
                                                       kind: str) -> None:
    def check(watched: Watched) -> None:
        watched.page.goto(PAGES[kind])
        watched.page.wait_for_load_state("networkidle")
        assert watched.violations() == []
        assert watched.dialogs == []
        assert watched.page.locator("img[src='x'], svg[onload]").count() == 0
    in_browser(check)


def test_hostile_titles_are_text_in_the_title_and_the_heading(
        in_browser: Callable[[Check], None]) -> None:
    def check(watched: Watched) -> None:
        page = watched.page
        page.goto(PAGES["question"])
        assert page.title() == f"{QUESTION} - Sign-in help"
        assert page.locator("h1").first.text_content() == QUESTION
        page.goto(PAGES["start"])
        assert page.title().startswith(TITLE)
        assert watched.dialogs == []
    in_browser(check)


def test_answering_works_and_a_hostile_label_comes_back_as_text(
        in_browser: Callable[[Check], None]) -> None:
    """The trail: the label goes from a data-* attribute into sessionStorage as JSON, and
    back onto the next page through textContent, never as HTML."""
    def check(watched: Watched) -> None:
        page = watched.page
        page.goto(PAGES["start"])
        page.get_by_role("link", name="Start now").click()
        page.wait_for_url("**/troubleshoot/what-happens/")
        page.locator("a.ht-answer", has_text="Forgot it").click()
        page.wait_for_url("**/troubleshoot/forgot/")
        stored = page.evaluate("JSON.parse(sessionStorage.getItem('helptree.trail'))")
        assert stored[-1]["answer"] == LABEL
        page.locator("a.ht-answer", has_text="Yes").click()
        page.wait_for_url("**/troubleshoot/reset-password/")
        trail = page.locator("[data-ht-yours] .ht-route__answer")
        assert trail.all_text_contents() == [LABEL, "Yes"]
        questions = page.locator("[data-ht-yours] .ht-route__question").all_text_contents()
        assert questions[1] == QUESTION
        assert page.locator("[data-ht-yours]").is_visible()
        assert page.locator("h1").first.text_content() == OUTCOME
        assert watched.violations() == []
        assert watched.dialogs == []
        assert page.locator("img[src='x'], svg[onload]").count() == 0
    in_browser(check)


def test_search_runs_under_the_policy(in_browser: Callable[[Check], None]) -> None:
    def check(watched: Watched) -> None:
        page = watched.page
        page.goto(PAGES["home"])
        page.wait_for_load_state("networkidle")  # the search worker has its index
        page.locator("input[name=query]").click()
        page.keyboard.type("password", delay=50)  # Material searches on key events
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="attached", timeout=20_000)
        assert results.count() > 0
        assert "password" in (page.locator(".md-search-result").text_content() or "").lower()
        assert watched.violations() == []
    in_browser(check)


def test_a_hostile_keyword_is_inert_in_search_results_without_the_policy(
        chromium: _BrowserThread, bare_site_url: str) -> None:
    def work(browser: Browser) -> None:
        context = browser.new_context(base_url=bare_site_url)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            page.goto("")
            page.wait_for_load_state("networkidle")
            page.locator("input[name=query]").click()
            page.keyboard.type("zebrakey", delay=50)
            results = page.locator(".md-search-result__item")
            results.first.wait_for(state="attached", timeout=20_000)
            # The keyword finds its page; the result shows the page's title, as text.
            assert OUTCOME in (page.locator(".md-search-result").text_content() or "")
            page.wait_for_timeout(300)  # an onerror would have fired by now
            assert page.locator("img[src='x'], svg[onload]").count() == 0
            assert dialogs == []
        finally:
            context.close()
    chromium.run(work)


@pytest.mark.parametrize("javascript", [True, False])
def test_renamed_id_redirects_under_the_policy(chromium: _BrowserThread, site_url: str,
                                               javascript: bool) -> None:
    """mkdocs-redirects' page: its inline script (hash listed) keeps the #fragment; without
    JavaScript the meta refresh still redirects."""
    def work(browser: Browser) -> None:
        context = browser.new_context(base_url=site_url, java_script_enabled=javascript)
        context.add_init_script(WATCH)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        try:
            page.goto("troubleshoot/old-reset/#ht-steps-title")
            page.wait_for_url("**/troubleshoot/reset-password/**", timeout=20_000)
            if javascript:
                assert page.url.endswith("#ht-steps-title")
                assert page.evaluate("window.__violations") == []
            assert [text for text in console if "Content Security Policy" in text] == []
        finally:
            context.close()
    chromium.run(work)


def test_the_policy_blocks_an_inline_script_slipped_into_a_page_after_the_checks(
        chromium: _BrowserThread, tmp_path: Path) -> None:
    """The last layer on its own: a hook inserts a script after helptree's output check, and
    the policy, built from the templates' scripts alone, keeps it from running."""
    from test_hostile_output import inject_after_the_check

    config = copy_small(tmp_path / "p")
    inject_after_the_check(config)
    outcome = safe_build(config, strict=True)
    assert outcome.ok, outcome.message
    headers = read_headers((outcome.site_dir / HEADERS_FILE).read_text(encoding="utf-8"))
    served = serve(outcome.site_dir, headers)
    url = served.url

    def work(browser: Browser) -> None:
        context = browser.new_context(base_url=url)
        context.add_init_script(WATCH)
        page = context.new_page()
        try:
            page.goto(PAGES["article"])
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__pwned") is None
            violations = page.evaluate("window.__violations")
            assert [v for v in violations if v.startswith("script-src")], violations
            page.goto(PAGES["outcome"])  # the templates' own scripts still run
            page.wait_for_load_state("networkidle")
            assert page.evaluate("typeof __md_get") == "function"
            assert page.evaluate("window.__violations") == []
        finally:
            context.close()
    try:
        chromium.run(work)
    finally:
        served.close()
