"""The checks of the articles under content/: each Markdown page's text and front matter,
and the other files MkDocs would publish as they are."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.check.context import Scope
from generator.check.graph import STALE_AFTER_DAYS
from generator.check.texts import Finder, style_problems, text_problems
from generator.links import find_links, host_of, link_problem, scheme_of
from generator.markup import raw_html_problems
from generator.problems import Location, Problem, ProblemsError
from generator.source.articles import (
    MARKDOWN_SUFFIXES,
    MAX_ARTICLE_BYTES,
    Article,
    content_files,
    iter_markdown_files,
    iter_published_files,
    read_article,
    resolve_article_path,
    unpublished_files,
    unsafe_entries,
)
from generator.source.spec import Options
from generator.source.yaml_source import YNode, read_source


@dataclass(frozen=True)
class ArticleContext:
    content_dir: Path
    scope: Scope
    options: Options


def read_articles(ctx: ArticleContext) -> tuple[dict[str, Article], list[Problem]]:
    """Read and check every Markdown file under content/."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    if not ctx.content_dir.is_dir():
        problems.append(Problem(Location(str(ctx.content_dir)), "HT401",
                                "is a file, not the content folder" if ctx.content_dir.exists()
                                else "content folder not found",
                                "create it with an index.md, or pass --content DIR"))
        return articles, problems
    unsafe = list(unsafe_entries(ctx.content_dir))
    problems.extend(unpublished_files(ctx.content_dir))
    problems.extend(unsafe)
    skipped = {problem.location.file for problem in unsafe}
    listed = [uri for uri in iter_markdown_files(ctx.content_dir)
              if str(ctx.content_dir / uri) not in skipped]
    for src_uri in listed:
        path, why = resolve_article_path(ctx.content_dir, src_uri)
        if why is not None or path is None:
            problems.append(Problem(Location(str(ctx.content_dir / src_uri)), "HT209",
                                    f"article {why}", "replace the link with a real file"))
            continue
        article, found = read_article(ctx.content_dir, src_uri)
        problems.extend(found)
        if article is None:
            continue
        articles[src_uri] = article
        source = article.source
        start = Location(source.name, article.body_line, 1)
        problems.extend(text_problems(article.body, Finder(source, start), ctx.scope,
                                      ctx.options.allow_raw_html))
        problems.extend(style_problems(article.body, Finder(source, start)))
        problems.extend(snippet_problems(article.body, Finder(source, start)))
        problems.extend(_check_front_matter(article, ctx))
    for src_uri in content_files(ctx.content_dir):  # stylesheets load what they name at once
        if src_uri.lower().endswith(".css") and str(ctx.content_dir / src_uri) not in skipped:
            try:
                sheet = read_source(ctx.content_dir / src_uri, max_bytes=MAX_ARTICLE_BYTES)
            except ProblemsError as err:
                problems.extend(err.problems)
                continue
            problems.extend(style_problems(sheet.text, Finder(sheet, Location(sheet.name)),
                                           stylesheet=True))
    # Pages MkDocs builds that are not articles (`_draft.md`, `x.markdown`) and the HTML, SVG
    # and XML files it publishes as they are: a browser runs their script just the same.
    for src_uri in iter_published_files(ctx.content_dir):
        if src_uri not in listed and str(ctx.content_dir / src_uri) not in skipped:
            problems.extend(_check_published(ctx, src_uri))
    return articles, problems


# pymdownx.snippets: `--8<-- "file"` on a line, or a block of file names between two `--8<--`.
_SNIPPET_LINE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["']?)([^"'\n]+?)\1[ \t]*$""", re.MULTILINE)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*\n(.*?)^[ \t]*-{1,}8<-{1,}[ \t]*$",
                            re.MULTILINE | re.DOTALL)


def snippet_problems(text: str, where: Callable[[str], Location]) -> Iterator[Problem]:
    """HT516: a snippet that names a file outside the project (an absolute path, `..`, `~`)
    or an address: what it includes would be published with the page."""
    names = [m.group(2) for m in _SNIPPET_LINE.finditer(text)]
    names += [line.strip().strip("\"'") for m in _SNIPPET_BLOCK.finditer(text)
              for line in m.group(1).splitlines() if line.strip()]
    for name in names:
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\", "~")) or ".." in parts or re.match(r"[A-Za-z]:|[a-z]+://", name):
            yield Problem(where(name), "HT516", f"the snippet `{name}` is outside the project",
                          "include only files inside the project, by a path below `base_path`")


def _check_published(ctx: ArticleContext, src_uri: str) -> Iterator[Problem]:
    if src_uri.lower().endswith(MARKDOWN_SUFFIXES):
        article, found = read_article(ctx.content_dir, src_uri)
        yield from found
        if article is not None:
            start = Location(article.source.name, article.body_line, 1)
            yield from text_problems(article.body, Finder(article.source, start), ctx.scope,
                                     ctx.options.allow_raw_html)
            yield from style_problems(article.body, Finder(article.source, start))
            yield from snippet_problems(article.body, Finder(article.source, start))
            yield from _front_matter_html(article, ctx.scope, ctx.options.allow_raw_html)
            if not ctx.options.allow_raw_html:
                yield from _heading_title_html(article)
        return
    try:
        source = read_source(ctx.content_dir / src_uri, max_bytes=MAX_ARTICLE_BYTES)
    except ProblemsError as err:
        yield from err.problems
        return
    where = Finder(source, Location(source.name))
    yield from style_problems(source.text, where, stylesheet=src_uri.lower().endswith(".css"))
    for url in find_links(source.text):
        bad = link_problem(url)
        if bad:
            yield Problem(where(url), "HT212", bad[0], bad[1])
    if not ctx.options.allow_raw_html:
        yield from raw_html_problems(source.text, where)


# Front matter the plugin escapes, or helptree reads itself; MkDocs themes print every
# other value as it is, into the page's HTML (`author`, `subtitle`, `status` in Material).
_ESCAPED_META = ("title", "description")
_HELPTREE_META = ("sources", "reviewed")
_HTML_CHARACTER = re.compile(r"[<>\"]")
_LEVEL_ONE_HEADING = re.compile(r"^#[ \t]+(.*)$|^([^\n]+)\n=+[ \t]*$", re.MULTILINE)
_SCRIPT_SCHEMES = ("javascript", "vbscript", "data")


def _front_matter_html(article: Article, scope: Scope, allow_raw_html: bool) -> Iterator[Problem]:
    """HT405 for the reserved key; HT404 and HT212 for values a theme would print as HTML;
    HT213 for an address off the allow-list (``template: redirect.html`` + ``location``
    would send readers there)."""
    for key, node in article.meta.items():
        if key == "helptree":
            yield Problem(node.location, "HT405", "front matter key `helptree` is reserved for "
                          "the pages helptree writes", "remove it: on an article it would turn "
                          "off the escaping of the title")
            continue
        if key in _HELPTREE_META or (key in _ESCAPED_META and node.kind == "scalar"):
            continue
        for value in _scalars(node):
            host = host_of(value.raw.strip())
            if host and not scope.allows_host(host):
                yield Problem(value.location, "HT213", f"front matter `{key}` points at `{host}`, "
                              "which is not on the allow-list",
                              "add the official domain to `allowed_domains`, or remove it")
            if scheme_of(value.raw) in _SCRIPT_SCHEMES:
                bad = link_problem(value.raw.strip())
                if bad:
                    yield Problem(value.location, "HT212", bad[0], bad[1])
            elif not allow_raw_html and (found := _HTML_CHARACTER.search(value.raw)):
                yield Problem(article.source.find(found.group(0), value.location), "HT404",
                              f"front matter `{key}` holds `{found.group(0)}`, which the theme "
                              "prints as HTML", "leave out <, > and \" here; only `title` and "
                              "`description` are escaped")


def _scalars(node: YNode) -> Iterator[YNode]:
    """Every scalar in a front matter value, keys of nested mappings included."""
    stack = [node]
    while stack:
        item = stack.pop()
        if item.kind == "scalar":
            yield item
        stack.extend(reversed(item.items))
        for key, value in reversed(list(item.mapping.values())):
            stack += [value, key]


def _heading_title_html(article: Article) -> Iterator[Problem]:
    """HT404: with no `title` in front matter, MkDocs takes the page title from the first
    heading, and Material prints it in <title> with its entities undone: `&lt;/title&gt;`
    there would end the title and start HTML."""
    if "title" in article.meta:
        return
    start = Location(article.source.name, article.body_line, 1)
    for match in _LEVEL_ONE_HEADING.finditer(article.body):
        heading = match.group(1) or match.group(2) or ""
        if "&" in heading and "<" in html.unescape(heading):
            yield Problem(article.source.find(heading, start), "HT404",
                          "a heading spells < as an entity, and the theme prints the page "
                          "title (the first heading) as HTML with its entities undone",
                          "write the characters out, or set `title:` in front matter")


def _check_front_matter(article: Article, ctx: ArticleContext) -> Iterator[Problem]:
    yield from _front_matter_html(article, ctx.scope, ctx.options.allow_raw_html)
    if not ctx.options.allow_raw_html:
        yield from _heading_title_html(article)
    for source in article.sources:
        node = article.meta.get("sources")
        where = article.source.find(source.url or source.title, node.location) if node else \
            Location(article.source.name)
        if source.url:
            bad = link_problem(source.url)
            if bad:
                yield Problem(where, "HT212", bad[0], bad[1])
    reviewed = article.meta.get("reviewed")
    if reviewed is not None and article.reviewed is None:
        yield Problem(reviewed.location, "HT106", "`reviewed` must be a date like 2026-11-20",
                      "write the date as YYYY-MM-DD")
    elif article.reviewed is not None and (ctx.options.today - article.reviewed).days > STALE_AFTER_DAYS:
        yield Problem(article.meta["reviewed"].location, "HT301",
                      f"article was last reviewed on {article.reviewed}",
                      "check its facts and update `reviewed`")
