"""The checked project: what planning, rendering and every command work from. Nothing in
it is None: a project with errors has none (``check.check`` makes it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.check.context import Scope
from generator.check.paths import PathIndex
from generator.model import Contact, Tree
from generator.problems import Problem
from generator.source.articles import Article
from generator.source.files import SourceText
from generator.source.spec import GuideSpec, ProjectSpec


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
    # Main-language pages this edition leaves out on purpose (`languages: [en]` on a guide or
    # an article): its links to them go to the main language's page.
    main_only: frozenset[str] = frozenset()

    def link_target(self, url: str) -> str:
        """Where a site path of this edition's text goes: below its folder (`es/x/`), or
        to the main language's page when this edition leaves that page out."""
        return url if url in self.main_only else self.prefix + url

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
