"""The Chromium the browser tests run: RenderDocument off, and Playwright's own switches kept
(a second --disable-features replaces the first whole, so it must carry Playwright's list)."""

from __future__ import annotations

import pytest
from chromium import DISABLE_FEATURES, OFF, disabled_features, switches
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_chromium_turns_off_what_playwright_turns_off_and_render_document(browser: Browser) -> None:
    args = switches()
    lists = [arg for arg in args if arg.startswith(DISABLE_FEATURES)]
    assert len(lists) == 2, f"expected Playwright's --disable-features and ours, found {lists}"
    playwright, applied = disabled_features(lists[:1]), disabled_features(args)
    assert playwright, f"Playwright's list is empty: {lists[0]}"
    assert set(OFF) <= set(applied), f"Chromium runs with {applied}"
    assert not set(playwright) - set(applied), (
        f"Playwright's {sorted(set(playwright) - set(applied))} would be back on")


def test_only_the_last_disable_features_counts() -> None:
    assert disabled_features(["x", "--disable-features=A,B", "--disable-features=C", "y"]) == ["C"]
    assert disabled_features(["x"]) == []
