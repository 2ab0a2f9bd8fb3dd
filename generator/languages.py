"""What a language is to helptree, one record each: its name, its interface strings, the
words an A-Z entry never starts with, how its plain language is measured and its syllables
counted. Adding a language is one record and its strings; a language with no record is
served with English interface strings and no reading measure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from generator.strings import ENGLISH, SPANISH

# A reading measure: the US grade (Flesch-Kincaid, `max_grade`: higher is harder) or the
# Fernández-Huerta reading ease (`min_ease`: higher is easier).
Measure = Literal["grade", "ease"]


@dataclass(frozen=True)
class Language:
    code: str  # as in `languages: [en, es]` and the URL folder `/es/`
    name: str  # as its readers write it: the language switch shows it
    strings: Mapping[str, str]  # every interface string (generator/strings.py)
    measure: Measure | None = None  # how a text's plain language is measured, if at all
    hyphenation: str = "en_US"  # the dictionary syllables are counted with (Pyphen, CMU for en)
    stop_words: frozenset[str] = frozenset()  # what nobody looks a page up by, in the A-Z
    interface: str | None = None  # the theme's interface language, when it has none of the code's

    @property
    def theme_language(self) -> str:
        """The theme's language file the pages use (Material's `partials/languages/`)."""
        return self.interface or self.code


_ENGLISH_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "can't", "cannot", "do", "does", "for",
    "from", "get", "has", "have", "how", "i", "i'm", "if", "in", "into", "is", "it", "it's", "its",
    "me", "my", "not", "of", "on", "or", "our", "so", "that", "the", "their", "there", "they",
    "this", "to", "up", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with",
    "you", "your", "you're"))
_SPANISH_STOP = frozenset((
    "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "de", "del", "al", "a", "en",
    "que", "qué", "por", "para", "con", "su", "sus", "mi", "mis", "no", "se", "lo", "le", "les",
    "es", "está", "cómo", "cuándo", "dónde", "usted"))

LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", ENGLISH, "grade", "en_US", _ENGLISH_STOP),
    "es": Language("es", "Español", SPANISH, "ease", "es", _SPANISH_STOP),
}
# Names for the language switch of languages with no record yet (English strings, no measure).
_NAMES: Mapping[str, str] = MappingProxyType({
    "fr": "Français", "pt": "Português", "zh": "中文", "vi": "Tiếng Việt", "ko": "한국어",
    "ht": "Kreyòl ayisyen"})


def language(code: str) -> Language:
    """The record of ``code``; for a language with none, English strings and no measure."""
    return LANGUAGES.get(code) or Language(code, _NAMES.get(code, code), ENGLISH)


def is_known(code: str) -> bool:
    """Whether helptree knows ``code`` as a language (a record, or at least a name)."""
    return code in LANGUAGES or code in _NAMES


def stop_words() -> frozenset[str]:
    """Every language's stop words: an A-Z key is never one of them, in whatever language."""
    return frozenset().union(*(record.stop_words for record in LANGUAGES.values()))


def strings_for(code: str, overrides: Mapping[str, object] | None = None, *,
                main: bool = True) -> Mapping[str, str]:
    """The interface strings of ``code`` with the project's overrides: flat keys are for the
    main language, a language code maps to that language's own (``es: {back: ...}``).
    KeyError names unknown keys."""
    given = dict(overrides or {})
    chosen = {k: v for k, v in given.items() if not isinstance(v, Mapping)} if main else {}
    own = given.get(code)
    if isinstance(own, Mapping):
        chosen.update(own)
    unknown = sorted(set(chosen) - set(ENGLISH))
    if unknown:
        raise KeyError(", ".join(unknown))
    table = language(code).strings
    return MappingProxyType({**table, **{k: str(v) for k, v in chosen.items()}}) if chosen else table
