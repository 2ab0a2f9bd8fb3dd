"""The built Spanish pages (no browser): `<html lang="es">`, no English interface text, and
`hreflang` alternates in the sitemap, and a switch to the twin on every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from sitekit import Element, html_files, is_redirect, page_url, parse, resolve
from treekit import shipped_project

from generator.strings import ENGLISH, SPANISH

PROPER_NOUNS = ("JPay", "Securus", "988", "NAMI", "FAMM")
UNSEEN = {"script", "style", "template", "head", "noscript", "title"}  # tags whose text is not shown


def _fragments(text: str) -> list[str]:
    """The literal parts of an interface string (placeholders cut out), without proper nouns."""
    parts = [p.strip(" :.,") for p in re.split(r"\{[a-z_]+\}", text)]
    out = []
    for part in parts:
        for noun in PROPER_NOUNS:
            part = part.replace(noun, " ")
        part = " ".join(part.split())
        if len(part) >= 4 or (len(part) >= 3 and part[0].isupper()):
            out.append(part)
    return out


@cache
def english_interface() -> dict[str, list[str]]:
    """Every English interface string that differs from its Spanish value, as fragments."""
    found: dict[str, list[str]] = {}
    for key, text in ENGLISH.items():
        if SPANISH.get(key) == text:
            continue
        if key == "months":
            found[key] = text.split()
        elif fragments := _fragments(text):
            found[key] = fragments
    return found


def visible_text(node: Element) -> str:
    """The text a reader sees: no hidden elements, none marked as another language, no
    language switch (it names the other language in that language)."""
    if node.tag in UNSEEN or "hidden" in node.attrs or node.get("aria-hidden") == "true":
        return ""
    if node.get("lang") not in (None, "es") or "ht-lang" in node.classes:
        return ""
    if node.tag == "input":
        return ""
    parts = [child if isinstance(child, str) else visible_text(child) for child in node.children]
    return " ".join(" ".join(parts).split())


@cache
def spanish_pages(site: Path) -> list[tuple[str, Element]]:
    pages = []
    for file in html_files(site / "es"):
        page = parse(file.read_text(encoding="utf-8"))
        if not is_redirect(page):
            pages.append((page_url(site, file), page))
    return pages


def test_every_spanish_page_is_lang_es(guide_site: Path) -> None:
    pages = spanish_pages(guide_site)
    assert len(pages) > 60, f"only {len(pages)} Spanish pages"
    wrong = [url for url, page in pages if page.find("html").get("lang") != "es"]
    assert not wrong, f"Spanish pages without <html lang=\"es\">: {wrong}"


def test_no_english_interface_text_on_spanish_pages(guide_site: Path) -> None:
    strings = english_interface()
    assert "your_answers" in strings
    assert "it_did_not_work" in strings
    found = []
    for url, page in spanish_pages(guide_site):
        text = visible_text(page.find("body"))
        for key, fragments in strings.items():
            for fragment in fragments:
                if re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text):
                    found.append(f"{url}: {fragment!r} ({key})")
    assert not found, "English interface text on Spanish pages:\n" + "\n".join(sorted(found))


def _twin(url: str) -> dict[str, str]:
    """A page's address in each language."""
    english = url[len("/es"):] if url.startswith("/es/") else url
    return {"en": english, "es": "/es" + english}


def test_every_page_links_to_its_twin_and_its_head_to_no_alternate(guide_site: Path) -> None:
    """The language switch leads to the page's twin; the head has no <link rel=alternate>,
    for which Material's bundle would fetch a sitemap.xml that is not there (the twins are
    in the sitemap, below)."""
    wrong = []
    pages = 0
    for file in html_files(guide_site):
        url = page_url(guide_site, file)
        page = parse(file.read_text(encoding="utf-8"))
        if is_redirect(page) or url.endswith("/404.html"):  # error pages: served anywhere, no twin
            continue
        pages += 1
        if page.find("head").find_all("link", rel="alternate"):
            wrong.append(f"{url}: a <link rel=alternate> in the head")
        switch = page.find("nav", class_="ht-lang")  # exactly one on every page
        links = {a.get("hreflang"): resolve(url, a.get("href") or "") for a in switch.find_all("a")}
        expected = {lang: path for lang, path in _twin(url).items() if path != url}
        if links != expected:
            wrong.append(f"{url}: the switch links {links}, expected {expected}")
            continue
        for path in links.values():
            if not (guide_site / path.lstrip("/") / "index.html").is_file():
                wrong.append(f"{url}: the twin {path} is not a page")
    assert pages > 120
    assert not wrong, "\n".join(wrong)


def test_the_sitemap_lists_every_page_with_its_twins(guide_site: Path) -> None:
    site_url = (shipped_project().spec.site_url or "").rstrip("/")
    assert site_url
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(guide_site / "sitemap.xml").getroot()
    entries = {}
    for entry in root.findall("s:url", ns):
        loc = entry.findtext("s:loc", namespaces=ns) or ""
        entries[loc] = {link.get("hreflang"): link.get("href")
                        for link in entry.findall("x:link", ns) if link.get("rel") == "alternate"}
    wrong = []
    for file in html_files(guide_site):
        url = page_url(guide_site, file)
        page = parse(file.read_text(encoding="utf-8"))
        if is_redirect(page) or url.endswith("/404.html"):  # error pages: served anywhere, no twin
            continue
        loc = site_url + url
        if loc not in entries:
            wrong.append(f"{loc} is not in the sitemap")
            continue
        expected = {lang: site_url + path for lang, path in _twin(url).items()}
        if entries[loc] != expected:
            wrong.append(f"{loc}: alternates {entries[loc]}, expected {expected}")
    assert any(loc.startswith(site_url + "/es/") for loc in entries)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("key", ["your_answers", "change", "copy_link", "it_did_not_work", "back"])
def test_the_english_strings_checked_differ_in_spanish(key: str) -> None:
    """The check above is not vacuous: these labels are in it."""
    assert key in english_interface()
