"""What a reader on a phone sees, measured in Chromium with getBoundingClientRect at 390 px,
with JavaScript on and off: the call button, 44 px targets, no sideways scroll, one look."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from chromium import RequestLog, open_context
from guidetree import TOUCH_TARGET, Oracle, every_guide, guide, node_path, project, site_pages, too_wide
from playwright.sync_api import Browser, BrowserContext, Page

from generator.contacts import tel_uri
from generator.model import Outcome
from generator.strings import ENGLISH

pytestmark = pytest.mark.browser


_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.checkVisibility())
  .map((e) => {
    const r = e.getBoundingClientRect(); const up = e.parentElement; const s = getComputedStyle(up);
    return {what: e.outerHTML.slice(0, 100), text: e.textContent.replace(/\\s+/g, ' ').trim(),
            href: e.getAttribute('href') || '', width: r.width, height: r.height,
            room: up.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)}; })"""


def boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(_BOXES, selector)
    return found


def outcomes() -> list[Outcome]:
    tree = guide().tree
    assert tree is not None
    return list(tree.outcomes())


def call_outcomes() -> list[Outcome]:
    """Outcomes whose steps include a call: a `{{ contacts.ID.call }}` placeholder."""
    return [o for o in outcomes() if ".call }}" in (o.body or "")]


@pytest.fixture(params=["js", "nojs"])
def phone(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab at 390 px, JavaScript on, then off."""
    context: BrowserContext = request.getfixturevalue("phone_js" if request.param == "js" else "phone_nojs")
    page = context.new_page()
    yield page
    page.close()


# -- item 2: calling support is a button; navigation is 44 px tall --------------------

def test_the_guide_has_call_steps() -> None:
    """Control: the tests below measure real call buttons, not an empty list."""
    assert len(call_outcomes()) >= 5


def test_every_call_step_is_a_full_width_button_naming_who_and_the_number(phone: Page) -> None:
    jpay = project().contacts["jpay"]  # from the shared contacts.yaml
    for outcome in outcomes():
        phone.goto(node_path(outcome.id))
        calls = boxes(phone, ".ht-steps a.ht-call")
        inline = [b["what"] for b in boxes(phone, ".ht-steps a[href^='tel:']:not(.ht-call)")]
        assert not inline, f"{outcome.id}: a call step is a small inline link: {inline}"
        if outcome not in call_outcomes():
            assert not calls, f"{outcome.id}: a call button where the steps call no one"
            continue
        assert calls, f"{outcome.id}: its call step shows no call button"
        for button in calls:
            assert button["height"] >= TOUCH_TARGET, (
                f"{outcome.id}: {button['what']} is {button['height']:.1f} px tall")
            assert button["width"] >= button["room"] - 1, (
                f"{outcome.id}: the call button is {button['width']:.1f} px of {button['room']:.1f} px")
    phone.goto(node_path("account-locked"))
    [button] = boxes(phone, ".ht-steps a.ht-call")
    # innerText gives the label's no-break space (which keeps the number by the name) as a space
    label = ENGLISH["call_contact"].format(name=jpay.name, phone=jpay.phone)
    assert button["text"] == label.replace("\u00a0", " ")
    assert button["text"] == "Call JPay 800-574-5729"
    assert button["href"] == tel_uri(jpay.phone or "") == "tel:+18005745729"


NAVIGATION = {
    "Back": "a.ht-back", "Change": "a.ht-route__change", "Start again": "a.ht-restart",
    "help-area link": ".ht-help-area li > a", "Copy link": "[data-ht-copy]", "call button": "a.ht-call",
    "answer": "a.ht-answer", "This worked / did not work": ".ht-feedback__actions a",
    "Start now": ".ht-start-now a",
}
PAGES = ["/", "/troubleshoot/", node_path("login-problem"), node_path("account-locked"),
         node_path("person-moved"), "/recovery/reset-password/", "/recovery/contact-jpay-support/"]


def test_actions_and_navigation_links_are_44px_tall_on_a_phone(phone: Page) -> None:
    measured: set[str] = set()
    small = []
    for url in PAGES:
        phone.goto(url)
        for name, selector in NAVIGATION.items():
            for box in boxes(phone, selector):
                measured.add(name)
                if box["height"] < TOUCH_TARGET:
                    small.append(f"{url} {name}: {box['height']:.1f} px: {box['what']}")
    assert not small, f"under {TOUCH_TARGET} px tall at 390 px wide:\n" + "\n".join(small)
    js = phone.evaluate("!!document.querySelector('[data-ht-copy]:not([hidden])')")
    expected = set(NAVIGATION) - (set() if js else {"Copy link"})
    assert measured == expected, f"never measured: {expected - measured}"


_CARDS = """() => Array.from(document.querySelectorAll('a.ht-answer')).map(a => {
  const card = a.getBoundingClientRect(), room = a.closest('ul').getBoundingClientRect();
  const label = a.querySelector('.ht-answer__label').getBoundingClientRect();
  const hint = a.querySelector('.ht-answer__hint');
  return {text: a.textContent.trim().slice(0, 40), top: card.top, bottom: card.bottom,
          width: card.width, room: room.width, labelBottom: label.bottom,
          hintTop: hint ? hint.getBoundingClientRect().top : null};
})"""


def test_answer_cards_fill_the_width_with_the_hint_under_the_label(phone: Page) -> None:
    """On a phone an answer card is a full-width block: its hint on the lines below its label
    (not a narrow column beside it), and a gap between one card and the next."""
    tree = guide().tree
    assert tree is not None
    phone.goto(node_path(tree.start))
    cards: list[dict[str, Any]] = phone.evaluate(_CARDS)
    assert len(cards) >= 2
    assert any(card["hintTop"] is not None for card in cards)
    for card in cards:
        assert card["width"] >= card["room"] - 1, card
        if card["hintTop"] is not None:
            assert card["hintTop"] >= card["labelBottom"] - 1, card
    for above, below in pairwise(cards):
        assert below["top"] - above["bottom"] >= 6, (above["text"], below["text"])


# -- item 4: the staff box is closed, labelled for staff, and its full list reachable ---

_STAFF = """() => {
  const box = document.querySelector('details.ht-staff');
  const summary = box.querySelector('summary');
  const r = summary.getBoundingClientRect();
  return {open: box.open, summary: summary.textContent.trim(), height: r.height,
          background: getComputedStyle(summary).backgroundColor,
          border: getComputedStyle(box).borderLeftStyle,
          listShown: box.querySelector('ol').checkVisibility()};
}"""


def test_the_staff_box_is_closed_quiet_and_leads_to_every_path(phone: Page) -> None:
    index = guide().index
    assert index is not None
    busiest = max((o.id for o in outcomes()), key=lambda node: index.from_start.get(node, 0))
    assert index.from_start[busiest] > 5, "control: some outcome has more paths than are listed"
    phone.goto(node_path(busiest))
    staff = phone.evaluate(_STAFF)
    assert not staff["open"], "the staff box is open for every family member"
    assert not staff["listShown"]
    assert staff["summary"].startswith(ENGLISH["for_staff"])
    assert staff["height"] >= TOUCH_TARGET, f"summary {staff['height']:.1f} px tall"
    assert staff["background"] == "rgba(0, 0, 0, 0)", f"a tinted note: {staff}"
    assert staff["border"] == "none", f"a boxed note: {staff}"

    phone.locator("details.ht-staff > summary").click()
    everything = phone.locator("details.ht-staff a", has_text=ENGLISH["paths_map"])
    assert everything.is_visible()
    assert "more" in phone.locator("details.ht-staff .ht-staff__all").inner_text()
    with phone.expect_navigation():
        everything.click()
    assert phone.evaluate("location.pathname + location.hash") == f"/map/#map-troubleshoot-{busiest}"
    place = phone.evaluate("""() => { const t = document.querySelector(':target');
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return t && {top: t.getBoundingClientRect().top, header: header, text: t.textContent}; }""")
    assert place, "the map has no entry for the outcome"
    assert place["top"] >= place["header"] - 1, f"the entry is hidden under the header: {place}"


# -- item 6: no sideways scroll at 390 px ----------------------------------------------
# Node pages are measured in both modes by the walks of every guide (expect_node), every
# page with JavaScript by the sweep in test_privacy.py; here the rest without JavaScript.

def test_no_page_but_the_nodes_scrolls_sideways_without_javascript(
        phone_nojs: BrowserContext, guide_site: Path) -> None:
    oracles = [Oracle(lang, base) for lang, base in every_guide()]
    nodes = {oracle.path(n) for oracle in oracles for n in oracle.guide.index.reachable_order}
    pages = [url for url in site_pages(guide_site) if url not in nodes]
    assert "/es/a-z/" in pages, pages
    assert "/money/" in pages, pages
    page = phone_nojs.new_page()
    try:
        wide = []
        for url in pages:
            page.goto(url)
            if (found := too_wide(page)) is not None:
                wide.append(f"{url}: {found}")
    finally:
        page.close()
    assert not wide, "pages wider than the 390 px screen:\n" + "\n".join(wide)


# -- item 7: one look ------------------------------------------------------------------

_LOOK = r"""() => {
  const h1 = document.querySelector('.md-content h1');
  const s = getComputedStyle(h1);
  const footer = document.querySelector('.md-footer');
  const para = [...document.querySelectorAll('.md-content p')]
    .find((p) => p.textContent.length > 40 && p.checkVisibility());
  let perLine = 0;
  if (para) {
    const text = para.textContent.replace(/\s+/g, ' ').trim();
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = text;
    para.appendChild(probe);
    const average = probe.getBoundingClientRect().width / text.length;
    probe.remove();
    perLine = para.getBoundingClientRect().width / average;
  }
  return {color: s.color, weight: s.fontWeight, size: s.fontSize,
          footer: footer && footer.checkVisibility() ? footer.getBoundingClientRect().height : 0,
          perLine: perLine};
}"""
LOOK_PAGES = ["/", "/troubleshoot/", node_path("login-problem"), node_path("account-locked"),
              "/recovery/reset-password/", "/a-z/", "/404.html"]


@pytest.fixture(params=["js", "nojs"])
def desktop(request: pytest.FixtureRequest, browser: Browser, request_log: RequestLog,
            guide_url: str) -> Iterator[Page]:
    context = open_context(browser, request_log, guide_url, viewport={"width": 1280, "height": 800},
                           javascript=request.param == "js")
    yield context.new_page()
    context.close()


def test_headings_look_the_same_on_every_page_kind(phone: Page) -> None:
    looks = {}
    for url in LOOK_PAGES:
        phone.goto(url)
        look = phone.evaluate(_LOOK)
        looks[url] = (look["color"], look["weight"], look["size"])
    assert len(set(looks.values())) == 1, f"h1 differs by page kind: {looks}"
    color, weight, _ = next(iter(looks.values()))
    assert int(weight) >= 700, f"h1 is not bold: {looks}"
    assert color in {"rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)"}, f"h1 is grey: {looks}"


def test_no_page_ends_with_an_empty_footer_band(phone: Page) -> None:
    bands = {}
    for url in LOOK_PAGES:
        phone.goto(url)
        height = phone.evaluate(_LOOK)["footer"]
        if height:
            bands[url] = height
    assert not bands, f"an empty footer band (px tall): {bands}"


def test_lines_stay_near_70_characters_on_a_desktop(desktop: Page) -> None:
    lengths = {}
    for url in LOOK_PAGES:
        desktop.goto(url)
        lengths[url] = round(desktop.evaluate(_LOOK)["perLine"])
    too_long = {url: n for url, n in lengths.items() if n > 80}
    assert not too_long, f"characters per line at 1280 px: {lengths}"
    assert min(n for n in lengths.values() if n) >= 55, f"lines too short: {lengths}"
