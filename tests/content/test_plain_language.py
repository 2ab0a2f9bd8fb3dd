"""Plain language: every text of the shipped guides and every article is at or below US
grade 8."""

from __future__ import annotations

from treekit import shipped_report

from generator.check.readability import grader
from generator.check.run import CheckedProject, reader_texts

MAX_GRADE = 8.0


def checked() -> CheckedProject:
    """The shipped help center, checked for reading grade (which runs only without errors)."""
    report = shipped_report(max_grade=MAX_GRADE)
    assert report.project is not None, "\n".join(p.headline() for p in report.errors)
    return report.project


def test_textstat_is_installed_so_the_check_really_runs() -> None:
    assert grader() is not None
    assert not [p for p in shipped_report(max_grade=MAX_GRADE).problems if p.code == "HT305"]


def test_every_tree_text_and_article_is_at_or_below_grade_8() -> None:
    checked()  # else the readability check has not run and finds nothing
    over = [p.headline() for p in shipped_report(max_grade=MAX_GRADE).problems
            if p.code == "HT304"]
    assert not over, "\n".join(over)


def test_the_check_covers_every_node_answer_and_article() -> None:
    project = checked()
    units = list(reader_texts(project))
    nodes = sum(len(g.tree.nodes) for g in project.guides)
    answers = sum(len(q.answers) for g in project.guides for q in g.tree.questions())
    assert len(units) >= nodes + answers + len(project.articles)


def test_most_texts_aim_for_grade_6() -> None:
    grade = grader()
    assert grade is not None
    scores = [grade(text) for _, _, text in reader_texts(checked())]
    assert sum(score <= 6 for score in scores) / len(scores) >= 0.8
