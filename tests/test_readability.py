"""generator.readability: prose extraction and the grade warning."""

from __future__ import annotations

import pytest

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


def test_the_limit_is_compared_with_the_grade_the_warning_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """3.04 prints as 3.0, so it is within a limit of 3; 3.06 prints as 3.1 and is not."""
    from generator import readability

    # Flesch-Kincaid is 0.39 * words per sentence + 11.8 * syllables per word - 15.59:
    # 8 words a sentence and these syllables a word give 3.04 and 3.06.
    per_word = {"just at the limit": (3.04 + 15.59 - 0.39 * 8) / 11.8,
                "just above it": (3.06 + 15.59 - 0.39 * 8) / 11.8}
    monkeypatch.setattr(readability, "_averages",
                        lambda text, _syllables: (8.0, per_word[text.rstrip(".")]))
    where = Location("t.yaml", 1, 1)
    problems = list(readability_problems([(name, where, name) for name in per_word], 3))
    assert [p.message for p in problems] == ["just above it reads at US grade 3.1, above the limit of 3"]
