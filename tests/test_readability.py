"""generator.check.readability: prose extraction and the grade warning."""

from __future__ import annotations

import pytest

from generator.check.readability import grader, prose, readability_problems
from generator.problems import Location, Severity


def test_prose_drops_urls_placeholders_and_markup_and_ends_each_line_as_a_sentence() -> None:
    text = prose("---\ntitle: x\n---\n# Reset\n\n1. Call {{ contacts.jpay.phone }} now\n"
                 "2. See [the guide](https://example.org/a) **today**\n")
    assert text == "Reset.\nCall  now.\nSee the guide today."


def test_hard_text_gets_a_located_warning_and_easy_text_none() -> None:
    where = Location("t.yaml", 4, 7)
    hard = ("Notwithstanding administrative considerations, institutional telecommunications "
            "authentication necessitates comprehensive verification procedures. ") * 2  # 20 words
    easy = "Tap the button. Then wait. " * 5
    problems = list(readability_problems([("outcome `x`", where, hard),
                                          ("outcome `y`", where, easy)], 8))
    assert [(p.code, p.location, p.severity) for p in problems] == [("HT304", where, Severity.WARNING)]
    assert "outcome `x` reads at US grade" in problems[0].message


def test_grader_scores_short_words_low() -> None:
    grade = grader()
    assert grade is not None
    assert grade("Tap the red button. Then wait a bit.") < 4


def test_the_limit_is_compared_with_the_grade_the_warning_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """3.04 prints as 3.0, so it is within a limit of 3; 3.06 prints as 3.1 and is not."""
    from generator.check import readability

    # Flesch-Kincaid is 0.39 * words per sentence + 11.8 * syllables per word - 15.59:
    # 8 words a sentence and these syllables a word give 3.04 and 3.06.
    per_word = {"just at the limit": (3.04 + 15.59 - 0.39 * 8) / 11.8,
                "just above it": (3.06 + 15.59 - 0.39 * 8) / 11.8}
    monkeypatch.setattr(readability, "_averages",
                        lambda text, _syllables: (8.0, per_word[text.rstrip(".")]))
    where = Location("t.yaml", 1, 1)
    problems = list(readability_problems([(name, where, name) for name in per_word], 3,
                                         min_words=1))
    assert [p.message for p in problems] == ["just above it reads at US grade 3.1, above the limit of 3"]


def test_short_labels_are_not_graded_by_a_formula_that_needs_sentences() -> None:
    """Flesch-Kincaid gives "Wi-Fi" grade 12 and "Mobile data" grade 8: not warned, at any limit."""
    grade = grader()
    assert grade is not None
    assert grade("Wi-Fi") > 8
    where = Location("t.yaml", 3, 5)
    assert list(readability_problems([("answer \"Wi-Fi\"", where, "Wi-Fi"),
                                      ("answer \"Mobile data\"", where, "Mobile data")], 3)) == []


def test_a_short_text_with_a_long_word_gets_ht312_at_its_place() -> None:
    where = Location("t.yaml", 8, 14)
    text = "Bring your identification"  # i-den-ti-fi-ca-tion: 6 syllables
    [problem] = readability_problems([("answer \"Bring\"", where, text)], 8)
    assert (problem.code, problem.location, problem.severity) == ("HT312", where, Severity.WARNING)
    assert problem.message == ("answer \"Bring\" is too short to grade (3 words), and "
                               "`identification` has 5 or more syllables")


@pytest.mark.parametrize(("words", "graded"), [(19, False), (20, True)])
def test_texts_of_20_words_or_more_are_graded(words: int, graded: bool) -> None:
    text = " ".join(["Telecommunications"] * words)  # grade far above any limit
    problems = list(readability_problems([("outcome `x`", Location("t.yaml"), text)], 8))
    assert [p.code for p in problems] == (["HT304"] if graded else ["HT312"])


@pytest.mark.parametrize(("label", "warned"), [("one two three four five six seven eight nine ten "
                                                "eleven twelve", False),
                                               ("one two three four five six seven eight nine ten "
                                                "eleven twelve thirteen", True)])
def test_a_label_of_more_than_12_words_is_too_long(label: str, warned: bool) -> None:
    from generator.check.readability import label_problems

    problems = list(label_problems([("answer", Location("t.yaml", 2, 3), label)]))
    assert [p.code for p in problems] == (["HT312"] if warned else [])
    if warned:
        assert problems[0].message == "answer has 13 words, more than 12 for a label"


def test_a_short_spanish_text_is_checked_for_words_of_6_syllables() -> None:
    from generator.check.readability import ease_problems

    where = Location("t.es.yaml", 4, 9)
    [problem] = ease_problems([("respuesta", where, "Es extraordinariamente fácil")], 70)
    assert problem.code == "HT312"
    assert "`extraordinariamente` has 6 or more syllables" in problem.message
    assert list(ease_problems([("respuesta", where, "Datos móviles")], 70)) == []
