"""generator.readability: prose extraction and the grade warning."""

from __future__ import annotations

from generator.problems import Location, Severity
from generator.readability import grader, prose, readability_problems


def test_prose_drops_urls_placeholders_and_markup_and_ends_each_line_as_a_sentence() -> None:
    text = prose("---\ntitle: x\n---\n# Reset\n\n1. Call {{ contacts.jpay.phone }} now\n"
                 "2. See [the guide](https://example.org/a) **today**\n")
    assert text == "Reset.\nCall  now.\nSee the guide today."


def test_hard_text_gets_a_located_warning_and_easy_text_none() -> None:
    where = Location("t.yaml", 4, 7)
    hard = ("Notwithstanding administrative considerations, institutional telecommunications "
            "authentication necessitates comprehensive verification procedures.")
    problems = list(readability_problems([("outcome `x`", where, hard),
                                          ("outcome `y`", where, "Tap the button. Then wait.")], 8))
    assert [(p.code, p.location, p.severity) for p in problems] == [("HT304", where, Severity.WARNING)]
    assert "outcome `x` reads at US grade" in problems[0].message


def test_grader_scores_short_words_low() -> None:
    grade = grader()
    assert grade is not None
    assert grade("Tap the red button. Then wait a bit.") < 4
