"""Planning: a checked project becomes one ``Site``, everything the built help center holds
(generated pages, articles and the other Markdown pages as they are to be rendered,
redirects, assets, the help area of each page, each language's navigation, site name and
404 help), so the MkDocs plugin and ``export`` only write it out."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pathspec
import yaml
from markupsafe import Markup

from generator import PACKAGE_DIR
from generator.check.run import CheckedProject
from generator.contacts import ContactButtons, expand
from generator.plan.navigation import (
    NavItem,
    NavPage,
    from_config,
    guides_first,
    nested,
    of_language,
    pages_of,
    short,
)
from generator.plan.render import RenderedPage, SiteRenderer
from generator.plan.search import search_index
from generator.routes import INDEX
from generator.source.articles import MARKDOWN_SUFFIXES, Article, iter_published_files, read_article

ASSETS_DIR = PACKAGE_DIR / "assets"
THEME_DIR = PACKAGE_DIR / "theme"  # template overrides: main.html, 404.html
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
        return self.markdown_with({})

    def markdown_with(self, more: Mapping[str, object]) -> str:
        """The whole file with ``more`` added to its front matter."""
        text = self.article.source.text
        front = text[: len(text) - len(self.article.body)]
        changed: dict[str, object] = {k: v for k, v in self.escaped_meta.items()
                                      if v != _meta_text(self.article, k)}
        changed.update(self.added_meta)
        changed.update(more)
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
class Language:
    """What one language's pages share: their navigation and the site's name."""

    prefix: str  # what its URLs start with: "" for the main language, `es/`
    code: str
    navigation: tuple[NavItem, ...]
    short_navigation: tuple[NavItem, ...]  # on question and outcome pages (navigation.short)
    site_name: str | None  # its home page's title; None: mkdocs.yml's `site_name`
    site_description: str | None  # likewise, with mkdocs.yml's when the home page has none


@dataclass(frozen=True)
class Site:
    pages: tuple[RenderedPage, ...]
    articles: Mapping[str, ArticlePage]  # by src_uri
    redirects: Mapping[str, str]  # old page source -> new page source
    assets: tuple[Asset, ...]
    renderers: tuple[SiteRenderer, ...]  # one per language, the main one first
    languages: tuple[Language, ...]  # the same order
    # Markdown pages under content/ that are no article (`notes.markdown`, `_draft.md`):
    # MkDocs builds them too, escaped and with contacts filled in as articles are.
    other_pages: Mapping[str, ArticlePage]

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

    def language_of(self, page_url: str) -> Language:
        """The language a page is in, by its URL's folder."""
        return next((lang for lang in self.languages[1:] if page_url.startswith(lang.prefix)),
                    self.languages[0])

    def navigation_of(self, page_url: str, kind: object = None) -> tuple[NavItem, ...]:
        """The navigation a page shows: its language's, short on a question or outcome."""
        language = self.language_of(page_url)
        return language.short_navigation if kind in ("question", "outcome") else language.navigation

    def not_found(self, root: str, prefix: str = "") -> Markup:
        """The 404 page's body in the language of ``prefix``, with absolute links below
        ``root`` (it is served anywhere)."""
        renderer = next((r for r in self.renderers if r.project.prefix == prefix), self.renderer)
        return renderer.not_found_help(root)


def plan(project: CheckedProject) -> Site:
    """Everything the site holds, in every language, computed once."""
    left_out = {edition.language: edition.main_only for edition in project.editions}
    renderers = tuple(SiteRenderer(edition, left_out) for edition in project.editions)
    articles = {article.src_uri: ArticlePage(
        article, _with_home_search(renderer, article, expand(
            article.body, renderer.project.contacts, escape_html=True,
            button=ContactButtons(renderer.t["call_contact"], renderer.t["text_contact"]))),
        MappingProxyType({key: html.escape(value) for key in _ESCAPED_META
                          if (value := _meta_text(article, key)) is not None}),
        # Search reads helptree's own index (generator/plan/search.py), not Material's.
        MappingProxyType({**renderer.language_meta(article.url), "search": {"exclude": True}}))
        for renderer in renderers for article in renderer.project.articles.values()
        if article.url not in renderer.project.main_only}  # the main language's page, once
    assets = (*(Asset(dest, ASSETS_DIR / Path(dest).name)
                for dest in (*STYLESHEETS, *SCRIPTS, LAZY_SEARCH)),
              Asset(INDEX, content=search_index(renderers)))
    redirects = {old: new for renderer in renderers for old, new in renderer.redirects().items()}
    pages = tuple(page for renderer in renderers for page in renderer.pages())
    others = _other_pages(project, renderers[0])
    return Site(pages, MappingProxyType(articles), MappingProxyType(redirects), assets, renderers,
                _languages(project, pages, articles, others), MappingProxyType(others))


def _other_pages(project: CheckedProject, renderer: SiteRenderer) -> dict[str, ArticlePage]:
    """The Markdown pages MkDocs builds that are no article (checked as published files)."""
    content = project.spec.content_dir
    if content is None or not content.is_dir():
        return {}
    known = {a.source_uri for edition in project.editions for a in edition.articles.values()}
    found: dict[str, ArticlePage] = {}
    for src_uri in iter_published_files(content):
        if src_uri in known or not src_uri.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        page, _ = read_article(content, src_uri)  # check() has reported its problems
        if page is not None:
            found[src_uri] = ArticlePage(
                page, expand(page.body, renderer.project.contacts, escape_html=True),
                MappingProxyType({key: html.escape(value) for key in _ESCAPED_META
                                  if (value := _meta_text(page, key)) is not None}),
                MappingProxyType({}))
    return found


def _languages(project: CheckedProject, pages: tuple[RenderedPage, ...],
               articles: Mapping[str, ArticlePage], others: Mapping[str, ArticlePage],
               ) -> tuple[Language, ...]:
    """Each language's navigation (from mkdocs.yml's `nav:`, or as MkDocs would make it
    of the site's files) and site name."""
    kept_out = pathspec.GitIgnoreSpec.from_lines(project.spec.not_in_nav.splitlines())
    listed = [NavPage(a.src_uri, a.url, a.article.title) for a in (*articles.values(), *others.values())
              if a.article.file_uri or not kept_out.match_file(a.src_uri)]  # as MkDocs matches
    listed += [NavPage(p.src_uri, p.url, p.title, p.kind, p.place) for p in pages if p.in_nav]
    by_src = {page.src_uri: page for page in listed}
    spec = project.spec
    whole = from_config(spec.nav, by_src) if spec.nav is not None else nested(listed)
    prefixes = [edition.prefix for edition in project.editions[1:]]
    by_url = {page.url: page for page in listed}
    languages = []
    for edition in project.editions:
        prefix = edition.prefix
        # A `nav:` names the main language's pages: another language shows each one's twin.
        twins = {page.src_uri: twin for page in pages_of(whole)
                 if (twin := by_url.get(prefix + page.url)) is not None} \
            if spec.nav is not None and prefix else None
        navigation = of_language(whole, prefix, prefixes, spec.nav_titles.get(edition.language, {}),
                                 twins)
        if spec.nav is None:  # mkdocs.yml's own `nav:` keeps the order it gives
            navigation = guides_first(navigation, [guide.base for guide in edition.guides])
        home = edition.articles.get("index.md") if prefix else None
        languages.append(Language(prefix, edition.language, navigation, short(navigation),
                                  home.title if home else None,
                                  home.description if home else None))
    return tuple(languages)


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
