"""What support staff work from: a book-style A-Z, the staff desk (a ready reply per
outcome) and a print edition of each guide, and the rows `helptree links` exports.
Knows nothing of MkDocs: it turns a checked project into entries the templates show."""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import segno

from generator.cache import cache_dir, load_table, store_table
from generator.check.run import CheckedGuide, CheckedProject
from generator.languages import stop_words
from generator.model import Outcome
from generator.routes import guide_url, node_url


@dataclass(frozen=True)
class Entry:
    """One line of the A-Z: a key word or phrase, the page it leads to, and its kind."""

    key: str
    title: str
    kind: str  # guide, steps or article
    url: str  # the page's site URL
    from_title: bool = True  # the key is the title's own words, not a keyword

    @property
    def shows_title(self) -> bool:
        """Whether the line needs the title after the key (`Locked out: Your account is
        locked`); a key of several of the title's own words reads on its own."""
        return not self.from_title or (len(self.key.split()) < 2
                                       and self.key.casefold() != self.title.casefold())


def sort_key(text: str) -> str:
    """Alphabetical order as a reader of the language expects it: accents do not count
    (á with a), ñ after n (as Spanish dictionaries have it), case does not count."""
    out = []
    for char in text.casefold():
        if char == "ñ":
            out.append("n{")  # `{` sorts after every letter: n < ñ < o
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", char)
                           if not unicodedata.combining(c)))
    return "".join(out)


def letter_of(key: str) -> str:
    """The A-Z heading an entry goes under: its first letter without accents (Ñ apart)."""
    first = key[:1].upper()
    if first == "Ñ":
        return first
    plain = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
    return plain if plain.isalpha() else "#"


def key_word(title: str) -> str:
    """The word a title is filed under: its first word that is not a small word, with
    the rest after it (`Your account is locked` -> `Account is locked`)."""
    words = title.split()
    for number, word in enumerate(words):
        if word.strip("¿?¡!.,:;\"'()").casefold() not in stop_words():
            rest = " ".join(words[number:]).strip("¿?¡!.,:;")
            return rest[:1].upper() + rest[1:]
    return title


def entries(project: CheckedProject, plain: Callable[[str | None], str]) -> list[Entry]:
    """Every A-Z entry of one language: each guide, outcome and article under its key
    word, and under every keyword; sorted as that language sorts."""
    found: list[Entry] = []

    def add(title: str, kind: str, url: str, keywords: tuple[str, ...] = ()) -> None:
        found.append(Entry(key_word(title), title, kind, url))
        found.extend(Entry(k[:1].upper() + k[1:], title, kind, url, from_title=False)
                     for k in keywords)

    for guide in project.guides:
        add(plain(guide.tree.title), "guide", guide_url(guide.base))
        for outcome in reachable_outcomes(guide):
            add(plain(outcome.title), "steps", node_url(guide.base, outcome.id), outcome.keywords)
    for article in project.articles.values():
        if article.url != project.prefix:  # the home page is the help center, not an article
            add(plain(article.title), "article", article.url, article.keywords)
    unique = {(e.key.casefold(), e.url): e for e in found}
    return sorted(unique.values(), key=lambda e: (sort_key(e.key), sort_key(e.title), e.kind))


def reachable_outcomes(guide: CheckedGuide) -> Iterator[Outcome]:
    for node_id in guide.index.reachable_order:
        node = guide.tree.nodes[node_id]
        if isinstance(node, Outcome):
            yield node


def tree_order(guide: CheckedGuide) -> Iterator[Outcome]:
    """The reachable outcomes in the order the tree writes them: the order staff find on
    the desk and in the print edition, the same as the author's."""
    reachable = guide.index.from_start
    return (node for node in guide.tree.outcomes() if node.id in reachable)


_QR_FORMAT = 1  # bump when the options below change: the cache file is named after it


def qr_svg(url: str, title: str) -> str:
    """A QR code of ``url`` as inline SVG: made at build time, no script, no request.

    segno tries all eight masks of the QR standard on every code (about 4 ms each, a
    tenth of the shipped guide's build), so each code is made once and kept in the cache
    folder; an unchanged site rebuilds with none to make."""
    codes = _qr_codes()
    key = f"{title}\n{url}"
    svg = codes.table.get(key)
    if not isinstance(svg, str):  # not made yet (or a damaged cache file)
        code = segno.make(url, error="m")
        out = io.BytesIO()
        code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=3, border=2,
                  title=title, svgclass="ht-qr", lineclass=None)
        svg = codes.table[key] = out.getvalue().decode("utf-8")
        codes.made = True
    codes.used.add(key)
    return svg


@dataclass
class _QrCodes:
    table: dict[str, str]  # "title\nurl" -> SVG
    used: set[str] = field(default_factory=set)
    made: bool = False


@functools.cache
def _qr_codes() -> _QrCodes:
    """The codes of the last build, then every code this process made (one table per
    process: ``mkdocs serve`` rebuilds in one)."""
    return _QrCodes(load_table(_qr_file()) or {})


def _qr_file() -> Path:
    return cache_dir() / f"qr-{segno.__version__}-{_QR_FORMAT}.marshal"


_QR_KEPT = 2_000  # codes in the cache file, the most recently used last (about 1.7 kB each)


def save_qr_codes() -> None:
    """Add the codes made since the last save to the cache file for the next process. Other
    projects built on the machine (or the tests) keep theirs there too: the file keeps the
    last 2,000 codes used, so a renamed page's old code drops out in time."""
    codes = _qr_codes()
    if codes.made:
        used = {key: codes.table[key] for key in codes.used}
        kept = {key: svg for key, svg in (load_table(_qr_file()) or {}).items() if key not in used}
        store_table(_qr_file(), dict(list({**kept, **used}.items())[-_QR_KEPT:]))
    codes.made = False
    codes.used.clear()


@dataclass(frozen=True)
class LinkRow:
    """One outcome for a help desk's saved replies."""

    guide: str
    language: str
    id: str
    title: str
    summary: str
    url: str
    keywords: tuple[str, ...]


def link_rows(project: CheckedProject, plain: Callable[[str | None], str]) -> Iterator[LinkRow]:
    """Every outcome of every guide in every language, with its full URL, in the order the
    tree lists them (a checked tree has no unreachable node)."""
    for edition in project.editions:
        for guide in edition.guides:
            for outcome in guide.tree.outcomes():
                yield LinkRow(guide.base[len(edition.prefix):], edition.language, outcome.id,
                              plain(outcome.title), plain(outcome.summary),
                              edition.spec.full_url(node_url(guide.base, outcome.id)),
                              outcome.keywords)
