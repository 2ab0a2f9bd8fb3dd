"""Search as readers type it (bench/search_queries.yaml), printing an outcome, and the staff
desk, in Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page
from treekit import shipped_project

from generator.strings import ENGLISH, SPANISH

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
QUERIES = {item["q"]: item for item in
           yaml.safe_load((ROOT / "bench" / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]}
TOP = 3


# -- search ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_page(phone_js: BrowserContext) -> Iterator[Page]:
    page = phone_js.new_page()
    yield page
    page.close()


def open_search(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.locator("label[for=__search]").first.click()
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    # Material answers a query only once its search worker has read the index.
    page.locator(".md-search-result__meta").filter(has_text=placeholder).wait_for()


def results(page: Page, query: str, top: int | None = TOP) -> list[str]:
    """The site paths of the results Material's search shows, once they stand still."""
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyboard events too
    last: list[str] = []
    for _ in range(50):
        page.wait_for_timeout(100)
        hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                          "links => links.map(a => a.href)")
        found = [urlsplit(h).path for h in hrefs][:top]
        if found and found == last:
            return found
        last = found
    return last


SEARCHED = [  # (query, page it is typed on)
    ("forgot password", "/"), ("pasword", "/"), ("loked out", "/"), ("money did not arrive", "/"),
    ("pendign", "/"), ("cuenta bloqueada", "/es/"), ("contrasena", "/es/"), ("reembolso", "/es/"),
]


def test_search_answers_reader_queries_in_the_top_three(search_page: Page, guide_url: str) -> None:
    misses = []
    opened = None
    for query, where in SEARCHED:
        if opened != where:
            open_search(search_page, guide_url.rstrip("/") + where)
            opened = where
        answers = {"/" + a for a in QUERIES[query]["answers"]}
        top = results(search_page, query)
        if not answers & set(top):
            misses.append(f"{query!r} on {where}: top {TOP} {top}, expected one of {sorted(answers)}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("query", ["jpay", "password", "securus"])
def test_search_on_a_spanish_page_finds_only_spanish_pages(query: str, search_page: Page,
                                                           guide_url: str) -> None:
    """Words that English pages hold too (names, "Forgot Password") find Spanish pages only."""
    open_search(search_page, guide_url.rstrip("/") + "/es/troubleshoot/")
    found = results(search_page, query, top=None)
    assert found, f"{query!r} finds nothing on a Spanish page"
    english = [path for path in found if not path.startswith("/es/")]
    assert not english, f"{query!r} on a Spanish page finds English pages: {english}"


# -- printing an outcome -----------------------------------------------------------------

PHONE = "800-574-5729"
CALL_OUTCOME = "/troubleshoot/account-locked/"


def pdf_text(pdf: bytes) -> str | None:
    """The PDF's text with pypdf, or poppler's pdftotext; None when neither is here."""
    try:
        import pypdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        pypdf = None
    if pypdf is not None:
        import io
        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        done = subprocess.run([tool, "-layout", str(source), "-"], capture_output=True, text=True,
                              timeout=60, check=True)
        return done.stdout


_PRINTED = """() => {
  const shown = (e) => !!e && e.checkVisibility();
  const box = document.querySelector('.ht-qr-box');
  const call = [...document.querySelectorAll('.ht-steps a.ht-call')].filter(shown);
  const url = box && box.querySelector('.ht-print-url');
  return {
    qr: shown(box && box.querySelector('svg')),
    qr_size: box && box.querySelector('svg') ? box.querySelector('svg').getBoundingClientRect().width : 0,
    url: shown(url) ? url.textContent.trim() : null,
    calls: call.map((a) => a.textContent.replace(/\\s+/g, ' ').trim()),
    switch: shown(document.querySelector('nav.ht-lang')),
  };
}"""


@pytest.mark.parametrize("path", [CALL_OUTCOME, "/es" + CALL_OUTCOME])
def test_a_printed_outcome_has_the_phone_number_the_full_url_and_a_qr_code(
        path: str, phone_js: BrowserContext, guide_url: str) -> None:
    site_url = shipped_project().spec.site_url
    assert site_url, "the shipped site has no site_url"
    full_url = site_url.rstrip("/") + path
    strings = SPANISH if path.startswith("/es/") else ENGLISH
    page = phone_js.new_page()
    try:
        page.goto(guide_url.rstrip("/") + path, wait_until="load")
        screen = page.evaluate(_PRINTED)
        assert not screen["qr"], f"{path}: the QR code shows on screen"
        page.emulate_media(media="print")
        printed = page.evaluate(_PRINTED)
        assert printed["qr"], f"{path}: no QR code in print ({printed})"
        assert printed["qr_size"] >= 80, f"{path}: the printed QR code is {printed['qr_size']} px wide"
        assert printed["url"] == full_url, f"{path}: the printed URL is {printed['url']!r}, not {full_url!r}"
        assert any(PHONE in call for call in printed["calls"]), f"{path}: no {PHONE} in {printed['calls']}"
        assert not printed["switch"], f"{path}: the language switch is printed"
        assert strings["scan_qr"] in page.locator(".ht-qr-box").inner_text()
        pdf = page.pdf(format="Letter")
        assert pdf.startswith(b"%PDF-"), f"{path}: page.pdf() gave no PDF"
        text = pdf_text(pdf)
        if text is not None:  # pypdf or pdftotext is here: read the printout itself
            flat = " ".join(text.split())
            assert PHONE in flat, f"{path}: the printed PDF lacks {PHONE}"
            assert full_url in flat.replace(" ", "") or full_url in flat, f"{path}: the PDF lacks {full_url}"
    finally:
        page.close()


# -- the staff desk ----------------------------------------------------------------------

_DESK = """() => {
  const shown = (e) => !!e && e.checkVisibility();
  const items = [...document.querySelectorAll('[data-ht-reply-item]')];
  return {
    items: items.map((li) => ({
      text: li.querySelector('[data-ht-reply]').textContent.trim(),
      all: li.textContent.toLowerCase(),
      shown: shown(li), reply_shown: shown(li.querySelector('[data-ht-reply]')),
      button: shown(li.querySelector('[data-ht-copy-reply]')),
    })),
    filter: shown(document.querySelector('[data-ht-filter]')),
    status: (document.querySelector('[data-ht-filter-status]') || {}).textContent || '',
  };
}"""


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_staff_desk_copies_replies_and_filters_with_javascript(
        prefix: str, phone_js: BrowserContext, guide_url: str) -> None:
    strings = SPANISH if prefix else ENGLISH
    site_url = shipped_project().spec.site_url or ""
    page = phone_js.new_page()
    try:
        page.goto(guide_url.rstrip("/") + prefix + "/staff/", wait_until="load")
        desk = page.evaluate(_DESK)
        assert desk["items"], "no replies on the desk"
        assert desk["filter"], "no filter with JavaScript"
        assert all(i["button"] and i["reply_shown"] for i in desk["items"])
        for number in (0, len(desk["items"]) - 1):
            item = page.locator("[data-ht-reply-item]").nth(number)
            page.evaluate("navigator.clipboard.writeText('')")
            item.locator("[data-ht-copy-reply]").click()
            item.locator("[data-ht-copy-status]").filter(has_text=strings["reply_copied"]).wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
            expected = desk["items"][number]["text"]
            assert copied == expected, f"Copy reply put {copied!r} on the clipboard, not {expected!r}"
            assert site_url in copied, f"the reply {copied!r} holds no full URL"
        word = "securus"
        field = page.locator("[data-ht-filter-input]")
        field.fill(word)
        desk = page.evaluate(_DESK)
        matching = [i["shown"] for i in desk["items"] if word in i["all"]]
        others = [i["shown"] for i in desk["items"] if word not in i["all"]]
        assert matching, f"no outcome mentions {word!r}"
        assert others, f"every outcome mentions {word!r}"
        assert all(matching), f"filter {word!r} hides matching outcomes"
        assert not any(others), f"filter {word!r} leaves other outcomes shown"
        field.fill("zzqx nothing")
        desk = page.evaluate(_DESK)
        assert not any(i["shown"] for i in desk["items"])
        assert desk["status"] == strings["staff_filter_none"]
        field.fill("")
        assert all(i["shown"] for i in page.evaluate(_DESK)["items"])
    finally:
        page.close()


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_staff_desk_without_javascript_shows_replies_and_hides_buttons(
        prefix: str, phone_nojs: BrowserContext, guide_url: str) -> None:
    page = phone_nojs.new_page()
    try:
        page.goto(guide_url.rstrip("/") + prefix + "/staff/", wait_until="load")
        desk = page.evaluate(_DESK)
        assert desk["items"]
        assert all(i["shown"] and i["reply_shown"] and i["text"] for i in desk["items"])
        assert not any(i["button"] for i in desk["items"]), "Copy reply shows without JavaScript"
        assert not desk["filter"], "the filter shows without JavaScript"
    finally:
        page.close()
