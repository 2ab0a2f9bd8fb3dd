"""generator.check.readability without textstat's per-process dictionary load: the same scores
as textstat 0.7.8 on every text the check grades, and a syllable cache that is only ever
a shortcut (missing, corrupt or unwritable, the scores stay the same)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import textstat  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.textstat import textstatistics  # type: ignore[import-untyped]

from generator.check import readability
from generator.check import run as check_module
from generator.check.readability import ease_scorer, grader, prose, syllable_counter
from generator.problems import Location, Problem
from generator.project.mkdocs_yml import open_project

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = [ROOT / "mkdocs.yml", Path(__file__).resolve().parent / "fixtures" / "small" / "mkdocs.yml"]

_SPANISH = textstatistics()
_SPANISH.set_lang("es")


def textstat_grade(markdown: str) -> float:
    words = prose(markdown)
    return round(float(textstat.flesch_kincaid_grade(words)), 1) if words.strip() else 0.0


def textstat_ease(markdown: str) -> float:
    words = prose(markdown)
    return float(_SPANISH.fernandez_huerta(words)) if words.strip() else 100.0


# The dictionary parsed once for this module's tests (a second each time otherwise): what
# they prove is how counts reach the cache and come back, not the parse.
_PARSED_ONCE = functools.cache(readability.cmu_syllables)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty cache folder and no counters left from other tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("HELPTREE_CACHE_DIR", str(folder))
    monkeypatch.setattr(readability, "cmu_syllables", _PARSED_ONCE)
    syllable_counter.cache_clear()
    readability._grade.cache_clear()
    readability._ease.cache_clear()
    yield folder
    syllable_counter.cache_clear()
    readability._grade.cache_clear()
    readability._ease.cache_clear()


def graded_texts(config: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Every English and Spanish text the project's check grades, as it passes them."""
    english: list[str] = []
    spanish: list[str] = []

    def record(into: list[str], real: object) -> object:
        def wrapper(texts: Iterable[tuple[str, Location, str]], limit: float,
                    **options: object) -> Iterator[Problem]:
            listed = list(texts)
            into.extend(text for _, _, text in listed)
            return real(listed, limit, **options)  # type: ignore[operator, no-any-return]
        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(check_module, "readability_problems",
                      record(english, check_module.readability_problems))
        patch.setattr(check_module, "ease_problems", record(spanish, check_module.ease_problems))
        spec, _ = open_project(config)
        if spec.options.max_grade is None:
            spec = _with_limits(spec)
        check_module.check(spec)
    return english, spanish


def _with_limits(spec: object) -> object:
    from dataclasses import replace
    options = replace(spec.options, max_grade=8, min_ease=70)  # type: ignore[attr-defined]
    return replace(spec, options=options)  # type: ignore[type-var]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.parent.name or "guide")
def test_every_graded_text_scores_exactly_as_textstat_cold_and_from_the_cache(
        config: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english, spanish = graded_texts(config, monkeypatch)
    assert english, "the check graded no English text"
    if config == CONFIGS[0]:
        assert len(spanish) > 50, "the shipped guides have a Spanish edition to grade"
    expected = ([textstat_grade(t) for t in english], [textstat_ease(t) for t in spanish])
    cold = ([grader()(t) for t in english], [ease_scorer()(t) for t in spanish])  # type: ignore[misc]
    assert cold == expected  # exactly equal: the same arithmetic, not merely close
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == (
        ["cmudict", "words", "words"] if spanish else ["cmudict", "words"])

    # A new process: the counts come from the cache files, no dictionary is parsed.
    syllable_counter.cache_clear()
    readability._grade.cache_clear()
    readability._ease.cache_clear()

    def no_dictionary() -> dict[str, int]:
        raise AssertionError("the CMU dictionary was parsed although every word is cached")
    monkeypatch.setattr(readability, "cmu_syllables", no_dictionary)
    (cache / next(p.name for p in cache.iterdir() if p.name.startswith("cmudict"))).unlink()
    warm = ([grader()(t) for t in english], [ease_scorer()(t) for t in spanish])  # type: ignore[misc]
    assert warm == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"abcdeioustlnrAEIOUSTáéíóúñü '-.,!?:;\n\"0123",
                                 "the", "DON'T", "don't", "it's", "rock'n'roll", "JPay", "e-mail",
                                 ". ", "# ", "- ", "[link](https://x.org)", "supercalifragilistic"]),
                max_size=60).map("".join))
def test_any_text_scores_as_textstat(text: str) -> None:
    grade, ease = grader(), ease_scorer()
    assert grade is not None
    assert ease is not None
    assert grade(text) == textstat_grade(text)
    assert ease(text) == textstat_ease(text)


def test_a_corrupt_or_unwritable_cache_changes_no_score(cache: Path) -> None:
    text = "Reset your password. Then call JPay support about the refund, don't wait."
    expected = textstat_grade(text)
    cache.mkdir()
    grade = grader()
    assert grade is not None
    assert grade(text) == expected
    readability._save("en_US")
    for path in cache.iterdir():
        path.write_bytes(b"\x00not marshal")
    syllable_counter.cache_clear()
    readability._grade.cache_clear()
    assert grader()(text) == expected  # type: ignore[misc]

    blocked = cache / "blocked"
    blocked.write_text("a file where the folder should be")
    syllable_counter.cache_clear()
    readability._grade.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPTREE_CACHE_DIR", str(blocked / "sub"))
        assert grader()(text) == expected  # type: ignore[misc]
        readability._save("en_US")  # cannot write: no error
        assert blocked.read_text() == "a file where the folder should be"


def test_words_learned_in_one_process_are_read_by_the_next(cache: Path) -> None:
    counter = syllable_counter("es")
    assert counter is not None
    assert counter.count("teléfono") == _SPANISH.syllable_count("teléfono")
    counter.save()
    syllable_counter.cache_clear()
    again = syllable_counter("es")
    assert again is not None
    assert again is not counter
    assert again.known["teléfono"] == counter.known["teléfono"] == _SPANISH.syllable_count("teléfono")
