"""Every path of every guide in every language, clicked through in Chromium at a phone's size.

With JavaScript on: every path in order in one tab per guide, as a reader trying answers
would; at every page "Your answers" lists exactly the answers clicked so far (in the page's
language), the back link returns to the page actually visited, and Copy link (once on every
page) puts the page's permanent URL on the clipboard. At a path's end Back (every other
time, or where the next path branches off there) or Change in "Your answers" to the
question where the next path branches off, and on from there; Start again empties the trail.

With JavaScript off: every path answer by answer with plain links, and the JavaScript-only
parts (Your answers, Copy link) stay out of sight. Without JavaScript a page is a static
file that looks the same whatever route led to it, so each path starts from the page where
it branches off the path before (already reached by clicks from the start page) instead of
clicking its shared first answers again.

To keep this fast the guides of a mode are walked at the same time, each in its own tab:
every step clicks (a real mouse click) in all tabs, then waits for all the pages to load.
The tabs are separate pages, so each keeps its own "Your answers".
"""

from __future__ import annotations

from typing import Any

import pytest
from guidetree import (
    Oracle,
    Walk,
    aim,
    click_here,
    every_guide,
    expect_node,
    goto,
    read,
    run_together,
    shared,
)
from playwright.sync_api import BrowserContext, Page
from treekit import shipped_project

from generator.check.paths import Path as TreePath

pytestmark = pytest.mark.browser

WALKED = every_guide()


def test_every_guide_of_every_language_is_walked() -> None:
    """The walks below cover both languages and both shipped guides (a check of this file)."""
    assert {lang for lang, _ in WALKED} == {"en", "es"}
    assert {base for _, base in WALKED} == {"troubleshoot", "money"}
    assert len(WALKED) == 4


# -- JavaScript on: every path in one tab per guide --------------------------------------

class TrailWalk:
    def __init__(self, page: Page, oracle: Oracle, base_url: str) -> None:
        self.page = page
        self.oracle = oracle
        self.base_url = base_url.rstrip("/")
        self.trail: list[tuple[str, str, str]] = []  # (question, answer, page it was on)
        self.copied: set[str] = set()
        self.changes = 0
        self.backs = 0

    def expect_trail(self, seen: dict[str, Any], where: str) -> None:
        t = self.oracle.t
        assert seen["trail"] == self.trail, (
            f"{where}: 'Your answers' shows {seen['trail']}, expected {self.trail}")
        assert seen["yours_visible"] == bool(self.trail), (
            f"{where}: 'Your answers' visible={seen['yours_visible']}")
        if self.trail:
            assert not seen["usual_visible"], f"{where}: the usual route is shown beside 'Your answers'"
            assert seen["yours_title"] == t["your_answers"], (
                f"{where}: 'Your answers' is titled {seen['yours_title']!r}")
            assert set(seen["changes"]) == {t["change"]}, f"{where}: Change links say {seen['changes']}"

    def arrive(self, node_id: str, where: str) -> None:
        seen = read(self.page, self.oracle.start)
        expect_node(seen, self.oracle, node_id, where)
        self.expect_trail(seen, where)
        visited = self.trail[-1][2] if self.trail else self.oracle.start
        assert seen["back"] == visited, f"{where}: back goes to {seen['back']}, not the visited {visited}"
        if node_id not in self.copied:
            self.expect_copy(seen, node_id, where)
            self.copied.add(node_id)

    def expect_copy(self, seen: dict[str, Any], node_id: str, where: str) -> None:
        t = self.oracle.t
        assert seen["copy_visible"], f"{where}: no Copy link button"
        assert seen["copy_text"] == t["copy_link"], f"{where}: Copy link says {seen['copy_text']!r}"
        self.page.evaluate("navigator.clipboard.writeText('')")
        click_here(self.page, "[data-ht-copy]", where)
        self.page.locator("[data-ht-copy-status]").filter(has_text=t["copied"]).wait_for()
        copied = self.page.evaluate("navigator.clipboard.readText()")
        # the published address (site_url) the page shows, never the local test server's
        published = (shipped_project().spec.site_url or "").rstrip("/")
        assert copied == published + self.oracle.path(node_id), f"{where}: copied {copied!r}"

    def walk(self) -> Walk:
        oracle, page = self.oracle, self.page
        yield goto(page, self.base_url, oracle.start)
        yield aim(page, ".ht-start-now a", f"{oracle.name} start page")
        previous: TreePath | None = None
        paths = oracle.paths()
        for number, path in enumerate(paths):
            name = f"{oracle.name} path {[oracle.label(s) for s in path.steps]}"
            keep = shared(previous, path)
            if previous is not None and keep < len(self.trail):
                yield aim(page, "[data-ht-trail] > li a.ht-route__change", f"{name}: Change", index=keep)
                seen = read(page, oracle.start)
                assert seen["path"] == self.trail[keep][2], f"{name}: Change landed on {seen['path']}"
                self.trail = self.trail[:keep]
                self.expect_trail(seen, f"{name}, after Change")
                self.changes += 1
            assert len(self.trail) == keep or previous is None, f"{name}: not where it branches off"
            for step in path.steps[keep:]:
                where = f"{name} at `{step.node}`"
                self.arrive(step.node, where)
                label = oracle.label(step)
                yield aim(page, "a.ht-answer" if step.answer else "a.ht-not-worked", where, label=label)
                self.trail.append((oracle.title(step.node), label, oracle.path(step.node)))
            where = f"{name} at its end `{path.end}`"
            self.arrive(path.end, where)
            previous = path
            # Back (checked above to lead to the page visited) is clicked when the next path
            # branches off there, or when the next branch point is further back than one step
            # every other time; otherwise the next path's Change leads there straight away.
            after = shared(path, paths[number + 1]) if number + 1 < len(paths) else 0
            if after == len(self.trail) - 1 or number % 2 == 0:
                yield aim(page, "[data-ht-back]", f"{where}: Back")
                seen = read(page, oracle.start)
                assert seen["path"] == self.trail[-1][2], f"{where}: Back landed on {seen['path']}"
                self.trail.pop()
                self.expect_trail(seen, f"{where}, after Back")
                self.backs += 1
        # Start again empties the trail.
        if not self.trail:  # on the first question, which has no Start again
            yield aim(page, "a.ht-answer", f"{oracle.name}: an answer")
        yield aim(page, ".ht-nav [data-ht-restart]", f"{oracle.name}: Start again")
        assert read(page, oracle.start)["path"] == oracle.start
        yield aim(page, ".ht-start-now a", f"{oracle.name}: Start now")
        self.trail = []
        self.expect_trail(read(page, oracle.start), f"{oracle.name}: after Start again")


def test_every_path_of_each_guide_with_javascript_on(phone_js: BrowserContext, guide_url: str) -> None:
    """The Spanish guides and the English money guide, every path, "Your answers" in the
    page's language, Change, Back and Copy link (the Spanish labels on Spanish pages)."""
    walks = [TrailWalk(phone_js.new_page(), Oracle(lang, base), guide_url) for lang, base in WALKED]
    errors: list[str] = []
    for walk in walks:
        walk.page.on("pageerror", lambda err, name=walk.oracle.name: errors.append(f"{name}: {err}"))
    try:
        run_together([walk.walk() for walk in walks])
        for walk in walks:
            assert walk.changes > 0, f"{walk.oracle.name}: Change was never clicked"
            assert walk.backs > 0, f"{walk.oracle.name}: Back was never clicked"
            assert walk.copied == set(walk.oracle.guide.index.reachable_order), walk.oracle.name
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        for walk in walks:
            walk.page.close()



# -- JavaScript off: every path with plain links --------------------------------------------

def plain_walk(page: Page, oracle: Oracle, base_url: str) -> Walk:
    previous: TreePath | None = None
    for path in oracle.paths():
        name = f"{oracle.name} path {[oracle.label(s) for s in path.steps]} (no JavaScript)"
        keep = shared(previous, path)
        if previous is None:
            yield goto(page, base_url, oracle.start)
            seen = read(page, oracle.start)
            assert seen["lang"] == oracle.language, f"{name}: {seen['path']} is lang={seen['lang']}"
            assert seen["kind"] == "start", f"{name}: {seen['path']} is not the start page"
            yield aim(page, ".ht-start-now a", f"{name}: Start now")
        else:  # the page where this path branches off the last (walked to by clicks before)
            yield goto(page, base_url, oracle.path(path.steps[keep].node))
        for step in path.steps[keep:]:
            where = f"{name} at `{step.node}`"
            seen = read(page, oracle.start)
            expect_node(seen, oracle, step.node, where)
            assert not seen["yours_visible"], f"{where}: 'Your answers' shows without JavaScript"
            assert not seen["copy_visible"], f"{where}: a Copy button that cannot work is shown"
            assert seen["back"] in oracle.parents(step.node), f"{where}: back goes to {seen['back']}"
            yield aim(page, "a.ht-answer" if step.answer else "a.ht-not-worked", where,
                      label=oracle.label(step))
        where = f"{name} at its end `{path.end}`"
        seen = read(page, oracle.start)
        expect_node(seen, oracle, path.end, where)
        # the answers that lead here are shown where they are the only ones, and nowhere else
        one_route = oracle.guide.index.from_start[path.end] == 1
        assert seen["usual_visible"] == one_route, f"{where}: route shown {seen['usual_visible']}"
        if one_route:
            assert seen["usual_title"] == oracle.t["usual_route"], f"{where}: {seen['usual_title']!r}"
        assert not seen["copy_visible"], f"{where}: a Copy button that cannot work is shown"
        # "This worked" shows its message with CSS alone (:target).
        message = page.locator("#ht-worked")
        assert not message.is_visible(), f"{where}: the 'This worked' message shows before the click"
        click_here(page, "a.ht-worked-link", where)
        assert message.is_visible(), f"{where}: 'This worked' shows nothing without JavaScript"
        assert oracle.t["worked_message"] in " ".join(message.inner_text().split())
        previous = path


def test_every_path_of_each_guide_with_javascript_off(phone_nojs: BrowserContext, guide_url: str) -> None:
    """The same guides answer by answer with plain links; no JavaScript-only part shows."""
    pages = [phone_nojs.new_page() for _ in WALKED]
    try:
        run_together([plain_walk(page, Oracle(lang, base), guide_url)
                      for page, (lang, base) in zip(pages, WALKED, strict=True)])
    finally:
        for page in pages:
            page.close()
