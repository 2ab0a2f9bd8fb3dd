"""generator/check/output.py on its own: a page's HTML in, located problems out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.output import OutputPolicy, SiteOutputCheck, check_page, script_hash, template_scripts

TEMPLATE = '<script>__md_scope=new URL("{{ base_url }}",location)</script>'
POLICY = OutputPolicy(template_scripts([TEMPLATE]),
                      frozenset({"https://helptree.invalid/assets/app.js"}),
                      lambda host: host == "example.org" or host.endswith(".example.org"))
URL = "https://helptree.invalid/guides/reset/"


def codes(page: str, source: str = "x.md") -> list[str]:
    return [p.code for p in check_page(page, URL, source, POLICY).problems]


@pytest.mark.parametrize("page", [
    '<script>__md_scope=new URL("../..",location)</script>',
    '<script src="../../assets/app.js"></script>',
    '<script type="application/json" id="__config">{"a": 1}</script>',
    '<a href="https://www.example.org/x">x</a><a href="mailto:a@example.org">m</a>',
    '<img alt="" src="../../img.png" srcset="a.png 1x, ../b.png 2x">',
])
def test_what_the_templates_write_passes(page: str) -> None:
    assert codes(page) == []


@pytest.mark.parametrize(("page", "code"), [
    ("<script>alert(1)</script>", "HT509"),
    ('<script>__md_scope=new URL("",alert(1),"",location)</script>', "HT509"),
    ('<script>__md_scope=new URL("/\\evil.io/",location)</script>', "HT509"),  # no backslash
    ('<script>__md_scope=new URL("//evil.io/",location)</script>', "HT510"),
    ('<script src="https://cdn.evil.io/x.js"></script>', "HT509"),
    ('<script type="importmap">{}</script>', "HT509"),
    ("<p onclick=x()>x</p>", "HT509"),
    ('<iframe srcdoc="&lt;script&gt;x&lt;/script&gt;"></iframe>', "HT509"),
    ('<a href="/\\evil.io/">x</a>', "HT510"),
    ('<a href="https://example.org@evil.io/">x</a>', "HT510"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "HT510"),
    ('<img alt="" src="https://www.example.org/x.png">', "HT510"),  # loaded: this site only
    ('<img alt="" srcset="a.png 1x, https:\\\\evil.io/b.png 2x">', "HT510"),
    ('<a href="/" ping="https://evil.io/">x</a>', "HT510"),
    ('<video poster="//evil.io/p.png"></video>', "HT510"),
    ('<svg><a xlink:href="https:evil.io">x</a></svg>', "HT510"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.io/">', "HT510"),
    ('<base href="https://evil.io/">', "HT510"),
])
def test_what_the_templates_did_not_write_is_a_problem(page: str, code: str) -> None:
    assert code in codes(page)


def test_only_recognised_inline_scripts_are_hashed() -> None:
    known = '__md_scope=new URL("..",location)'
    result = check_page(f"<script>{known}</script><script>alert(1)</script>", URL, "x.md", POLICY)
    assert result.script_hashes == {script_hash(known)}


def test_a_problem_points_at_the_offending_text_in_the_source(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("# A\n\nSee <a href='/\\evil.io/'>this</a>.\n", encoding="utf-8")
    problem = check_page("<a href='/\\evil.io/'>this</a>", URL, str(source), POLICY).problems[0]
    assert (problem.location.line, problem.location.column) == (3, 14)
    assert "/guides/reset/" in problem.message
    assert "https://evil.io/" in problem.message


@pytest.mark.parametrize("page", [
    '<p style="background:url(https://evil.io/x.png)">x</p>',
    '<p style="background:u\\72 l(//evil.io/x.png)">x</p>',  # a CSS escape is still `url(`
    "<style>@import/**/'https://evil.io/a.css';</style>",
    '<style>p{background:image-set("https://evil.io/1.png" 1x)}</style>',
    '<svg><style>@import url(//evil.io/a.css);</style></svg>',
])
def test_styles_load_nothing_from_another_host(page: str) -> None:
    assert codes(page) == ["HT510"]


@pytest.mark.parametrize("page", [
    '<p style="color:red;background:url(../../img.png)">x</p>',
    '<style>p{background:url("data:image/svg+xml;base64,AA==")}</style>',
])
def test_styles_of_this_site_pass(page: str) -> None:
    assert codes(page) == []


def _nowhere(host: str) -> bool:
    return not host


def test_a_template_link_is_known_by_its_host_not_by_how_it_starts() -> None:
    check = SiteOutputCheck.for_site("", ['<a href="https://jpay.com">x</a>'], [], _nowhere)
    assert check.page('<a href="https://jpay.com/help">x</a>', "a/", "x.md") == []
    assert [p.code for p in check.page('<a href="https://jpay.com.evil.io/">x</a>', "a/", "x.md")] \
        == ["HT510"]


def test_the_search_index_shows_no_markup_from_a_keyword_and_no_script(tmp_path: Path) -> None:
    check = SiteOutputCheck.for_site("", [], [], _nowhere)
    index = {"docs": [
        {"location": "a/", "title": "A", "text": "<p>fine &lt;b&gt;</p>"},
        {"location": "b/", "title": "B", "text": "x", "tags": ["<img src=x onerror=alert(1)>"]},
        {"location": "c/", "title": "<img src=x onerror=alert(1)>", "text": "x"},
        {"location": "javascript:alert(1)", "title": "D", "text": "x"},
    ]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    problems = check.rest_of_site(tmp_path, "mkdocs.yml")
    found = sorted((p.code, p.message.split("`")[1]) for p in problems)
    assert ("HT509", "/c/") in found  # a handler in a title
    assert ("HT509", "b/") in found  # markup in a tag
    assert ("HT510", "javascript:alert(1)") in found  # a location that runs
    assert not any(where in ("a/", "/a/") for _, where in found)  # escaped text is text
    assert all(p.message.startswith("search index") for p in problems)


def test_published_stylesheets_and_svg_files_are_checked(tmp_path: Path) -> None:
    check = SiteOutputCheck.for_site("", [], [], _nowhere)
    (tmp_path / "extra.css").write_text("@import 'https://evil.io/a.css';", encoding="utf-8")
    (tmp_path / "logo.svg").write_text('<svg onload="alert(1)"></svg>', encoding="utf-8")
    (tmp_path / "ok.css").write_text("p{background:url(img/a.png)}", encoding="utf-8")
    assert sorted(p.code for p in check.rest_of_site(tmp_path, "mkdocs.yml")) == ["HT509", "HT510"]
