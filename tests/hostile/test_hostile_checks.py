"""Hostile articles and front matter: each way of running script is a located error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from treekit import BASE, check_text, codes

from generator.problems import Location

ARTICLE_ATTACKS = {
    "script element": ("<script>alert(1)</script>\n", "HT215"),
    "event handler": ("<img src=x onerror=alert(1)>\n", "HT215"),
    "handler after a slash": ("<svg/onload=alert(1)>\n", "HT215"),
    "handler right after a quote": ('<img src="x"onerror=alert(1)>\n', "HT215"),
    "quoted > before the handler": ('<div title=">" onclick=alert(1)>\nhi\n</div>\n', "HT215"),
    "attr_list on a link": ('[x](https://a.org){ onclick="alert(1)" }\n', "HT215"),
    "attr_list on a heading": ("## Steps {: onmouseover=alert(1) }\n", "HT215"),
    "code span inside an attribute": ('<a title="`" onclick="alert(1)//`">x</a>\n', "HT215"),
    "code span inside an HTML block": ("<div>\n\n`<img src=x onerror=alert(1)>`\n\n</div>\n", "HT215"),
    "escaped backtick": ("\\`<img src=x onerror=alert(1)>`\n", "HT215"),
    "fence closed by the other fence": ("```\n<img src=x onerror=alert(1)>\n~~~\n", "HT215"),
    "comment closed early": ("<!-- --!>\n`<img src=x onerror=alert(1)>`\n-->\n", "HT215"),
    "svg animate to javascript": ("<svg><a><animate attributeName=href values=x /></a></svg>\n", "HT215"),
    "iframe": ("<iframe src=https://a.org></iframe>\n", "HT215"),
    "javascript link": ("[x](javascript:alert(1))\n", "HT212"),
    "data link": ("[x](data:text/html,<b>hi</b>)\n", "HT212"),
    "vbscript link": ("[x](vbscript:msgbox)\n", "HT212"),
    "entity-disguised scheme": ("[x](&#106;avascript:alert(1))\n", "HT212"),
    "reference in a quote": ("> [x]: javascript:alert(1)\n>\n> [y][x]\n", "HT212"),
    "reference in a list item": ("- item\n\n    [x]: javascript:alert(2)\n\n    [y][x]\n", "HT212"),
    "href with a leading space": ('<a href=" javascript:alert(1)">x</a>\n', "HT212"),
    "href with a tab inside": ('<a href="java\tscript:alert(1)">x</a>\n', "HT212"),
}


@pytest.mark.parametrize("attack", ARTICLE_ATTACKS)
def test_script_in_an_article_is_a_located_error(tmp_path: Path, attack: str) -> None:
    text, code = ARTICLE_ATTACKS[attack]
    project = check_text(tmp_path, BASE, {"a.md": "# A\n\nIntro.\n\n" + text})
    assert not project.ok
    found = [p for p in project.errors if p.code == code]
    assert found, [p.headline() for p in project.problems]
    lines = (tmp_path / "content" / "a.md").read_text().split("\n")
    for problem in found:
        assert problem.location.file == str(tmp_path / "content" / "a.md")
        assert 5 <= problem.location.line <= len(lines)


@pytest.mark.parametrize("attack", ["script element", "event handler", "attr_list on a link"])
def test_allow_raw_html_lets_trusted_authors_write_html(tmp_path: Path, attack: str) -> None:
    text, _ = ARTICLE_ATTACKS[attack]
    assert check_text(tmp_path, BASE, {"a.md": "# A\n\n" + text}, allow_raw_html=True).ok


@pytest.mark.parametrize("text", [
    "Use the `<script>` tag.\n",
    "```html\n<img src=x onerror=alert(1)>\n```\n",
    "~~~\n<script>x</script>\n~~~\n\nThen <kbd>Enter</kbd>.\n",
    "Turn the phone on, then wait.\n",
])
def test_code_and_plain_text_are_not_raw_html(tmp_path: Path, text: str) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "# A\n\n" + text})
    assert project.ok, [p.headline() for p in project.problems]


@pytest.mark.parametrize(("name", "text"), [
    ("_draft.md", "# Draft\n\n<script>alert(1)</script>\n"),
    ("page.markdown", "# Page\n\n<img src=x onerror=alert(1)>\n"),
    ("help.html", "<p>Hi</p><script>alert(1)</script>\n"),
    ("diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>\n'),
])
def test_every_published_file_that_can_hold_html_is_checked(tmp_path: Path, name: str,
                                                          text: str) -> None:
    project = check_text(tmp_path, BASE, {name: text})
    assert "HT215" in codes(project.errors)
    assert all(p.location.file == str(tmp_path / "content" / name) for p in project.errors)


FRONT_MATTER_ATTACKS = {
    "author": ("author: '\"><script>alert(1)</script>'", "HT404"),
    "subtitle": ("subtitle: '<img src=x onerror=alert(1)>'", "HT404"),
    "status": ("status: 'x\" onmouseover=\"alert(1)'", "HT404"),
    "title as a list": ("title: ['</title><script>alert(1)</script>']", "HT404"),
    "redirect location": ("location: javascript:alert(1)", "HT212"),
    "reserved key": ("helptree: question", "HT405"),
}


@pytest.mark.parametrize("attack", FRONT_MATTER_ATTACKS)
def test_front_matter_a_theme_prints_raw_is_a_located_error(tmp_path: Path, attack: str) -> None:
    line, code = FRONT_MATTER_ATTACKS[attack]
    project = check_text(tmp_path, BASE, {"a.md": f"---\nreviewed: 2026-11-01\n{line}\n---\n# A\n"})
    found = [p for p in project.errors if p.code == code]
    assert len(found) == 1, [p.headline() for p in project.problems]
    assert found[0].location.file == str(tmp_path / "content" / "a.md")
    assert found[0].location.line == 3


def test_title_and_description_may_hold_markup_characters(tmp_path: Path) -> None:
    front = "---\ntitle: 'Use <b> and \"quotes\"'\ndescription: 'a < b > c'\n---\n# A\n"
    assert check_text(tmp_path, BASE, {"a.md": front}).ok


def test_front_matter_closed_with_dots_is_read_as_mkdocs_reads_it(tmp_path: Path) -> None:
    article = "---\nauthor: 'x\" onfocus=\"alert(1)'\n...\n# A\n"
    assert "HT404" in codes(check_text(tmp_path, BASE, {"a.md": article}).errors)


def test_front_matter_after_an_empty_block_is_read_as_mkdocs_reads_it(tmp_path: Path) -> None:
    article = "---\n---\nauthor: 'x\" onfocus=\"alert(1)'\n---\n# A\n"
    assert "HT404" in codes(check_text(tmp_path, BASE, {"a.md": article}).errors)


@pytest.mark.parametrize("first", ["Note: call us first.", "status: x\" onclick=\"alert(1)",
                                   "https://example.org is the site."])
def test_a_first_line_mkdocs_would_read_as_metadata_is_ht403(tmp_path: Path, first: str) -> None:
    project = check_text(tmp_path, BASE, {"a.md": f"{first}\n\nText.\n"})
    problem = next(p for p in project.errors if p.code == "HT403")
    assert problem.location == Location(str(tmp_path / "content" / "a.md"), 1, 1)


def test_symlink_out_of_content_is_ht406(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.txt").symlink_to(secret)
    (tmp_path / "content" / "outside").symlink_to(tmp_path, target_is_directory=True)
    project = check_text(tmp_path, BASE)
    found = sorted(p.location.file for p in project.errors if p.code == "HT406")
    assert found == [str(tmp_path / "content" / "notes.txt"), str(tmp_path / "content" / "outside")]


def test_symlink_loop_and_named_pipe_are_ht406_and_never_read(tmp_path: Path) -> None:
    (tmp_path / "content" / "guides").mkdir(parents=True)
    (tmp_path / "content" / "guides" / "again").symlink_to(tmp_path / "content" / "guides")
    os.mkfifo(tmp_path / "content" / "pipe.md")
    project = check_text(tmp_path, BASE)  # reading the pipe would block: it must be skipped
    assert codes(project.errors) == ["HT406", "HT406"]


def test_contact_values_are_checked_because_placeholders_put_them_in_articles_raw(
        tmp_path: Path) -> None:
    tree = BASE + ('contacts:\n  desk:\n    name: "Desk <img src=x onerror=alert(1)>"\n'
                   '    hours: "9-5 <script>alert(2)</script>"\n')
    project = check_text(tmp_path, tree, {"a.md": "# A\n\nCall {{ contacts.desk.name }}.\n"})
    found = [(p.code, p.location.line) for p in project.errors]
    assert found == [("HT221", 20), ("HT221", 21)]  # not plain text, whatever allow_raw_html says


def test_every_problem_is_one_printable_line_whatever_the_input(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("  left:\n", '  "le\\nft\\e[2J":\n'))
    assert project.errors
    for problem in project.problems:
        line = problem.headline()
        assert line.isprintable(), repr(line)


def test_a_file_name_that_would_be_html_in_the_navigation_is_ht406(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"<img src=x onerror=alert(1)>.md": "Plain text.\n"})
    problem = next(p for p in project.errors if p.code == "HT406")
    assert problem.location.file.endswith("<img src=x onerror=alert(1)>.md")
    assert codes(project.errors) == ["HT406"]


@pytest.mark.parametrize("heading", ["# Help &lt;/title&gt;&lt;img src=x&#32;onerror=alert(1)&gt;",
                                     "Help &#60;/title&#62;\n====="])
def test_entity_markup_in_the_heading_that_becomes_the_title_is_ht404(tmp_path: Path,
                                                                     heading: str) -> None:
    project = check_text(tmp_path, BASE, {"a.md": f"{heading}\n\nText.\n"})
    problem = next(p for p in project.errors if p.code == "HT404")
    assert problem.location.line == 1


def test_entity_markup_in_a_heading_is_fine_under_a_front_matter_title(tmp_path: Path) -> None:
    article = "---\ntitle: Help\n---\n# Use &lt;b&gt; for bold\n\nText.\n"
    assert check_text(tmp_path, BASE, {"a.md": article}).ok


def test_quotes_spelled_as_entities_in_a_heading_are_fine(tmp_path: Path) -> None:
    assert check_text(tmp_path, BASE, {"a.md": "# Use the &quot;Forgot&quot; link\n\nText.\n"}).ok


def test_a_front_matter_redirect_off_the_allow_list_is_ht213_at_its_value(tmp_path: Path) -> None:
    tree = BASE + "allowed_domains:\n  - example.org\n"
    article = "---\ntemplate: redirect.html\nlocation: https://jpay.com.evil.io/login\n---\n"
    project = check_text(tmp_path, tree, {"go.md": article})
    problem = next(p for p in project.errors if p.code == "HT213")
    assert (problem.location.line, problem.location.column) == (3, 11)
    assert "jpay.com.evil.io" in problem.message
    allowed = article.replace("jpay.com.evil.io", "help.example.org")
    assert "HT213" not in codes(check_text(tmp_path / "ok", tree, {"go.md": allowed}).errors)
