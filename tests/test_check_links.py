"""Links to this site checked where they are written (HT222): tree text, translations and
articles, against every page of the planned site in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from treekit import SMALL, TESTS, only

from generator.check.links import heading_ids, site_map
from generator.check.run import CheckReport, check
from generator.plan.site import plan
from generator.project.mkdocs_yml import open_project


def project_copy(tmp_path: Path, source: Path = SMALL) -> Path:
    root = tmp_path / "p"
    shutil.copytree(source, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def checked(root: Path) -> CheckReport:
    spec, _ = open_project(root / "mkdocs.yml")
    return check(spec)


def line_col(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(("written", "hint"), [
    ("/guides/rest/", "did you mean `/guides/reset/`?"),
    ("/troubleshoot/forgot/#x", None),  # a generated page's anchors are not known: fine
    ("guides/suport.md", "did you mean `guides/support.md`?"),
    ("../reset-pasword/", "did you mean `../reset-password/`?"),
])
def test_a_link_in_tree_text_to_a_page_the_site_lacks_is_located(
        tmp_path: Path, written: str, hint: str | None) -> None:
    root = project_copy(tmp_path)
    tree = root / "decision_tree.yaml"
    edit(tree, "      3. Follow the link in the email.", f"      3. See [the steps]({written}).")
    report = checked(root)
    if hint is None:
        assert report.ok, [p.headline() for p in report.problems]
        return
    problem = only(report.problems, "HT222")
    assert (problem.location.file, problem.location.line, problem.location.column) == \
        (str(tree), *line_col(tree, written))
    assert f"link `{written}`" in problem.message
    assert problem.hint == hint
    assert problem.is_error


def test_a_relative_link_in_the_help_area_is_refused(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    edit(root / "decision_tree.yaml", "  - label: Support for you",
         "  - label: Support for [you](guides/support/)")
    problem = only(checked(root).problems, "HT222")
    assert "the help area is on every page" in problem.message


def test_a_dead_link_in_an_article_is_located_in_the_article(tmp_path: Path) -> None:
    """MkDocs reports it only as a warning, which `strict: true` turned into `mkdocs.yml:1:1`."""
    root = project_copy(tmp_path)
    article = root / "content" / "index.md"
    edit(article, "(guides/reset.md)", "(guides/rest.md)")
    problem = only(checked(root).problems, "HT222")
    assert problem.location.file == str(article)
    assert (problem.location.line, problem.location.column) == line_col(article, "guides/rest.md")
    assert problem.hint == "did you mean `guides/reset.md`?"


@pytest.mark.parametrize(("written", "ok"), [
    ("reset.md#reset-your-password", True),
    ("reset.md#Reset_your_password", True),  # another `toc` slugify: the same heading
    ("reset.md#reset-your-pasword", False),
    ("#support-for-you", True),
    ("#nowhere", False),
    ("../troubleshoot/index.md", True),
    ("../../troubleshoot/index.md", False),  # above content/
    ("../../troubleshoot/what-happens/", True),
    ("../../troubleshoot/what-hapens/", False),
    ("/troubleshoot/", True),
    ("/guides/reset.md", False),  # MkDocs leaves `/x.md` as it is: no page there
    ("pictures/missing.png", False),
])
def test_article_links_resolve_as_mkdocs_resolves_them(tmp_path: Path, written: str,
                                                        ok: bool) -> None:
    root = project_copy(tmp_path)
    article = root / "content" / "guides" / "support.md"
    edit(article, "Talk to people you trust.", f"Talk to people you trust. [More]({written})")
    report = checked(root)
    if ok:
        assert report.ok, [p.headline() for p in report.problems]
    else:
        assert only(report.problems, "HT222").location.line == line_col(article, written)[0]


def test_a_published_picture_is_a_link_target(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    (root / "content" / "guides" / "pictures").mkdir()
    (root / "content" / "guides" / "pictures" / "step.png").write_bytes(b"\x89PNG")
    edit(root / "content" / "guides" / "support.md", "Talk to people you trust.",
         "Talk to people you trust. ![A step](pictures/step.png)")
    assert checked(root).ok


def test_a_spanish_link_is_checked_below_the_spanish_folder_at_its_line(tmp_path: Path) -> None:
    from test_languages import bilingual

    root = bilingual(tmp_path).parent
    spanish = root / "login.es.yaml"
    edit(spanish, "(/money/track/)", "(/money/trak/)")
    problem = only(checked(root).problems, "HT222")
    assert (problem.location.file, problem.location.line) == \
        (str(spanish), line_col(spanish, "/money/trak/")[0])
    assert "goes to `/es/money/trak/`" in problem.message
    assert problem.hint == "did you mean `/money/track/`?"


def test_a_link_is_checked_in_every_language_the_text_is_shown_in(tmp_path: Path) -> None:
    """With partial translations a Spanish page shows the English text, its site paths
    under /es/: a page only English has is a dead link there."""
    from test_languages import bilingual

    root = bilingual(tmp_path, partial=True).parent
    (root / "content" / "help" / "reset.es.md").unlink()  # English only now: still at /es/
    assert checked(root).ok
    spanish = root / "login.es.yaml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text[:text.index("    body: |\n      {{ contacts.desk.call }}")], encoding="utf-8")
    edit(root / "login.yaml", "(/money/track/)", "(/help/nowhere/)")
    report = checked(root)
    found = sorted(p.message for p in report.problems if p.code == "HT222")
    assert found == ["link `/help/nowhere/` goes to `/es/help/nowhere/`, which the site does not have",
                     "link `/help/nowhere/` goes to `/help/nowhere/`, which the site does not have"]


@pytest.mark.parametrize("fixture", ["small", "two-guides", "ladder", "bilingual"])
def test_the_site_map_holds_every_page_the_plan_writes(tmp_path: Path, fixture: str) -> None:
    if fixture == "bilingual":
        from test_languages import bilingual
        config = bilingual(tmp_path)
    else:
        config = TESTS / "fixtures" / fixture / "mkdocs.yml"
    spec, _ = open_project(config)
    report = check(spec)
    assert report.project is not None, [p.headline() for p in report.problems]
    site = plan(report.project)
    planned = {page.url for page in site.pages} | {a.url for a in site.articles.values()}
    assert site_map(report.project).pages == planned
    assert set(site_map(report.project).sources) == \
        {page.src_uri for page in site.pages} | set(site.articles)


def test_heading_ids_read_headings_custom_ids_and_html_ids_outside_code() -> None:
    ids = heading_ids("# Reset *your* password\n\n## Call us { #call }\n\n"
                      "## Run `helptree check` ##\n\n"
                      '<a id="form"></a>\n\n```\n# not a heading\n```\n')
    assert ids == {"resetyourpassword", "call", "runhelptreecheck", "form"}


@pytest.mark.parametrize(("written", "ok"), [("/guides/reset.md", True), ("/guides/rest.md", False)])
def test_absolute_md_links_follow_mkdocs_relative_to_docs(tmp_path: Path, written: str,
                                                          ok: bool) -> None:
    """`validation: links: absolute_links: relative_to_docs` (as `helptree new` writes it):
    MkDocs reads `/guides/reset.md` from content/, and so does the check, in the plugin too."""
    from mkdocs.config import load_config

    from generator.check.run import check as check_spec
    from generator.write.plugin import HelptreePlugin

    root = project_copy(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "validation:\n  links:\n    absolute_links: relative_to_docs\n",
                      encoding="utf-8")
    edit(root / "content" / "guides" / "support.md", "Talk to people you trust.",
         f"Talk to people you trust. [More]({written})")
    report = checked(root)
    assert report.ok is ok, [p.headline() for p in report.problems]
    loaded = load_config(str(config))
    plugin = loaded.plugins["helptree"]
    assert isinstance(plugin, HelptreePlugin)
    if ok:
        loaded.plugins.on_config(loaded)
        assert plugin.spec is not None
        assert plugin.spec.absolute_links_to_docs
        assert check_spec(plugin.spec).ok
