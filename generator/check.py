"""Checking a project: every guide, the shared contacts and the articles, each check a
small function yielding problems, into one checked project that planning and every
command work from. Nothing in a checked project is None: a project with errors has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from generator.articles import Article
from generator.check_articles import ArticleContext, read_articles
from generator.check_context import GuideContext, Options, Scope
from generator.check_graph import (
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
from generator.check_guides import check_guides
from generator.check_languages import editions, twin_language
from generator.check_text import check_texts, contacts_file_problems
from generator.check_walls import check_did_not_work, check_page_texts
from generator.load import ContactsResult, LoadResult, load_contacts, load_tree
from generator.model import Contact, Question, Tree
from generator.paths import CycleError, PathIndex
from generator.problems import Location, Problem
from generator.readability import ease_problems, readability_problems
from generator.settings import ConfigLink, link_host
from generator.source import SourceText

if TYPE_CHECKING:
    from generator.project import GuideSpec, ProjectSpec

__all__ = ["CheckReport", "CheckedGuide", "CheckedProject", "Options", "check", "check_project"]

GUIDE_CHECKS: tuple[Callable[[GuideContext], Iterable[Problem]], ...] = (
    check_start, check_references, check_answers, check_cycles, check_reachable,
    check_aliases, check_outcomes, check_texts, check_repeated_outcome_text, check_page_texts,
    check_did_not_work,
)


@dataclass(frozen=True)
class CheckedGuide:
    """One guide that passed its checks."""

    spec: GuideSpec
    tree: Tree
    source: SourceText
    index: PathIndex

    @property
    def base(self) -> str:
        return self.spec.base


@dataclass(frozen=True)
class CheckedProject:
    """A project without errors: what planning, rendering and the commands work from."""

    spec: ProjectSpec
    guides: tuple[CheckedGuide, ...]
    articles: Mapping[str, Article]
    scope: Scope
    warnings: tuple[Problem, ...] = ()
    translations: Mapping[str, CheckedProject] = field(default_factory=dict)  # by language
    language: str = "en"  # this edition's; URLs of every other than the first start /<code>/

    @property
    def prefix(self) -> str:
        """What this edition's URLs start with: nothing for the main language, `es/`."""
        languages = self.spec.options.languages
        return "" if not languages or self.language == languages[0] else f"{self.language}/"

    @property
    def editions(self) -> tuple[CheckedProject, ...]:
        """This project in every language, the main one first."""
        return (self, *self.translations.values())

    @property
    def guide(self) -> CheckedGuide:
        """The first guide: the only one of a lone tree."""
        return self.guides[0]

    @property
    def contacts(self) -> Mapping[str, Contact]:
        return self.scope.contacts


@dataclass(frozen=True)
class CheckReport:
    """Every problem found, and the checked project when none of them is an error."""

    problems: list[Problem]
    project: CheckedProject | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.project is not None


def check_project(tree_path: Path | str, content_dir: Path | str | None = None,
                  options: Options | None = None) -> CheckReport:
    """Check a lone tree (``helptree check --tree FILE``) with the plugin's defaults."""
    from generator.project import lone_tree

    spec = lone_tree(Path(tree_path), Path(content_dir) if content_dir is not None else None)
    return check(replace(spec, options=options) if options is not None else spec)


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
    twins = {src: a for src, a in articles.items() if twin_language(src, languages)}
    articles = {src: a for src, a in articles.items() if src not in twins}
    problems.extend(check_guides(spec, [(g, tree) for g, tree, _, _ in checked], articles))
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
    if spec.options.max_grade is not None:
        problems.extend(readability_problems(reader_texts(project), spec.options.max_grade))
    if spec.options.min_ease is not None and other.spanish_texts:
        problems.extend(ease_problems(other.spanish_texts, spec.options.min_ease))
    if any(p.is_error for p in problems):
        return CheckReport(problems, None)
    return CheckReport(problems, replace(project, warnings=tuple(problems),
                                         translations=MappingProxyType(other.by_language)))


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


def reader_texts(project: CheckedProject) -> Iterator[tuple[str, Location, str]]:
    """What a reader reads, in the units they read it: a question with its help, an
    answer with its hint, an outcome with its steps, each article."""
    for guide in project.guides:
        yield from tree_reader_texts(guide.tree)
    for article in project.articles.values():
        yield "article", Location(article.source.name, article.body_line, 1), article.body


def tree_reader_texts(tree: Tree) -> Iterator[tuple[str, Location, str]]:
    for key in ("intro", "prevention"):
        value = getattr(tree, key)
        if value:
            yield f"`{key}`", tree.where(key), value
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield f"question `{node.id}`", node.where("question"), f"{node.question}\n\n{node.help or ''}"
            for answer in node.answers:
                yield (f"answer \"{answer.label}\" of `{node.id}`", answer.where("label"),
                       f"{answer.label}\n\n{answer.hint or ''}")
        else:
            yield f"outcome `{node.id}`", node.where("outcome"), f"# {node.title}\n\n{node.body or ''}"
            if node.prevention:
                yield f"`prevention` of `{node.id}`", node.where("prevention"), node.prevention
