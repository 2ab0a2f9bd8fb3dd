"""Plain language: every text in the shipped tree and every article is at or below US grade 8."""

from __future__ import annotations

from pathlib import Path

from generator.check import Options, check_project, reader_texts
from generator.readability import grader

ROOT = Path(__file__).resolve().parents[2]
MAX_GRADE = 8.0
PROJECT = check_project(ROOT / "decision_tree.yaml", ROOT / "content", Options(max_grade=MAX_GRADE))


def test_textstat_is_installed_so_the_check_really_runs() -> None:
    assert grader() is not None
    assert not [p for p in PROJECT.problems if p.code == "HT305"]


def test_every_tree_text_and_article_is_at_or_below_grade_8() -> None:
    over = [p.headline() for p in PROJECT.problems if p.code == "HT304"]
    assert not over, "\n".join(over)


def test_the_check_covers_every_node_answer_and_article() -> None:
    assert PROJECT.tree is not None
    units = list(reader_texts(PROJECT.tree, PROJECT.articles))
    answers = sum(len(q.answers) for q in PROJECT.tree.questions())
    assert len(units) >= len(PROJECT.tree.nodes) + answers + len(PROJECT.articles)


def test_most_texts_aim_for_grade_6() -> None:
    grade = grader()
    assert grade is not None
    assert PROJECT.tree is not None
    scores = [grade(text) for _, _, text in reader_texts(PROJECT.tree, PROJECT.articles)]
    assert sum(score <= 6 for score in scores) / len(scores) >= 0.8
