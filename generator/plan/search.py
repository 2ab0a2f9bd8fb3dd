"""The help center's search index: every page a reader may look for, in every language, as
plain text (HTML-escaped, since Material's search shows results as HTML), with the fields
search ranks by: the title first, then keywords, then the page's search aliases, then the
words that lead to it, then its preview and its text.

helptree writes it as ``assets/helptree/search.json``, in the shape Material's search worker
takes, so `helptree build` and `helptree export` ship the same index; ``lazy-search.js``
hands it to Material's worker in place of Material's own index (from which every page is
left out), one worker per language, and turns what the reader types into the query (see
there). Knows nothing of MkDocs.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.check.run import CheckedGuide
from generator.model import Outcome, Question
from generator.plan.render import SiteRenderer
from generator.routes import node_url
from generator.source.articles import Article

# Field boosts: a near-exact title of one page ranks above the keywords of another, and
# keywords above the words merely in a page's text (lunr multiplies a match by them).
FIELDS = {"title": 5, "keywords": 4, "aliases": 3, "lead": 2, "text": 1, "body": 1}
# Words split at spaces, hyphens and the punctuation that never sits inside a word (lunr's
# trimmer took it off the ends, and Spanish goes without one). Apostrophes stay: `can't` is one word.
SEPARATOR = r"[\s\-.,;:!?¿¡()\[\]\"“”«»/…]+"
# lunr's own (English) trimmer takes off what is not \w and so keeps digits; each language of
# lunr-languages trims to its own letters, which turns `988` into nothing: a Spanish reader
# typing the crisis line's number found no page. Those languages go without a trimmer.
_DIGIT_SAFE_TRIMMER = frozenset({"en"})
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}\n]*\}")  # `{ .md-button }` after a link
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[<>]")


@dataclass(frozen=True)
class SearchDoc:
    """One page as search sees it: plain text, never shown as written but HTML-escaped."""

    location: str  # the page's site URL
    lang: str
    title: str
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # misspellings and the like: searched, never shown
    lead: str = ""  # its summary and the answers that lead to it
    text: str = ""  # the preview a result shows: its summary or description
    body: str = ""  # the page's own words: searched, not shown (a result would fill a phone)

    def as_json(self) -> dict[str, str]:
        def esc(text: str) -> str:
            return html.escape(_SPACE.sub(" ", text).strip(), quote=False)
        # The title and keywords as readers type them without accents or apostrophes
        # (`contrasena`, `cant`): searched with the aliases.
        folded = [f for text in (self.title, *self.keywords) if (f := fold(text)) != text.casefold()]
        aliases = " · ".join(dict.fromkeys((*self.aliases, *folded)))
        out = {"location": self.location, "lang": self.lang, "title": esc(self.title),
               "text": esc(self.text)}
        for name, value in (("keywords", " · ".join(self.keywords)),
                            ("aliases", aliases), ("lead", self.lead), ("body", self.body)):
            if value:
                out[name] = esc(value)
        return out


def fold(text: str) -> str:
    """``text`` in lower case without accents (ñ as n) and without apostrophes."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if not unicodedata.combining(c))
    return bare.replace("'", "").replace("\u2019", "")


def documents(renderer: SiteRenderer) -> Iterator[SearchDoc]:
    """Every searchable page of one language: each guide's start page and outcomes, and
    every article but the home page (the help center itself, where search opens)."""
    project, plain = renderer.project, renderer.text.plain
    lang = project.language
    for guide in project.guides:
        tree = guide.tree
        questions = list(tree.questions())
        start = tree.nodes[tree.start]
        yield SearchDoc(
            f"{guide.base}/", lang, plain(tree.title),
            keywords=tuple(k for q in questions for k in q.keywords),
            aliases=tuple(a for q in questions for a in q.search_aliases),
            lead=" ".join(plain(a.label) for a in start.answers) if isinstance(start, Question) else "",
            text=plain(tree.intro), body=" ".join(map(plain, tree.needs)))
        for node_id in guide.index.reachable_order:
            node = tree.nodes[node_id]
            if isinstance(node, Outcome):
                yield _outcome(renderer, guide, node)
    for article in project.articles.values():
        if article.url != project.prefix:
            yield _article(renderer, article)


def _outcome(renderer: SiteRenderer, guide: CheckedGuide, node: Outcome) -> SearchDoc:
    plain = renderer.text.plain
    lead: list[str] = [plain(node.summary)]
    for parent in guide.index.parents.get(node.id, ()):
        source = guide.tree.nodes[parent]
        if isinstance(source, Question):
            lead += [plain(a.label) + " " + plain(a.hint) for a in source.answers if a.next == node.id]
    return SearchDoc(node_url(guide.base, node.id), renderer.project.language, plain(node.title),
                     keywords=node.keywords, aliases=node.search_aliases,
                     lead=" ".join(dict.fromkeys(w for w in lead if w)),
                     text=plain(node.summary), body=plain(node.body))


def _article(renderer: SiteRenderer, article: Article) -> SearchDoc:
    plain = renderer.text.plain
    body = _ATTR_LIST.sub("", article.body)
    return SearchDoc(article.url, renderer.project.language, plain(article.title),
                     keywords=article.keywords, aliases=article.search_aliases,
                     lead=plain(article.description),
                     text=plain(article.description), body=plain(body))


def _pipeline(language: str) -> list[str]:
    """What of lunr's pipeline the worker of ``language`` keeps (Material removes the rest)."""
    return ["stemmer", "stopWordFilter"] + (["trimmer"] if language in _DIGIT_SAFE_TRIMMER else [])


def search_index(renderers: tuple[SiteRenderer, ...]) -> str:
    """The index file: Material's shape (``config``, ``docs``), helptree's fields and the
    stop words of each language, which the query leaves out before any prefix match."""
    languages = [r.project.language for r in renderers]
    docs = [doc.as_json() for renderer in renderers for doc in documents(renderer)]
    config = {
        "lang": languages, "separator": SEPARATOR,
        "pipeline": ["stemmer", "stopWordFilter", "trimmer"],
        "fields": {name: {"boost": boost} for name, boost in FIELDS.items()},
        "helptree": {"languages": languages,
                     "stop_words": {lang: list(stop_words(lang)) for lang in languages},
                     "pipeline": {lang: _pipeline(lang) for lang in languages}},
    }
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))


# -- stop words -------------------------------------------------------------------------------

# The lists Material's own search drops while it indexes (lunr's English list; Snowball's for
# other languages, as lunr-languages packs them), read from the installed Material: search
# leaves out at query time exactly the words that were never indexed.
_LIST_IN_ARRAY = re.compile(r"generateStopWordFilter\(\[([^\]]*)\]\)")
_LIST_IN_STRING = re.compile(r"generateStopWordFilter\(\"([^\"]*)\"\.split\(\" \"\)\)")


def _material_scripts() -> Path:
    return Path(str(importlib.resources.files("material"))) / "templates" / "assets" / "javascripts"


@functools.cache
def stop_words(lang: str) -> tuple[str, ...]:
    """``lang``'s stop words as Material's search has them, with each word's form without
    an apostrophe too (`don't` -> `dont`, as readers type it); none for a language Material
    has no list for."""
    scripts = _material_scripts()
    words: list[str] = []
    if lang == "en":
        for worker in sorted((scripts / "workers").glob("search.*.min.js")):
            found = _LIST_IN_ARRAY.search(worker.read_text(encoding="utf-8"))
            if found:
                words = json.loads(f"[{found.group(1)}]")
                break
    else:
        path = scripts / "lunr" / "min" / f"lunr.{lang}.min.js"
        found = _LIST_IN_STRING.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if found:
            words = found.group(1).split(" ")
    variants = (w.replace("'", "") for w in words if "'" in w)
    return tuple(dict.fromkeys(w for w in (*words, *variants) if w))


# -- the output check's part ---------------------------------------------------------------------
