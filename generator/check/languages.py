"""The help center in its other languages: each guide's tree with its translation merged
in, each article's twin (`name.es.md`), the contacts' text, checked like the main language
and served under `/<code>/` with the same node ids."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from generator.check.checked import CheckedGuide, CheckedProject
from generator.check.context import Scope
from generator.check.paths import PathIndex
from generator.check.readability import tree_reader_texts
from generator.check.texts import (
    Finder,
    bare_address_problems,
    field_finder,
    reply_texts,
    text_problems,
    tree_texts,
)
from generator.check.walls import page_text_problems
from generator.contacts import contact_problems
from generator.languages import is_known
from generator.model import Contact
from generator.problems import Location, Problem
from generator.routes import guide_url, node_url, print_url
from generator.source.articles import Article
from generator.source.spec import languages_problem
from generator.source.translation import translate_contacts, translate_tree

_TWIN = re.compile(r"\.([a-z]{2,3})\.md\Z")


def twin_language(src_uri: str, languages: tuple[str, ...]) -> str | None:
    """``es`` for ``recovery/reset.es.md`` when Spanish is one of the other languages."""
    found = _TWIN.search(src_uri)
    return found.group(1) if found and found.group(1) in languages[1:] else None


def stray_twins(articles: Mapping[str, Article], languages: tuple[str, ...]) -> Iterator[Problem]:
    """HT224 for `name.es.md` beside `name.md` when the help center does not publish
    Spanish: MkDocs would publish it as a page of its own, in the main language's place."""
    published = languages or ("en",)
    for src_uri, article in articles.items():
        found = _TWIN.search(src_uri)
        if found and is_known(found.group(1)) and found.group(1) not in published[1:] \
                and _TWIN.sub(".md", src_uri) in articles:
            code = found.group(1)
            yield Problem(Location(article.source.name), "HT224", f"article {src_uri} is the "
                          f"`{code}` twin of {_TWIN.sub('.md', src_uri)}, but the help center "
                          f"does not publish `{code}` (languages: {', '.join(published)})",
                          f"add `{code}` to the plugin's `languages`, or delete the file")


@dataclass
class Editions:
    """Every other language's edition of the project, and what stood in the way."""

    by_language: dict[str, CheckedProject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # What readers of each other language read in its own words (translated guides, twins)
    texts: dict[str, list[tuple[str, Location, str]]] = field(default_factory=dict)


def editions(project: CheckedProject, twins: Mapping[str, Article],
             shared: Mapping[str, Contact]) -> Editions:
    """The project in each of ``languages[1:]``; ``twins`` are the articles named
    `name.<code>.md`, ``shared`` the contacts of the shared contacts file."""

    spec, out = project.spec, Editions()
    languages, partial = spec.options.languages, spec.options.partial_translations
    for src_uri, article in project.articles.items():
        bad = languages_problem(article.languages, languages or (project.language,),
                                f"article {src_uri}")
        if bad:
            out.problems.append(Problem(article.meta["languages"].location, "HT223", *bad))
    for language in languages[1:]:
        prefix = f"{language}/"
        guides: list[CheckedGuide] = []
        main_only: set[str] = set()  # main-language pages this edition leaves out on purpose
        contacts = dict(project.contacts)
        if spec.contacts_file is not None:
            found = translate_contacts(spec.contacts_file, shared, language, partial=partial)
            out.problems += found.problems
            contacts.update(found.contacts)
        scope = Scope(MappingProxyType(contacts), project.scope.allowed_domains,
                      MappingProxyType({prefix + base: pages for base, pages
                                        in project.scope.guide_pages.items()}))
        for guide in project.guides:
            if not guide.spec.in_language(language):
                main_only.update(_guide_urls(guide, spec.print_page))
                continue
            translated = translate_tree(guide.tree, language, partial=partial)
            out.problems += translated.problems
            if translated.tree is None:
                continue
            contacts.update(translated.tree.contacts)
            source = translated.source or guide.source
            guides.append(CheckedGuide(replace(guide.spec, base=prefix + guide.base),
                                       translated.tree, source, PathIndex(translated.tree)))
            if translated.source is not None:  # the translation's own links and placeholders
                for text, _ in tree_texts(translated.tree):
                    out.problems.extend(text_problems(text, Finder(source, Location(source.name)),
                                                      scope, True))
                out.problems.extend(page_text_problems(translated.tree, guide.spec.base,
                                                       field_finder(translated.tree, source)))
                for text, _ in reply_texts(translated.tree):
                    out.problems.extend(bare_address_problems(
                        text, Finder(source, Location(source.name)), scope))
        # Every contact of this language through the same check as the main language's:
        # a translated name or hours is pasted into pages just the same.
        out.problems += [problem for contact in contacts.values()
                         if contact is not project.contacts.get(contact.id)
                         for problem in contact_problems(contact, project.scope.allows_host)]
        articles = _articles(project.articles, twins, language, partial, out.problems)
        main_only.update(a.url for a in project.articles.values() if not a.in_language(language))
        edition_spec = replace(spec, index_page=prefix + spec.index_page,
                               map_page=prefix + spec.map_page,
                               staff_page=prefix + spec.staff_page,
                               print_page=prefix + spec.print_page,
                               strings=spec.language_strings.get(language, spec.strings))
        out.by_language[language] = CheckedProject(edition_spec, tuple(guides),
                                                   MappingProxyType(articles), scope,
                                                   language=language, main_only=frozenset(main_only))
        out.texts[language] = [text for guide in guides for text in tree_reader_texts(guide.tree)]
        out.texts[language] += [("article", Location(a.source.name, a.body_line, 1), a.body)
                                for a in articles.values()
                                if a.source.name.endswith(f".{language}.md")]
    for src_uri, twin in twins.items():
        main = _TWIN.sub(".md", src_uri)
        if main not in project.articles:
            out.problems.append(Problem(Location(twin.source.name), "HT220", f"article {src_uri} "
                                        f"is a translation of {main}, which the main language "
                                        "does not have", "write the main article, or rename this one"))
    return out


def _guide_urls(guide: CheckedGuide, print_page: str) -> set[str]:
    """Every address of one guide's pages in the main language."""
    urls = {guide_url(guide.base), print_url(print_page, guide.base)}
    urls.update(node_url(guide.base, node_id) for node_id in guide.tree.nodes)
    urls.update(node_url(guide.base, old) for old in guide.tree.aliases())
    return urls


def _articles(main: Mapping[str, Article], twins: Mapping[str, Article], language: str,
              partial: bool, problems: list[Problem]) -> dict[str, Article]:
    """The articles of one language, keyed by the main article's path (what trees name),
    each at its URL under `/<code>/`."""
    out: dict[str, Article] = {}
    for src_uri, article in main.items():
        twin = twins.get(src_uri[:-3] + f".{language}.md")
        if not article.in_language(language):  # kept to other languages: its page is theirs
            out[src_uri] = article
            if twin is not None:
                problems.append(Problem(Location(twin.source.name), "HT223", f"article {src_uri} "
                                        f"says `languages: [{', '.join(article.languages or ())}]`,"
                                        f" but has a {language} twin", "delete the twin, or add "
                                        f"`{language}` to the article's `languages`"))
            continue
        if twin is None:
            name = Path(src_uri).name[:-3] + f".{language}.md"
            problems.append(Problem(Location(article.source.name), "HT307" if partial else "HT219",
                                    f"article {src_uri} has no {language} twin ({name})",
                                    "translate it" + ("" if partial else
                                                      ", or set `partial_translations: true`")))
            twin = article
        out[src_uri] = replace(twin, src_uri=f"{language}/{src_uri}", file_uri=twin.source_uri)
    return out
