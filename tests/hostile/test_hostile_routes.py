"""Routes to the page the first round of checks missed (issue #10), caught at the source
with a located error: contact values, URLs a browser reads differently from how they look,
attributes and syntax the link scan skipped, and files under content/ that are not pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from treekit import BASE, check_text, codes

ALLOWED = BASE + "allowed_domains:\n  - example.org\n"


def _contact(field: str, value: str) -> str:
    """A tree with one contact whose ``field`` is ``value`` (as a YAML double-quoted text)."""
    name = "" if field == "name" else "    name: Help desk\n"
    return ALLOWED + f"contacts:\n  desk:\n{name}    {field}: {json.dumps(value)}\n"


# Class 1: a contact value is validated for what it is, wherever it is used.
CONTACT_ATTACKS = {
    "url that ends in a Markdown link": ("url", "https://help.example.org/)[x](javascript:alert(1)"),
    "url with a quote and a handler": ("url", 'https://help.example.org/" onclick="alert(1)'),
    "url with a second address": ("url", "https://help.example.org/ https://evil.io/"),
    "phone that is a link": ("phone", "[800-555-0100](javascript:alert(1))"),
    "phone with markup": ("phone", "800 <b>555</b> 0100"),
    "text that is a link": ("text", "[Text us](https://evil.io/)"),
    "text with markup": ("text", "Text <b onmouseover=alert(1)>HELP</b>"),
    "note with a bare address": ("note", "More at www.evil.io today"),
    "note on two lines": ("note", "Line one\n\n<script>alert(1)</script>"),
}


@pytest.mark.parametrize("attack", CONTACT_ATTACKS)
def test_a_contact_value_that_is_not_what_its_field_says_is_located(tmp_path: Path,
                                                                    attack: str) -> None:
    field, value = CONTACT_ATTACKS[attack]
    article = f"# A\n\nCall {{{{ contacts.desk.{field} }}}}.\n"
    project = check_text(tmp_path, _contact(field, value), {"a.md": article})
    found = [p for p in project.errors if p.code in ("HT212", "HT213", "HT221")]
    assert found, [p.headline() for p in project.problems]
    assert all(p.location.file.endswith("decision_tree.yaml") for p in found)
    line = 22 if field == "name" else 23
    assert all(p.location.line == line for p in found), [p.headline() for p in found]


@pytest.mark.parametrize(("field", "value"), [
    ("url", "https://help.example.org"), ("url", "https://www.example.org/contact/"),
    ("phone", "800-555-0100"), ("phone", "+1 (800) 555-0100"), ("phone", "988"),
    ("text", 'Text "HELPLINE" to 62640'), ("name", "988 Suicide & Crisis Lifeline"),
    ("hours", "Monday to Friday, 10 am to 10 pm (Eastern)"), ("note", "Press 2 for Spanish."),
])
def test_ordinary_contact_values_pass(tmp_path: Path, field: str, value: str) -> None:
    project = check_text(tmp_path, _contact(field, value))
    assert project.ok, [p.headline() for p in project.problems]


# Class 2: a link is decided by the host a browser would go to.
BROWSER_READS_ANOTHER_HOST = {
    "slash backslash": "[x](/\\evil.io/login)",
    "scheme backslashes": "[x](https:\\\\evil.io/)",
    "scheme one slash": "[x](https:/evil.io/)",
    "tab in the host slashes": '<a href="/\t/evil.io/">x</a>',
    "newline in the host slashes": '<a href="/\n/evil.io/">x</a>',
    "entity slashes": "[x](&#47;&#47;evil.io/)",
    "leading control character": '<a href="\x01//evil.io/">x</a>',
    "allowed name in the path only": "[x](https://evil.io\\.example.org/)",
}


@pytest.mark.parametrize("attack", BROWSER_READS_ANOTHER_HOST)
def test_a_link_a_browser_sends_off_the_allow_list_is_located(tmp_path: Path, attack: str) -> None:
    article = "# A\n\nIntro.\n\n" + BROWSER_READS_ANOTHER_HOST[attack] + "\n"
    project = check_text(tmp_path, ALLOWED, {"a.md": article})
    found = [p for p in project.errors if p.code in ("HT212", "HT213")]
    assert found, [p.headline() for p in project.problems]
    assert all(p.location.file.endswith("a.md") and p.location.line >= 5 for p in found)


@pytest.mark.parametrize("link", ["[x](../troubleshoot/)", "[x](/troubleshoot/left/)", "[x](#a)",
                                  "[x](https://www.example.org/a?b=c#d)", "[x](mailto:help@example.org)",
                                  "[x](tel:+18005550100)", "[x](other.md)"])
def test_ordinary_links_pass(tmp_path: Path, link: str) -> None:
    project = check_text(tmp_path, ALLOWED, {"a.md": f"# A\n\n{link}\n", "other.md": "# O\n"})
    assert project.ok, [p.headline() for p in project.problems]


# Class 3: every URL-bearing attribute and every reference definition Markdown reads.
SKIPPED_SYNTAX = {
    "srcset": '<img alt="" srcset="a.png 1x, https://evil.io/b.png 2x">',
    "ping": '<a href="/" ping="https://evil.io/track">x</a>',
    "background": '<table background="https://evil.io/bg.png"><tr><td>x</td></tr></table>',
    "poster": '<video poster="https://evil.io/p.png"></video>',
    "formaction": '<button formaction="/\\evil.io/">x</button>',
    "xlink:href": '<svg><a xlink:href="/\\evil.io/"><text>x</text></a></svg>',
    "cite": '<blockquote cite="https:\\\\evil.io/">x</blockquote>',
    "reference with an empty label": "[]: javascript:alert(1)\n\n[x][]",
    "reference with a label on two lines": "[a\nb]: javascript:alert(1)\n\n[x][a b]",
}


@pytest.mark.parametrize("attack", SKIPPED_SYNTAX)
def test_every_place_markdown_or_html_puts_a_url_is_checked(tmp_path: Path, attack: str) -> None:
    project = check_text(tmp_path, ALLOWED, {"a.md": "# A\n\nIntro.\n\n" + SKIPPED_SYNTAX[attack] + "\n"})
    found = [p for p in project.errors if p.code in ("HT212", "HT213")]
    assert found, [p.headline() for p in project.problems]
    assert all(p.location.line >= 5 for p in found)


@pytest.mark.parametrize("location", ["/\\evil.io/", "https:\\\\evil.io/", "//evil.io/"])
def test_a_front_matter_redirect_is_decided_as_a_browser_reads_it(tmp_path: Path,
                                                                 location: str) -> None:
    quoted = location.replace("\\", "\\\\")
    article = f'---\ntemplate: redirect.html\nlocation: "{quoted}"\n---\n'
    project = check_text(tmp_path, ALLOWED, {"go.md": article})
    found = [p for p in project.errors if p.code in ("HT212", "HT213")]
    assert found, [p.headline() for p in project.problems]
    assert found[0].location.line == 3


# Class 5: only a documented list of file types under content/ is published.
@pytest.mark.parametrize(("name", "text"), [
    ("page.xht5", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
    ("feed.rss", "<rss><script xmlns='http://www.w3.org/1999/xhtml'>alert(1)</script></rss>"),
    ("page.mhtml", "<script>alert(1)</script>"),
    ("_redirects", "/*  https://evil.io/:splat  302\n"),
    ("_headers", "/*\n  Content-Security-Policy: script-src *\n"),
    ("tool.js", "alert(1)\n"),
    ("guides/notes", "no suffix at all\n"),
])
def test_a_file_type_outside_the_published_list_is_ht407(tmp_path: Path, name: str,
                                                          text: str) -> None:
    project = check_text(tmp_path, BASE, {name: text})
    found = [p for p in project.errors if p.code == "HT407"]
    assert [p.location.file for p in found] == [str(tmp_path / "content" / name)]


@pytest.mark.parametrize("name", ["logo.png", "photo.JPG", "form.pdf", "robots.txt", "extra.css"])
def test_pictures_documents_and_styles_are_published(tmp_path: Path, name: str) -> None:
    project = check_text(tmp_path, BASE, {name: "x"})
    assert "HT407" not in codes(project.problems), [p.headline() for p in project.problems]
