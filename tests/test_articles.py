"""Articles under content/: where they may be, what their front matter says, their URLs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from treekit import SMALL

from generator.source.articles import iter_markdown_files, read_article, resolve_article_path


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_fixture_article_front_matter_is_read() -> None:
    article, problems = read_article(SMALL / "content", "guides/reset.md")
    assert problems == []
    assert article is not None
    assert article.title == "Reset your password"
    assert article.description == "How to reset your password."
    assert article.reviewed == dt.date(2026, 11, 20)
    assert [(s.title, s.url) for s in article.sources] == [
        ("Example help", "https://help.example.org/reset")]
    assert article.body.startswith("# Reset your password\n")
    assert article.body_line == 9


def test_title_falls_back_to_the_first_heading_then_the_file_name(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Intro\n\n# The Heading #\n")
    write(tmp_path, "locked-out.md", "No heading here.\n")
    first, _ = read_article(tmp_path, "a.md")
    second, _ = read_article(tmp_path, "locked-out.md")
    assert first is not None
    assert second is not None
    assert (first.title, second.title) == ("The Heading", "locked out")


def test_empty_front_matter_is_allowed(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\n---\n# A\n")
    article, problems = read_article(tmp_path, "a.md")
    assert problems == []
    assert article is not None
    assert (article.body_line, article.title) == (3, "A")


def test_a_rule_later_in_the_text_is_not_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# A\n\n---\ntitle: no\n---\n")
    article, _ = read_article(tmp_path, "a.md")
    assert article is not None
    assert article.meta == {}
    assert article.title == "A"


def test_bad_reviewed_is_kept_out_of_the_article(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nreviewed: someday\n---\nx\n")
    article, _ = read_article(tmp_path, "a.md")
    assert article is not None
    assert article.reviewed is None
    assert article.meta["reviewed"].raw == "someday"


def test_sources_as_plain_urls_or_titles(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nsources:\n  - https://a.org/x\n  - A printed leaflet\n---\nx\n")
    article, _ = read_article(tmp_path, "a.md")
    assert article is not None
    assert [(s.title, s.url) for s in article.sources] == [
        ("https://a.org/x", "https://a.org/x"), ("A printed leaflet", "")]


def test_front_matter_yaml_error_is_located_in_the_file(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: ok\ndescription: [open\n---\nx\n")
    article, problems = read_article(tmp_path, "a.md")
    assert article is None
    assert [p.code for p in problems] == ["HT006"]
    assert problems[0].location.file == str(tmp_path / "a.md")
    assert problems[0].location.line >= 3


def test_front_matter_refuses_yaml_tags_like_the_tree(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: !!python/object:os.system x\n---\nx\n")
    _, problems = read_article(tmp_path, "a.md")
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("HT012", 2, 8)]


def test_front_matter_that_is_not_a_mapping_is_ht402(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\njust text\n---\nx\n")
    article, problems = read_article(tmp_path, "a.md")
    assert article is not None
    assert [p.code for p in problems] == ["HT402"]


def test_article_too_big_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "x" * 1_000_001)
    _, problems = read_article(tmp_path, "a.md")
    assert [p.code for p in problems] == ["HT002"]


@pytest.mark.parametrize(("src_uri", "url", "section"), [
    ("index.md", "", ""),
    ("guides/index.md", "guides/", "guides"),
    ("guides/README.md", "guides/", "guides"),
    ("guides/reset.md", "guides/reset/", "guides"),
    ("about.md", "about/", ""),
])
def test_article_url_is_the_one_mkdocs_gives_it(tmp_path: Path, src_uri: str, url: str,
                                                section: str) -> None:
    write(tmp_path, src_uri, "# X\n")
    article, _ = read_article(tmp_path, src_uri)
    assert article is not None
    assert (article.url, article.section) == (url, section)


def test_resolve_article_path_accepts_a_file_under_content(tmp_path: Path) -> None:
    assert resolve_article_path(tmp_path, "guides/reset.md") == (tmp_path / "guides/reset.md", None)


@pytest.mark.parametrize(("relative", "why"), [
    ("../x.md", "may not use `..` to leave content/"),
    ("a/../../x.md", "may not use `..` to leave content/"),
    ("/abs/x.md", "must be a relative path under content/, with `/` separators"),
    ("a\\x.md", "must be a relative path under content/, with `/` separators"),
    ("c:x.md", "must be a relative path under content/, with `/` separators"),
    ("x.html", "must name a Markdown file ending in `.md`"),
])
def test_resolve_article_path_refuses_paths_out_of_content(tmp_path: Path, relative: str,
                                                           why: str) -> None:
    assert resolve_article_path(tmp_path, relative) == (None, why)


def test_resolve_article_path_refuses_a_symlink_out_of_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", content / "link.md")
    assert resolve_article_path(content, "link.md") == (
        None, "points outside content/ (through a symbolic link)")


def test_markdown_files_are_listed_sorted_without_hidden_or_underscored(tmp_path: Path) -> None:
    for name in ("b.md", "a/z.md", "a/index.md", ".hidden/x.md", "_drafts/y.md", "a/.x.md",
                 "notes.txt"):
        write(tmp_path, name, "x")
    assert iter_markdown_files(tmp_path) == ["a/index.md", "a/z.md", "b.md"]


def test_missing_content_folder_lists_nothing(tmp_path: Path) -> None:
    assert iter_markdown_files(tmp_path / "nope") == []
