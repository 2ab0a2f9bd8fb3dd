"""Every path of the shipped guide, clicked through in Chromium at a phone's size.

With JavaScript on: "Your answers" lists exactly the answers clicked so far, the back link
returns to the page actually visited, Change goes back and shortens the trail, and Copy
link puts the page's permanent URL on the clipboard. The paths are walked in order in one
tab, as a reader trying answers would: after each path's end, Back; then Change in "Your
answers" to the question where the next path branches off, and on from there.

With JavaScript off: every path from the start page with plain links, and the
JavaScript-only parts (Your answers, Copy link) stay out of sight.
"""

from __future__ import annotations

import pytest
from guidetree import DID_NOT_WORK, Seen, expect_node, guide, moves, node_path, plain, read, shared, title
from playwright.sync_api import BrowserContext, Locator, Page

from generator.paths import Path as TreePath
from generator.paths import Step

pytestmark = pytest.mark.browser

START = "/troubleshoot/"


def paths() -> list[TreePath]:
    index = guide().index
    assert index is not None
    found = list(index.iter_paths())
    assert len(found) == index.count()
    return found


def click_move(page: Page, label: str, answer: bool, where: str) -> None:
    """Click the answer (or "This did not work") whose visible label is ``label``."""
    links = page.locator("a.ht-answer" if answer else "a.ht-not-worked")
    labels = [" ".join(text.split()) for text in (
        links.locator(".ht-answer__label").all_text_contents() if answer else links.all_text_contents())]
    assert labels.count(label) == 1, f"{where}: no single link {label!r} among {labels}"
    follow(page, links.nth(labels.index(label)))


def follow(page: Page, link: Locator) -> None:
    """Click a link and wait for the next page (styles and scripts loaded)."""
    with page.expect_navigation(wait_until="load"):
        link.click()


def start(page: Page) -> None:
    page.goto(START, wait_until="load")
    follow(page, page.locator(".ht-start-now a"))


def expect_trail(seen: Seen, trail: list[tuple[str, str, str]], where: str) -> None:
    assert seen.trail == trail, f"{where}: 'Your answers' shows {seen.trail}, expected {trail}"
    assert seen.yours_visible == bool(trail), f"{where}: 'Your answers' visible={seen.yours_visible}"
    if trail:
        assert not seen.usual_visible, f"{where}: the usual route is shown beside 'Your answers'"


def expect_copy(page: Page, base_url: str, node_id: str, where: str) -> None:
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator("[data-ht-copy]").click()
    status = page.locator("[data-ht-copy-status]")
    status.filter(has_text="Link copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url.rstrip("/") + node_path(node_id), f"{where}: copied {copied!r}"



class TrailWalk:
    """A reader with JavaScript on, and what "Your answers" must list at each moment."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.trail: list[tuple[str, str, str]] = []  # (question, answer, page it was on)
        self.copied: set[str] = set()

    def arrive(self, node_id: str, where: str) -> None:
        """On ``node_id``'s page: its content, the trail so far, the back link, Copy link."""
        seen = read(self.page)
        expect_node(seen, node_id, where)
        expect_trail(seen, self.trail, where)
        visited = self.trail[-1][2] if self.trail else START
        assert seen.back == visited, f"{where}: back goes to {seen.back}, the page visited was {visited}"
        if node_id not in self.copied:
            expect_copy(self.page, self.base_url, node_id, where)
            self.copied.add(node_id)

    def answer(self, step: Step, where: str) -> None:
        label = plain(step.answer.label) if step.answer else DID_NOT_WORK
        click_move(self.page, label, step.answer is not None, where)
        self.trail.append((title(step.node), label, node_path(step.node)))

    def back(self, where: str) -> None:
        """Back returns to the page actually visited; the trail loses its last answer."""
        follow(self.page, self.page.locator("[data-ht-back]"))
        seen = read(self.page)
        assert seen.path == self.trail[-1][2], f"{where}: Back landed on {seen.path}, not {self.trail[-1][2]}"
        self.trail.pop()
        expect_trail(seen, self.trail, f"{where}, after Back")

    def change(self, index: int, where: str) -> None:
        """Change goes back to that question, and the trail is cut there."""
        follow(self.page, self.page.locator("[data-ht-trail] > li a.ht-route__change").nth(index))
        seen = read(self.page)
        assert seen.path == self.trail[index][2], f"{where}: Change landed on {seen.path}"
        self.trail = self.trail[:index]
        expect_trail(seen, self.trail, f"{where}, after Change")


def test_every_path_with_javascript_on(phone_js: BrowserContext, guide_url: str) -> None:
    """Paths are walked in order; each branches off the last with Change, as a reader would.

    At the end of every path Back is clicked; the next path then picks its branch point with
    Change in "Your answers" (or answers on the page it is on), and clicks on from there.
    """
    page = phone_js.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    walk = TrailWalk(page, guide_url)
    changes = 0
    previous: TreePath | None = None
    for path in paths():
        name = [s.label for s in path.steps]
        keep = shared(previous, path)
        if previous is None:
            start(page)
        elif keep < len(walk.trail):  # branch further back than the page we are on
            walk.change(keep, f"path {name}: Change answer {keep + 1}")
            changes += 1
        assert len(walk.trail) == keep
        for step in path.steps[keep:]:
            where = f"path {name} at `{step.node}`"
            walk.arrive(step.node, where)
            walk.answer(step, where)
        walk.arrive(path.end, f"path {name} at its end `{path.end}`")
        walk.back(f"path {name} at its end `{path.end}`")
        previous = path
    # Start again empties the trail.
    if not walk.trail:
        follow(page, page.locator("a.ht-answer, a.ht-not-worked").first)
    follow(page, page.locator(".ht-nav [data-ht-restart]"))
    assert read(page).kind == "start"
    follow(page, page.locator(".ht-start-now a"))
    expect_trail(read(page), [], "after Start again")

    assert changes > 0
    assert walk.copied == set(guide().index.reachable_order)  # type: ignore[union-attr]
    assert not errors, f"JavaScript errors: {errors}"
    page.close()


def test_every_path_with_javascript_off(phone_nojs: BrowserContext) -> None:
    """Plain links all the way: every path from the start page, answer by answer."""
    page = phone_nojs.new_page()
    tree = guide().tree
    assert tree is not None
    for path in paths():
        name = [s.label for s in path.steps]
        start(page)
        for step in path.steps:
            where = f"path {name} at `{step.node}` (no JavaScript)"
            seen = read(page)
            expect_node(seen, step.node, where)
            assert not seen.yours_visible, f"{where}: 'Your answers' shows without JavaScript"
            assert not seen.copy_visible, f"{where}: a Copy button that cannot work is shown"
            parents = {START} | {node_path(n) for n in tree.nodes
                                 if step.node in {t for _, t in moves(n)}}
            assert seen.back in parents, f"{where}: back goes to {seen.back}, not to a page before this one"
            label = plain(step.answer.label) if step.answer else DID_NOT_WORK
            click_move(page, label, step.answer is not None, where)
        where = f"path {name} at its end `{path.end}` (no JavaScript)"
        seen = read(page)
        expect_node(seen, path.end, where)
        assert seen.usual_visible, f"{where}: no route shown without JavaScript"
        assert not seen.copy_visible, f"{where}: a Copy button that cannot work is shown"
        # "This worked" shows its message with CSS alone (:target).
        message = page.locator("#ht-worked")
        assert not message.is_visible()
        page.locator("a.ht-worked-link").click()
        assert message.is_visible(), f"{where}: 'This worked' shows nothing without JavaScript"
    page.close()
