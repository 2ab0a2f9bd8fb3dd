"""Plain-language check: the US school grade (Flesch-Kincaid) of each text readers see,
and for Spanish the Fernandez-Huerta reading ease.

Uses textstat when installed (``pip install 'helptree[readability]'``); 0.7.8 is pinned
because later releases download data at run time and fail offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from generator.problems import Location, Problem

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^)]*\)")
_BARE_URL = re.compile(r"<?(?:https?|mailto|tel):[^\s>)]+>?")
_CODE = re.compile(r"^(?:```|~~~).*?^(?:```|~~~)", re.MULTILINE | re.DOTALL)
_HTML = re.compile(r"<[^<>]+>")
_LINE_MARKS = (re.compile(r"^\s{0,3}#{1,6}\s+"), re.compile(r"^\s*>\s?"),
               re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+"))
_EMPHASIS = re.compile(r"[*_`]+")
_SENTENCE_END = (".", "!", "?", ":")


def prose(markdown: str) -> str:
    """The words a reader reads: no URLs, placeholders, code or markup.

    Each heading, list item and line ends a sentence, as it does for the reader's eye.
    """
    text = _FRONT_MATTER.sub("", markdown)
    for pattern, replacement in ((_CODE, ""), (_PLACEHOLDER, ""), (_LINK, r"\1"),
                                 (_BARE_URL, ""), (_HTML, "")):
        text = pattern.sub(replacement, text)
    lines = []
    for raw in text.splitlines():
        line = raw
        for mark in _LINE_MARKS:
            line = mark.sub("", line)
        line = _EMPHASIS.sub("", line).strip()
        if line:
            lines.append(line if line.endswith(_SENTENCE_END) else line + ".")
    return "\n".join(lines)


def grader() -> Callable[[str], float] | None:
    """Flesch-Kincaid grade of Markdown to one decimal, or None when textstat is not installed.

    The grade is rounded here, once: the limit is compared with the number the warning
    prints, so 3.04 is grade 3.0 (within a limit of 3), never "3.0, above the limit of 3".
    """
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        return None

    def grade(markdown: str) -> float:
        words = prose(markdown)
        return round(float(textstat.flesch_kincaid_grade(words)), 1) if words.strip() else 0.0
    return grade


def readability_problems(texts: Iterable[tuple[str, Location, str]], max_grade: float,
                         ) -> Iterator[Problem]:
    """A warning for each (what, where, text) above ``max_grade``."""
    grade = grader()
    if grade is None:
        yield Problem(Location("helptree"), "HT305", "the readability check needs textstat",
                      "pip install 'helptree[readability]' (textstat==0.7.8)")
        return
    for what, where, text in texts:
        score = grade(text)
        if score > max_grade:
            yield Problem(where, "HT304", f"{what} reads at US grade {score:.1f}, above the "
                          f"limit of {max_grade:g}", "use shorter sentences and shorter words")


def ease_scorer() -> Callable[[str], float] | None:
    """Fernandez-Huerta reading ease of Spanish Markdown (higher is easier), or None when
    textstat is not installed. Its own instance: ``set_lang`` must not change English."""
    try:
        from textstat.textstat import textstatistics  # type: ignore[import-untyped]
    except ImportError:
        return None
    spanish = textstatistics()
    spanish.set_lang("es")

    def ease(markdown: str) -> float:
        words = prose(markdown)
        return float(spanish.fernandez_huerta(words)) if words.strip() else 100.0
    return ease


def ease_problems(texts: Iterable[tuple[str, Location, str]], min_ease: float,
                  ) -> Iterator[Problem]:
    """A warning for each Spanish (what, where, text) below ``min_ease``."""
    ease = ease_scorer()
    if ease is None:
        yield Problem(Location("helptree"), "HT305", "the readability check needs textstat",
                      "pip install 'helptree[readability]' (textstat==0.7.8)")
        return
    for what, where, text in texts:
        score = ease(text)
        if score < min_ease:
            yield Problem(where, "HT308", f"{what} has a Fernandez-Huerta reading ease of "
                          f"{score:.1f}, below the limit of {min_ease:g}",
                          "use shorter sentences and shorter words")
