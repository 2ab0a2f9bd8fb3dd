"""Planning: a checked project becomes one ``Site``, everything the built help center holds
(generated pages, articles as they are to be rendered, redirects, assets, the help area of
each page and the 404 help), so the MkDocs plugin and ``export`` only write it out."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml
from markupsafe import Markup

from generator.articles import Article
from generator.check import CheckedProject
from generator.contacts import call_button, expand
from generator.desk import save_qr_codes
from generator.render import RenderedPage, SiteRenderer
from generator.search import INDEX, search_index

ASSETS_DIR = Path(__file__).parent / "assets"
THEME_DIR = Path(__file__).parent / "theme"  # template overrides: main.html, 404.html
STYLESHEETS = ("assets/helptree/helptree.css",)
SCRIPTS = ("assets/helptree/helptree.js",)
# Loaded by theme/main.html before Material's bundle.js, so not listed in extra_javascript.
LAZY_SEARCH = "assets/helptree/lazy-search.js"
_ESCAPED_META = ("title", "description")  # themes print these as HTML
_FIRST_HEADING = re.compile(r"^#[^#\n].*$", re.MULTILINE)


@dataclass(frozen=True)
class ArticlePage:
    """An article as the site shows it: contacts filled in, title and description escaped."""

    article: Article
    body: str  # the Markdown after the front matter, placeholders filled in
    escaped_meta: Mapping[str, str]  # title and description, HTML-escaped
    added_meta: Mapping[str, object]  # what helptree adds: the language and its twins

    @property
    def src_uri(self) -> str:
        return self.article.src_uri

    @property
    def url(self) -> str:
        return self.article.url

    @property
    def markdown(self) -> str:
        """The whole file, for engines that run no plugin: front matter rewritten only
        when escaping changed it."""
        text = self.article.source.text
        front = text[: len(text) - len(self.article.body)]
        changed: dict[str, object] = {k: v for k, v in self.escaped_meta.items()
                                      if v != _meta_text(self.article, k)}
        changed.update(self.added_meta)
        if changed:
            lines = front.splitlines(keepends=True)
            meta = yaml.safe_load("".join(lines[1:-1])) if len(lines) > 2 else None
            meta = meta if isinstance(meta, dict) else {}
            front = "---\n" + yaml.safe_dump({**meta, **changed}, sort_keys=False,
                                             allow_unicode=True, width=1000) + "---\n"
        return front + self.body


@dataclass(frozen=True)
class Asset:
    dest: str  # where it goes in the site, like a page's src_uri
    source: Path | None = None  # a file shipped with helptree
    content: str | None = None  # or made for this site (the search index)


@dataclass(frozen=True)
class Site:
    pages: tuple[RenderedPage, ...]
    articles: Mapping[str, ArticlePage]  # by src_uri
    redirects: Mapping[str, str]  # old page source -> new page source
    assets: tuple[Asset, ...]
    renderers: tuple[SiteRenderer, ...]  # one per language, the main one first

    @property
    def renderer(self) -> SiteRenderer:
        return self.renderers[0]

    def renderer_of(self, page_url: str) -> SiteRenderer:
        """The renderer of the language a page is in, by its URL's folder."""
        return next((r for r in self.renderers[1:] if page_url.startswith(r.project.prefix)),
                    self.renderers[0])

    @property
    def stylesheets(self) -> tuple[str, ...]:
        return STYLESHEETS

    @property
    def scripts(self) -> tuple[str, ...]:
        return SCRIPTS

    def help_area(self, page_url: str, root: str | None = None) -> Markup:
        """The help area the page at ``page_url`` ends with (links below ``root``, if given)."""
        return self.renderer_of(page_url).help_area(page_url, root)

    def not_found(self, root: str) -> Markup:
        """The 404 page's body, with absolute links below ``root`` (it is served anywhere)."""
        return self.renderer.not_found_help(root)


def plan(project: CheckedProject) -> Site:
    """Everything the site holds, in every language, computed once."""
    renderers = tuple(SiteRenderer(edition) for edition in project.editions)
    articles = {article.src_uri: ArticlePage(
        article, _with_home_search(renderer, article, expand(
            article.body, renderer.project.contacts, escape_html=True,
            call=functools.partial(call_button, label=renderer.t["call_contact"]))),
        MappingProxyType({key: html.escape(value) for key in _ESCAPED_META
                          if (value := _meta_text(article, key)) is not None}),
        # Search reads helptree's own index (generator/search.py), not Material's.
        MappingProxyType({**renderer.language_meta(article.url), "search": {"exclude": True}}))
        for renderer in renderers for article in renderer.project.articles.values()}
    assets = (*(Asset(dest, ASSETS_DIR / Path(dest).name)
                for dest in (*STYLESHEETS, *SCRIPTS, LAZY_SEARCH)),
              Asset(INDEX, content=search_index(renderers)))
    redirects = {old: new for renderer in renderers for old, new in renderer.redirects().items()}
    pages = tuple(page for renderer in renderers for page in renderer.pages())
    save_qr_codes()
    return Site(pages, MappingProxyType(articles), MappingProxyType(redirects), assets, renderers)


def _with_home_search(renderer: SiteRenderer, article: Article, body: str) -> str:
    """The home page's body with the search box after its first heading (or first)."""
    if article.url != renderer.project.prefix:
        return body
    box = f"\n\n{renderer.home_search(article.url)}\n\n"
    heading = _FIRST_HEADING.search(body)
    at = heading.end() if heading else 0
    return body[:at] + box + body[at:].lstrip("\n")


def _meta_text(article: Article, key: str) -> str | None:
    node = article.meta.get(key)
    return node.value if node is not None and node.kind == "scalar" and isinstance(node.value, str) \
        else None
