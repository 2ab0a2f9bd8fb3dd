"""The help center in its other languages: each guide's tree with its translation merged
in, each article's twin (`name.es.md`), the contacts' text, checked like the main language
and served under `/<code>/` with the same node ids."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator.articles import Article
from generator.check_context import Scope
from generator.check_text import (
    Finder,
    bare_address_problems,
    field_finder,
    reply_texts,
    text_problems,
    tree_texts,
)
from generator.check_walls import page_text_problems
from generator.contacts import contact_problems
from generator.model import Contact
from generator.paths import PathIndex
from generator.problems import Location, Problem
from generator.translation import translate_contacts, translate_tree

if TYPE_CHECKING:
    from generator.check import CheckedGuide, CheckedProject

_TWIN = re.compile(r"\.([a-z]{2,3})\.md\Z")


def twin_language(src_uri: str, languages: tuple[str, ...]) -> str | None:
    """``es`` for ``recovery/reset.es.md`` when Spanish is one of the other languages."""
    found = _TWIN.search(src_uri)
    return found.group(1) if found and found.group(1) in languages[1:] else None


@dataclass
class Editions:
    """Every other language's edition of the project, and what stood in the way."""

    by_language: dict[str, CheckedProject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    spanish_texts: list[tuple[str, Location, str]] = field(default_factory=list)


def editions(project: CheckedProject, twins: Mapping[str, Article],
             shared: Mapping[str, Contact]) -> Editions:
    """The project in each of ``languages[1:]``; ``twins`` are the articles named
    `name.<code>.md`, ``shared`` the contacts of the shared contacts file."""
    from generator.check import CheckedGuide, CheckedProject

    spec, out = project.spec, Editions()
    languages, partial = spec.options.languages, spec.options.partial_translations
    for language in languages[1:]:
        prefix = f"{language}/"
        guides: list[CheckedGuide] = []
        contacts = dict(project.contacts)
        if spec.contacts_file is not None:
            found = translate_contacts(spec.contacts_file, shared, language, partial=partial)
            out.problems += found.problems
            contacts.update(found.contacts)
        scope = Scope(MappingProxyType(contacts), project.scope.allowed_domains,
                      MappingProxyType({prefix + base: pages for base, pages
                                        in project.scope.guide_pages.items()}))
        for guide in project.guides:
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
        edition_spec = replace(spec, index_page=prefix + spec.index_page,
                               map_page=prefix + spec.map_page,
                               staff_page=prefix + spec.staff_page,
                               print_page=prefix + spec.print_page,
                               strings=spec.language_strings.get(language, spec.strings))
        out.by_language[language] = CheckedProject(edition_spec, tuple(guides),
                                                   MappingProxyType(articles), scope,
                                                   language=language)
        if language == "es":
            from generator.check import tree_reader_texts
            for guide in guides:
                out.spanish_texts += tree_reader_texts(guide.tree)
            out.spanish_texts += [("article", Location(a.source.name, a.body_line, 1), a.body)
                                  for a in articles.values() if a.source.name.endswith(".es.md")]
    for src_uri, twin in twins.items():
        main = _TWIN.sub(".md", src_uri)
        if main not in project.articles:
            out.problems.append(Problem(Location(twin.source.name), "HT220", f"article {src_uri} "
                                        f"is a translation of {main}, which the main language "
                                        "does not have", "write the main article, or rename this one"))
    return out


def _articles(main: Mapping[str, Article], twins: Mapping[str, Article], language: str,
              partial: bool, problems: list[Problem]) -> dict[str, Article]:
    """The articles of one language, keyed by the main article's path (what trees name),
    each at its URL under `/<code>/`."""
    out: dict[str, Article] = {}
    for src_uri, article in main.items():
        twin = twins.get(src_uri[:-3] + f".{language}.md")
        if twin is None:
            name = Path(src_uri).name[:-3] + f".{language}.md"
            problems.append(Problem(Location(article.source.name), "HT307" if partial else "HT219",
                                    f"article {src_uri} has no {language} twin ({name})",
                                    "translate it" + ("" if partial else
                                                      ", or set `partial_translations: true`")))
            twin = article
        out[src_uri] = replace(twin, src_uri=f"{language}/{src_uri}", file_uri=twin.source_uri)
    return out
