"""Checking a project: every guide, the shared contacts and the articles, each check a
small function yielding problems, into one checked project that planning and every
command work from. Nothing in a checked project is None: a project with errors has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from generator.check.articles import ArticleContext, read_articles
from generator.check.checked import CheckedGuide, CheckedProject
from generator.check.context import GuideContext, Scope
from generator.check.graph import (
    check_aliases,
    check_answers,
    check_cycles,
    check_depth,
    check_outcomes,
    check_reachable,
    check_references,
    check_repeated_outcome_text,
    check_start,
)
from generator.check.guides import case_clashes, check_guides
from generator.check.languages import editions, stray_twins, twin_language
from generator.check.links import link_problems
from generator.check.paths import CycleError, PathIndex
from generator.check.readability import ease_problems, label_problems, readability_problems, reader_texts
from generator.check.texts import check_texts, contacts_file_problems
from generator.check.translation_status import Status, translation_status
from generator.check.walls import check_did_not_work, check_page_texts
from generator.languages import language
from generator.model import Contact, Tree
from generator.problems import Location, Problem
from generator.source.articles import Article, content_files
from generator.source.files import SourceText
from generator.source.load import ContactsResult, LoadResult, load_contacts, load_tree
from generator.source.settings import ConfigLink, link_host
from generator.source.spec import GuideSpec, Options, ProjectSpec

__all__ = ["CheckReport", "CheckedGuide", "CheckedProject", "Options", "check", "reader_texts"]

GUIDE_CHECKS: tuple[Callable[[GuideContext], Iterable[Problem]], ...] = (
    check_start, check_references, check_answers, check_cycles, check_reachable,
    check_aliases, check_outcomes, check_texts, check_repeated_outcome_text, check_page_texts,
    check_did_not_work,
)


@dataclass(frozen=True)
class CheckReport:
    """Every problem found, and the checked project when none of them is an error; and,
    for a project in several languages, how far each translation is."""

    problems: list[Problem]
    project: CheckedProject | None
    translations: Status | None = None
    spec: ProjectSpec | None = None  # what was checked (`helptree check` names its guides)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.project is not None


def check(spec: ProjectSpec) -> CheckReport:
    """Load and check everything the project holds; never raises for bad input."""
    problems: list[Problem] = []
    shared = load_contacts(spec.contacts_file) if spec.contacts_file is not None else None
    loaded = [(guide, load_tree(guide.tree)) for guide in spec.guides]
    if shared is not None:
        problems += shared.problems
    for _, result in loaded:
        problems += result.problems
    scope = _scope(shared, loaded, problems)
    problems += config_link_problems(spec.settings.links, scope)
    checked: list[tuple[GuideSpec, Tree, SourceText, PathIndex | None]] = []
    for guide, result in loaded:
        if result.tree is None or result.source is None:
            continue
        ctx = GuideContext(result.tree, result.source, spec.content_dir, result.broken,
                           spec.options, scope, guide.base)
        for guide_check in GUIDE_CHECKS:
            problems.extend(guide_check(ctx))
        try:
            index: PathIndex | None = PathIndex(result.tree)
        except CycleError:  # check_cycles has reported it, with its location
            index = None
        checked.append((guide, result.tree, result.source, index))
    if shared is not None and shared.source is not None:
        problems.extend(contacts_file_problems(shared.contacts, scope))
    articles: dict[str, Article] = {}
    if spec.content_dir is not None:
        articles, found = read_articles(ArticleContext(spec.content_dir, scope, spec.options))
        problems += found
    languages = spec.options.languages
    problems.extend(stray_twins(articles, languages))
    twins = {src: a for src, a in articles.items() if twin_language(src, languages)}
    articles = {src: a for src, a in articles.items() if src not in twins}
    problems.extend(check_guides(spec, [(g, tree) for g, tree, _, _ in checked], articles))
    problems.extend(case_clashes(spec, [(g, tree) for g, tree, _, _ in checked], articles,
                                 content_files(spec.content_dir) if spec.content_dir else ()))
    if any(p.is_error for p in problems) or len(checked) < len(loaded):
        return CheckReport(problems, None)
    guides = tuple(CheckedGuide(g, tree, source, index) for g, tree, source, index in checked
                   if index is not None)
    for done in guides:
        ctx = GuideContext(done.tree, done.source, spec.content_dir, frozenset(), spec.options, scope)
        problems.extend(check_depth(ctx, done.index))
    project = CheckedProject(spec, guides, MappingProxyType(articles), scope,
                             language=(languages or ("en",))[0])
    other = editions(project, twins, shared.contacts if shared is not None else {})
    problems += other.problems
    if any(p.is_error for p in problems):
        return CheckReport(problems, None)
    project = replace(project, translations=MappingProxyType(other.by_language))
    problems.extend(link_problems(project))  # against the planned site, every language
    if any(p.is_error for p in problems):
        return CheckReport(problems, None)
    problems += _plain_language(project, other.texts, spec.options)
    if any(p.is_error for p in problems):
        return CheckReport(problems, None)
    status, stale = translation_status(project, twins)
    problems += stale
    return CheckReport(problems, replace(project, warnings=tuple(problems)), status)


def config_link_problems(links: Iterable[ConfigLink], scope: Scope) -> Iterator[Problem]:
    """HT515: a link mkdocs.yml puts on every page (`repo_url`, `extra.social`) goes where
    the tree's links may go: `allowed_domains`."""
    for link in links:
        host = link_host(link.url)
        if host and not scope.allows_host(host):
            yield Problem(link.where, "HT515", f"`{link.setting}` links to `{host}`, which is "
                          "not on the allow-list", "add the official domain to `allowed_domains`, "
                          "or remove the link")


def _scope(shared: ContactsResult | None, loaded: list[tuple[GuideSpec, LoadResult]],
           problems: list[Problem]) -> Scope:
    """Contacts and allowed domains of the whole project; an id defined twice is HT217."""
    contacts: dict[str, Contact] = {}
    domains: list[str] = []
    sources: list[tuple[Mapping[str, Contact], tuple[str, ...]]] = []
    if shared is not None:
        sources.append((shared.contacts, shared.allowed_domains))
    sources += [(r.tree.contacts, r.tree.allowed_domains) for _, r in loaded if r.tree is not None]
    for found, allowed in sources:
        for contact_id, contact in found.items():
            first = contacts.get(contact_id)
            if first is not None:
                problems.append(Problem(contact.location, "HT217", f"contact `{contact_id}` is "
                                        f"defined twice: first at {first.location}",
                                        "keep one; write each number in one place only"))
                continue
            contacts[contact_id] = contact
        domains += [d for d in allowed if d not in domains]
    pages = {guide.base: frozenset(r.tree.nodes) | frozenset(r.tree.aliases())
             for guide, r in loaded if r.tree is not None}
    return Scope(MappingProxyType(contacts), tuple(domains), MappingProxyType(pages))


def tree_labels(guides: Iterable[CheckedGuide]) -> Iterator[tuple[str, Location, str]]:
    """The labels readers tap: every answer and help-area link."""
    for guide in guides:
        for node in guide.tree.questions():
            for answer in node.answers:
                yield f"answer \"{answer.label}\" of `{node.id}`", answer.where("label"), answer.label
        for link in guide.tree.help_area:
            yield f"help link \"{link.label}\"", link.where("label"), link.label


def _plain_language(project: CheckedProject, translated: Mapping[str, list[tuple[str, Location, str]]],
                    options: Options) -> list[Problem]:
    """Each edition measured as its language's record says (generator/languages.py): the
    reading grade (`max_grade`) or the reading ease (`min_ease`) of its long texts, in its
    own words only (the main language's, or what the translation translates); and the
    length of every label a reader taps."""
    problems: list[Problem] = []
    for edition in project.editions:
        record = language(edition.language)
        texts = list(reader_texts(project)) if edition is project else translated.get(edition.language, [])
        if record.measure == "grade" and options.max_grade is not None:
            problems += readability_problems(texts, options.max_grade, hyphenation=record.hyphenation)
        elif record.measure == "ease" and options.min_ease is not None:
            problems += ease_problems(texts, options.min_ease, hyphenation=record.hyphenation)
        else:
            continue
        problems += label_problems(tree_labels(edition.guides))
    return problems
