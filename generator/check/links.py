"""Every link to this site checked where it is written: the links of tree text, translations
and articles resolved as the built pages resolve them, against the planned site (every page
of every language, redirects, published files, articles' headings), each broken one HT222
at its line and column with the nearest address."""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from generator.check.texts import Finder, field_finder
from generator.links import find_links, is_site_relative
from generator.markup import outside_code
from generator.model import Question, Tree
from generator.problems import Location, Problem
from generator.routes import guide_url, node_url, page_url, print_url, source_of
from generator.source.articles import MARKDOWN_SUFFIXES, PUBLISHED_SUFFIXES, Article

if TYPE_CHECKING:  # check.py imports this module
    from generator.check.checked import CheckedGuide, CheckedProject

# Each linear on any line (tests/hostile/test_hostile_parser.py feeds them long runs).
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE)
_CUSTOM_ID = re.compile(r"#([\w:-]+)")  # in `## Title { #custom }`
_HTML_ID = re.compile(r"""\b(?:id|name)[ \t]*=[ \t]*["']([^"'\n]+)["']""")
_PAGE_FILES = ("index.html",)


@dataclass(frozen=True)
class SiteMap:
    """What the planned site holds, by site URL (``""`` is the home page, folders end in
    ``/``): its pages and the page source MkDocs knows each by, the former addresses that
    redirect, the files published from content/, and the headings of each article."""

    pages: frozenset[str]
    sources: Mapping[str, str]  # page source (`troubleshoot/index.md`) -> URL
    redirects: frozenset[str]
    files: frozenset[str]
    anchors: Mapping[str, frozenset[str]]  # article URL -> its headings' ids, normalised

    def has(self, url: str) -> bool:
        return url in self.pages or url in self.redirects or url in self.files


def site_map(project: CheckedProject) -> SiteMap:
    """Every address the plan gives the project, in every language (the same list
    ``render.SiteRenderer.pages`` writes: tests/test_check_links.py keeps them equal)."""
    sources: dict[str, str] = {}
    redirects: set[str] = set()
    anchors: dict[str, frozenset[str]] = {}
    for edition in project.editions:
        spec, prefix = edition.spec, edition.prefix
        urls = [guide_url(guide.base) for guide in edition.guides]
        urls += [node_url(guide.base, node_id) for guide in edition.guides
                 for node_id in guide.index.reachable_order]
        urls += [print_url(spec.print_page, guide.base[len(prefix):]) for guide in edition.guides]
        urls += [page_url(name) for name in (spec.index_page, spec.map_page, spec.staff_page)]
        sources.update({source_of(url): url for url in urls})
        redirects.update(node_url(guide.base, old) for guide in edition.guides
                         for old in guide.tree.aliases())
        for article in edition.articles.values():
            sources[article.src_uri] = article.url
            anchors[article.url] = heading_ids(article.body)
    files = _published_files(project.spec.content_dir)
    return SiteMap(frozenset(sources.values()), sources, frozenset(redirects), files, anchors)


def link_problems(project: CheckedProject) -> list[Problem]:
    """HT222 for every link, in every language, to a page, file or heading the site lacks."""
    found = site_map(project)
    problems: list[Problem] = []
    for edition in project.editions:
        for guide in edition.guides:
            main = project.guides[[g.tree.file for g in project.guides].index(guide.tree.file)] \
                if edition is not project else guide
            problems += _tree_links(guide, main, edition, found)
        for article in edition.articles.values():
            if edition is project or article.source_uri != article.src_uri:
                problems += _article_links(article, found, project.spec.absolute_links_to_docs)
    unique = dict.fromkeys(problems)  # a text both languages show untranslated: once
    return list(unique)


# -- tree text ------------------------------------------------------------------------

def _tree_links(guide: CheckedGuide, main: CheckedGuide, edition: CheckedProject,
                found: SiteMap) -> Iterator[Problem]:
    """The links of one guide's text in one language. A site path (`/money/track/`) is
    below the language's folder, a `.md` path is an article's or page's source, and any
    other path is relative to the page the text is on."""
    tree = guide.tree
    finders = {source.name: field_finder(tree, source) if source is guide.source
               else field_finder(main.tree, source) for source in (guide.source, main.source)}
    for text, start, page in _texts(tree, guide.base):
        make = finders.get(start.file)
        where: Callable[[str], Location] = make(start) if make else \
            Finder(guide.source, Location(guide.source.name))
        for href in find_links(text, in_html=False):  # the tree's raw HTML is shown as text
            bad = _tree_target(href, page, edition, found)
            if bad:
                yield Problem(where(href), "HT222", *bad)


def _texts(tree: Tree, base: str) -> Iterator[tuple[str, Location, str | None]]:
    """Every text of a tree, where it starts, and the page a relative link in it is
    relative to (None for the help area, shown on every page)."""
    start, node_page = guide_url(base), node_url(base, tree.start)  # every node page: one folder deep
    for key in ("title", "intro", "duration"):
        value = getattr(tree, key)
        if value:
            yield value, tree.where(key), start
    for need in tree.needs:
        yield need, tree.where("needs"), start
    if tree.prevention:
        yield tree.prevention, tree.where("prevention"), node_page
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield node.question, node.where("question"), node_page
            if node.help:
                yield node.help, node.where("help"), node_page
            for answer in node.answers:
                yield answer.label, answer.where("label"), node_page
                if answer.hint:
                    yield answer.hint, answer.where("hint"), node_page
        else:
            for key, field in (("title", "outcome"), ("body", "body"), ("prevention", "prevention")):
                value = getattr(node, key)
                if value:
                    yield value, node.where(field), node_page
    for link in tree.help_area:
        yield link.label, link.where("label"), None


def _tree_target(href: str, page: str | None, edition: CheckedProject,
                 found: SiteMap) -> tuple[str, str] | None:
    """(message, hint) when ``href`` in tree text leads nowhere on the site."""
    path, fragment = _split(href)
    if path is None or not path:
        return None  # not a link to this site, or `#anchor` on the page itself
    if path.endswith(MARKDOWN_SUFFIXES):
        source = path.lstrip("/")
        if source in found.sources:
            return _anchor_problem(href, found.sources[source], fragment, found)
        near = _nearest(source, found.sources)
        return (f"link `{href}` names `{source}`, which is neither an article nor a page of the "
                "site", f"did you mean `{near}`?" if near else _HINT)
    if path.startswith("/"):
        def written(url: str) -> str:  # as the author writes it: the language's folder left out
            return "/" + url.removeprefix(edition.prefix)

        return _address_problem(href, edition.link_target(path.lstrip("/")), fragment, found,
                                written)
    if page is None:
        return (f"link `{href}` is relative, but the help area is on every page",
                "write a site path that starts with `/`")
    return _relative_problem(href, path, page, fragment, found)


def _relative_problem(href: str, path: str, page: str, fragment: str,
                      found: SiteMap) -> tuple[str, str] | None:
    """A path relative to the page at ``page``, as the browser follows it."""
    def written(url: str) -> str:
        return posixpath.relpath("/" + url, "/" + page) + ("/" if url.endswith("/") else "")

    url = posixpath.normpath(posixpath.join("/" + page, path)).lstrip("/")
    return _address_problem(href, url, fragment, found, written)


# -- articles --------------------------------------------------------------------

def _article_links(article: Article, found: SiteMap, absolute_to_docs: bool) -> Iterator[Problem]:
    """The links of one article, as MkDocs resolves them: a file (`.md`, a picture) by its
    path from the article's source (from content/ when it starts with `/` and mkdocs.yml
    says `absolute_links: relative_to_docs`), any other address by the browser from its page."""
    where = Finder(article.source, Location(article.source.name, article.body_line, 1))
    folder = posixpath.dirname(article.src_uri)
    # Markdown links, as MkDocs validates: raw HTML's addresses are checked for where a
    # browser goes (HT212, HT213), not for whether the page is there.
    for href in find_links(outside_code(article.body), in_html=False):
        path, fragment = _split(href)
        if path is None:
            continue
        if not path:
            bad = _anchor_problem(href, article.url, fragment, found)
        elif path.startswith("/") and path.endswith(PUBLISHED_SUFFIXES) and absolute_to_docs:
            bad = _file_problem(href, path.lstrip("/"), fragment, found, "")
        elif path.startswith("/") and path.endswith(MARKDOWN_SUFFIXES):
            bad = (f"link `{href}` starts with `/`: MkDocs leaves it as it is, and no page is "
                   "there", "write it relative to this file, like "
                   f"`{posixpath.relpath(path.lstrip('/'), folder or '.')}`")
        elif path.endswith(PUBLISHED_SUFFIXES) and not path.startswith("/"):
            source = posixpath.normpath(posixpath.join(folder, path))
            bad = _file_problem(href, source, fragment, found, folder)
        elif path.startswith("/"):
            bad = _address_problem(href, path.lstrip("/"), fragment, found, "/".__add__)
        else:
            bad = _relative_problem(href, path, article.url, fragment, found)
        if bad:
            yield Problem(where(href), "HT222", *bad)


def _file_problem(href: str, source: str, fragment: str, found: SiteMap,
                  folder: str) -> tuple[str, str] | None:
    if source.endswith(MARKDOWN_SUFFIXES):
        if source in found.sources:
            return _anchor_problem(href, found.sources[source], fragment, found)
        near = _nearest(source, found.sources)
    elif source in found.files:
        return None
    else:
        near = _nearest(source, found.files)
    shown = posixpath.relpath(near, folder or ".") if near else None
    return (f"link `{href}` goes to `{source}` under content/, which the site does not have",
            f"did you mean `{shown}`?" if shown else _HINT)


# -- shared --------------------------------------------------------------------------

_HINT = "check the address: node pages are /<base>/<node-id>/, articles their path under content/"


def _split(href: str) -> tuple[str | None, str]:
    """The path and fragment of a link to this site; None for another site, `mailto:`,
    `tel:` or a contact placeholder."""
    if "{{" in href or not is_site_relative(href):
        return None, ""
    path, _, fragment = href.partition("#")
    return unquote(path.split("?", 1)[0]), unquote(fragment)


def _address_problem(href: str, url: str, fragment: str, found: SiteMap,
                     written: Callable[[str], str]) -> tuple[str, str] | None:
    for name in _PAGE_FILES:
        if url == name or url.endswith("/" + name):
            url = url[: -len(name)]
    if found.has(url):
        return _anchor_problem(href, url, fragment, found)
    if not url.endswith("/") and found.has(url + "/"):
        return _anchor_problem(href, url + "/", fragment, found)  # the server adds the `/`
    near = _nearest(url, found.pages | found.files)
    return (f"link `{href}` goes to `/{url}`, which the site does not have",
            f"did you mean `{written(near)}`?" if near is not None else _HINT)


def _anchor_problem(href: str, url: str, fragment: str, found: SiteMap) -> tuple[str, str] | None:
    """Only an article's headings are known before it is built; a generated page's
    anchors are not checked."""
    ids = found.anchors.get(url)
    if not fragment or ids is None or _normal(fragment) in ids:
        return None
    near = difflib.get_close_matches(_normal(fragment), sorted(ids), n=1, cutoff=0.6)
    page = f"/{url}" if url else "the home page"
    return (f"link `{href}`: {page} has no heading or id `#{fragment}`",
            f"did you mean the heading `#{near[0]}`?" if near else
            "link to one of its headings, or to the page alone")


def _nearest(target: str, candidates: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(target, sorted(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def _normal(anchor: str) -> str:
    """An id as any slugify makes it, reduced to letters and digits: `#Reset-it` and
    `#reset_it` are the same heading, whichever `toc` slugify mkdocs.yml chooses."""
    return "".join(ch for ch in anchor.casefold() if ch.isalnum())


def heading_ids(markdown: str) -> frozenset[str]:
    """The ids an article's page has (headings, `{ #id }`, `id=` and `name=`), normalised."""
    text = outside_code(markdown)  # the same length: a heading's `#` is still there, or code
    ids = {_normal(m.group(1)) for m in _HTML_ID.finditer(text)}
    for match in _ATX_HEADING.finditer(markdown):
        if text[markdown.index("#", match.start())] != "#":
            continue  # in a fenced block
        heading = match.group(1).rstrip().rstrip("#").rstrip()
        custom = _CUSTOM_ID.search(heading[heading.rfind("{"):]) if heading.endswith("}") else None
        ids.add(_normal(custom.group(1) if custom else heading))
    return frozenset(ids)


def _published_files(content_dir: Path | None) -> frozenset[str]:
    """The files other than pages that MkDocs publishes from content/ (hidden ones and
    `templates/` left out, as MkDocs and helptree leave them out)."""
    found: set[str] = set()
    if content_dir is None or not content_dir.is_dir():
        return frozenset()
    for folder, folders, files in os.walk(content_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            relative = (Path(folder) / name).relative_to(content_dir).as_posix()
            if not name.startswith(".") and not relative.startswith("templates/") and \
                    name.lower().endswith(PUBLISHED_SUFFIXES) and \
                    not name.lower().endswith(MARKDOWN_SUFFIXES):
                found.add(relative)
    return frozenset(found)

