"""Opening a help center of several guides: options read once, shared contacts, and every
URL claimed by one thing only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from treekit import TESTS, codes, only

from generator.check.run import CheckReport, check
from generator.problems import Location, ProblemsError
from generator.project.mkdocs_yml import open_project

TWO = TESTS / "fixtures" / "two-guides"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(TWO, root)
    return root


def checked(root: Path) -> CheckReport:
    spec, _ = open_project(root / "mkdocs.yml")
    return check(spec)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_two_guide_fixture_is_one_clean_project(tmp_path: Path) -> None:
    report = checked(project(tmp_path))
    assert report.project is not None, [p.headline() for p in report.problems]
    assert [g.base for g in report.project.guides] == ["login", "money"]
    # Both guides and every article use the contacts of the one shared file.
    assert report.project.contacts["desk"].location.file.endswith("contacts.yaml")


def test_a_contact_defined_in_the_shared_file_and_a_tree_is_a_located_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "money.yaml", "start:",
         "contacts:\n  desk:\n    name: Another desk\n    phone: \"800-555-0199\"\nstart:")
    problem = only(checked(root).problems, "HT217")
    assert problem.location.file == str(root / "money.yaml")
    assert "first at" in problem.message
    assert "contacts.yaml" in problem.message


def test_two_guides_on_one_base_are_refused_naming_both(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "base: money", "base: login")
    problem = only(checked(root).problems, "HT504")
    assert "login.yaml" in problem.message
    assert "money.yaml" in problem.message
    assert problem.location.file == str(root / "mkdocs.yml")


def test_an_article_inside_a_guide_folder_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "money").mkdir()
    (root / "content" / "money" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    problem = only(checked(root).problems, "HT504")
    assert "inside the folder of guide `money`" in problem.message


def test_an_article_at_the_a_z_url_is_refused_naming_both(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "a-z.md").write_text("# My own index\n", encoding="utf-8")
    problem = only(checked(root).problems, "HT504")
    assert "article a-z.md" in problem.message
    assert "A-Z" in problem.message


def test_a_link_to_a_node_another_guide_lacks_is_located_in_the_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "login.yaml", "(/money/track/)", "(/money/no-such-node/)")
    problem = only(checked(root).problems, "HT216")
    assert problem.location.file == str(root / "login.yaml")
    text = (root / "login.yaml").read_text(encoding="utf-8").split("\n")
    assert "/money/no-such-node/" in text[problem.location.line - 1]
    assert "no node `no-such-node`" in (problem.hint or "")


@pytest.mark.parametrize("value", ["../outside", "/root", "Money", "a//b"])
def test_a_base_that_is_not_a_url_folder_is_refused(tmp_path: Path, value: str) -> None:
    root = project(tmp_path)
    edit(root / "mkdocs.yml", "base: money", f"base: {value}")
    with pytest.raises(ProblemsError) as raised:
        open_project(root / "mkdocs.yml")
    assert codes(raised.value.problems) == ["HT503"]
    where = raised.value.problems[0].location
    assert where == Location(str(root / "mkdocs.yml"), where.line, where.column)
    assert where.line > 1


def test_options_are_read_once_so_check_and_build_agree_on_raw_html(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "video.md").write_text('# Video\n\n<iframe src="/x/"></iframe>\n',
                                              encoding="utf-8")
    assert "HT215" in codes(checked(root).problems)
    edit(root / "mkdocs.yml", "      guides:\n", "      allow_raw_html: true\n      guides:\n")
    assert "HT215" not in codes(checked(root).problems)


def test_a_missing_mkdocs_yml_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as raised:
        open_project(tmp_path / "mkdocs.yml")
    assert codes(raised.value.problems) == ["HT501"]
