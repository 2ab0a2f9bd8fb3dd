"""What a project is before anything of it is read: its guides, folders, options and the
checked settings of mkdocs.yml. Plain data, no MkDocs: ``project.py`` reads it from
mkdocs.yml, ``check`` and every later step work from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Location, Problem
from generator.source.files import find_in_file
from generator.source.settings import Settings
from generator.source.translation import sibling

DEFAULT_TREE = "decision_tree.yaml"
DEFAULT_BASE = "troubleshoot"
DEFAULT_CONTACTS = "contacts.yaml"
LOCK_NAME = "translations.lock"  # beside mkdocs.yml: what each translation was reviewed against


@dataclass(frozen=True)
class Options:
    """What the checks may be told; the plugin's defaults are these (``config.py``)."""

    max_questions: int = 8
    allow_raw_html: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    max_grade: float | None = None  # plain-language limit (US grade); None: not checked
    min_ease: float | None = None  # the same in Spanish (Fernandez-Huerta ease)
    languages: tuple[str, ...] = ()  # the first is the main one; () for one unnamed language
    partial_translations: bool = False


@dataclass(frozen=True)
class GuideSpec:
    """One troubleshooter: its tree file and the URL folder of its pages."""

    tree: Path
    base: str
    where: Location  # where the guide is declared, for errors about it
    languages: tuple[str, ...] | None = None  # `languages: [en]`: the editions that have it

    def in_language(self, language: str) -> bool:
        """Whether the edition in ``language`` has this guide (every one, unless it says)."""
        return self.languages is None or language in self.languages


@dataclass(frozen=True)
class ProjectSpec:
    """Everything a command needs to know before reading any tree or article."""

    guides: tuple[GuideSpec, ...]
    content_dir: Path | None  # None: a lone tree with no articles folder
    contacts_file: Path | None  # the shared contacts, when the file exists
    options: Options
    index_page: str
    map_page: str
    staff_page: str
    print_page: str
    listed_paths: int
    strings: Mapping[str, str]  # the interface strings of the main language
    language_strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # every language's
    settings: Settings = field(default_factory=Settings)  # mkdocs.yml's own settings, checked
    config_file: Path | None = None
    nav: tuple[Any, ...] | None = None  # mkdocs.yml's `nav:`, when it has one
    not_in_nav: str = ""  # mkdocs.yml's: files (gitignore patterns) kept out of the navigation
    nav_titles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # by language
    # mkdocs.yml's `validation: links: absolute_links: relative_to_docs`: MkDocs then reads
    # `/recovery/reset.md` in an article from content/, as it otherwise leaves it as it is.
    absolute_links_to_docs: bool = False

    @property
    def site_url(self) -> str:
        """The published address, checked (generator/source/settings.py), ending in `/`; "" if none."""
        return self.settings.site_url

    def full_url(self, url: str) -> str:
        """How a site URL is shown for copying: absolute when `site_url` is known."""
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else "/" + url

    def site_url_problem(self) -> Problem | None:
        """HT306 for a project whose pages cannot show full URLs (``helptree check`` and
        ``links`` say so; a local build or preview does not need one)."""
        if self.config_file is None or self.site_url:
            return None
        return Problem(Location(str(self.config_file)), "HT306", "mkdocs.yml has no `site_url`: "
                       "pages show paths, not the full URLs staff copy",
                       "add `site_url: https://your-help-center.example/`")

    def source_files(self) -> list[Path]:
        """Every file the project reads, there yet or not: mkdocs.yml, each guide's tree and
        its translations (`decision_tree.es.yaml`), the contacts file and its translations,
        `translations.lock`, and the articles folder. The preview watches exactly these."""
        languages = self.options.languages[1:]
        contacts = self.contacts_file or (self.config_file.parent / DEFAULT_CONTACTS
                                          if self.config_file else None)
        files = [self.config_file, self.config_file.parent / LOCK_NAME] if self.config_file else []
        for main in [guide.tree for guide in self.guides] + ([contacts] if contacts else []):
            files += [main, *(sibling(main, language) for language in languages)]
        return files + ([self.content_dir] if self.content_dir else [])

    def located(self, needle: str) -> Location:
        """Where ``needle`` is written in mkdocs.yml (its first line when it is not)."""
        if self.config_file is None:
            return Location("mkdocs.yml")
        return find_in_file(self.config_file, needle)


def languages_problem(listed: tuple[str, ...] | None, languages: tuple[str, ...],
                      what: str) -> tuple[str, str] | None:
    """(message, hint) when a guide's or an article's `languages:` names a language the
    project does not have, or leaves out the main one (whose pages every other points to)."""
    if listed is None:
        return None
    unknown = [code for code in listed if code not in languages]
    if unknown:
        return (f"{what} lists `languages: [{', '.join(listed)}]`, but `{unknown[0]}` is not one "
                f"of the help center's languages ({', '.join(languages)})",
                "list only languages of the plugin's `languages` option")
    if languages[0] not in listed:
        return (f"{what} lists `languages: [{', '.join(listed)}]` without the main language "
                f"`{languages[0]}`", f"every page is in `{languages[0]}`; add it first")
    return None
