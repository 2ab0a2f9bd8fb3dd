"""Opening a project: the helptree options of mkdocs.yml, read once, into the guides, the
articles folder and the contacts file that every command works from.

`helptree check`, `build`, `export`, `paths` and `graph` and the MkDocs plugin all start
here, so they cannot disagree about an option. Defaults are declared in ``config.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.check import Options
from generator.check_context import languages_problem
from generator.config import DEFAULT_BASE, DEFAULT_CONTACTS, HelptreeConfig
from generator.problems import Location, Problem
from generator.source import SourceText
from generator.strings import strings_for
from generator.translation import sibling
from generator.translation_status import LOCK_NAME

# A URL folder: slugs joined by `/`, nothing that leaves the site (`..`, `/x`, `x\y`).
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_URL_FOLDER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


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
    site_url: str = ""
    config_file: Path | None = None
    # mkdocs.yml's `validation: links: absolute_links: relative_to_docs`: MkDocs then reads
    # `/recovery/reset.md` in an article from content/, as it otherwise leaves it as it is.
    absolute_links_to_docs: bool = False

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
        return _find_in(self.config_file, needle)


class ProjectError(Exception):
    """The project cannot be opened; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.headline() for p in problems))
        self.problems = problems


class _KeepTags(yaml.SafeLoader):
    """Reads mkdocs.yml safely, keeping MkDocs' tags (``!ENV``, ``!!python/name:``) as
    ``Tagged`` values, so ``export`` can write them back."""


@dataclass(frozen=True)
class Tagged:
    tag: str
    value: Any


def _keep_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _KeepTags.add_multi_constructor(_prefix, _keep_tag)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, MkDocs' tags kept; ProjectError (HT501) when it cannot be read."""
    where = Location(str(config_file))
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags)
    except FileNotFoundError:
        raise ProjectError([Problem(where, "HT501", "file not found",
                                    "run in the project folder, or pass --config FILE")]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ProjectError([Problem(where, "HT501", f"cannot read the MkDocs config: {err}",
                                    "check the file and its permissions")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = Location(str(config_file), mark.line + 1, mark.column + 1) if mark else where
        raise ProjectError([Problem(at, "HT501", f"mkdocs.yml is not valid YAML: "
                                    f"{getattr(err, 'problem', None) or err}",
                                    "fix the YAML at this line")]) from None
    if not isinstance(config, dict):
        raise ProjectError([Problem(where, "HT501", "mkdocs.yml must be a mapping of settings",
                                    "start from `helptree new DIR`")])
    return config


def _resolved(value: Any) -> Any:
    """A value as MkDocs reads it: `!ENV NAME` or `!ENV [NAME, ..., default]` from the
    environment (pyyaml-env-tag's rule: the first variable set, else the last item)."""
    if not isinstance(value, Tagged) or value.tag != "!ENV":
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def plugin_options(config: dict[str, Any], config_file: Path) -> HelptreeConfig:
    """The helptree plugin's options in mkdocs.yml, validated and defaulted as MkDocs does."""
    given: dict[str, Any] | None = None
    for entry in config.get("plugins") or []:
        if entry == "helptree":
            given = {}
        elif isinstance(entry, dict) and "helptree" in entry:
            given = dict(entry["helptree"] or {})
    if given is None:
        raise ProjectError([Problem(Location(str(config_file)), "HT502",
                                    "mkdocs.yml does not use the helptree plugin",
                                    "add `- helptree` under `plugins:`")])
    options = HelptreeConfig(config_file_path=str(config_file))
    options.load_dict(given)
    errors, _ = options.validate()
    if errors:
        raise ProjectError([Problem(_find_in(config_file, f"{key}:"), "HT502",
                                    f"helptree option `{key}`: {err}",
                                    "see the plugin options in the README")
                            for key, err in errors])
    return options


def open_project(config_file: Path) -> tuple[ProjectSpec, dict[str, Any]]:
    """The project mkdocs.yml describes, and mkdocs.yml itself as data (for ``export``)."""
    config = read_mkdocs_yml(config_file)
    options = plugin_options(config, config_file)
    if config.get("use_directory_urls", True) is not True:
        raise ProjectError([Problem(_find_in(config_file, "use_directory_urls"), "HT505",
                                    "`use_directory_urls` must be true",
                                    "the troubleshooter's URLs are /<base>/<node-id>/")])
    docs_dir = _resolved(config.get("docs_dir", "docs"))
    return project_from(options, config_file=config_file,
                        docs_dir=config_file.parent / (docs_dir if isinstance(docs_dir, str) else "docs"),
                        site_url=_site_url(config),
                        absolute_links_to_docs=_absolute_links_to_docs(config)), config


def _absolute_links_to_docs(config: dict[str, Any]) -> bool:
    """`validation: {links: {absolute_links: relative_to_docs}}`, or its shorthand
    `validation: {absolute_links: relative_to_docs}`, as MkDocs 1.6 reads them."""
    validation = config.get("validation")
    if not isinstance(validation, dict):
        return False
    links = validation.get("links")
    value = links.get("absolute_links") if isinstance(links, dict) and "absolute_links" in links \
        else validation.get("absolute_links")
    return value == "relative_to_docs"


def published_site_url(config_file: Path) -> str:
    """`site_url` as mkdocs.yml gives it: `mkdocs serve` replaces MkDocs' own with the local
    address, but printouts, QR codes and staff replies must carry where readers go."""
    return _site_url(read_mkdocs_yml(config_file))


def _site_url(config: dict[str, Any]) -> str:
    site_url = _resolved(config.get("site_url"))
    return site_url if isinstance(site_url, str) else ""


def project_from(options: HelptreeConfig, *, config_file: Path, docs_dir: Path,
                 site_url: str, absolute_links_to_docs: bool = False) -> ProjectSpec:
    """The project from options MkDocs (or ``plugin_options``) already validated."""
    root = config_file.parent
    problems: list[Problem] = []
    declared = [(g.tree, g.base, g.languages) for g in options.guides] or \
        [(options.tree, options.base, None)]
    guides = [GuideSpec(root / tree, base, _find_in(config_file, f"base: {base}" if options.guides
                                                     else "helptree"),
                        None if only is None else tuple(only))
              for tree, base, only in declared]
    for what, value in ([("base", g.base) for g in guides]
                        + [(key, options[key]) for key in ("index_page", "map_page",
                                                           "staff_page", "print_page")]):
        if not _URL_FOLDER.match(value):
            problems.append(Problem(_find_in(config_file, f"{what}: {value}"), "HT503",
                                    f"helptree option `{what}` is `{value}`, not a URL folder",
                                    "use lowercase letters, digits and hyphens, like `troubleshoot` "
                                    "(folders joined by `/`, never `..`)"))
    for number, code in enumerate(options.languages):
        if not _LANGUAGE.match(code) or code in options.languages[:number]:
            problems.append(Problem(_find_in(config_file, "languages"), "HT502",
                                    f"helptree option `languages`: `{code}` is not a language code, "
                                    "or is listed twice", "write codes like `en` and `es`"))
    languages = tuple(options.languages) or ("en",)
    for guide in guides:
        problem = languages_problem(guide.languages, languages, f"guide `{guide.base}`")
        if problem:
            problems.append(Problem(guide.where, "HT223", *problem))
    tables: dict[str, Mapping[str, str]] = {}
    for number, language in enumerate(languages):
        try:
            tables[language] = strings_for(language, options.strings, main=number == 0)
        except KeyError as err:
            problems.append(Problem(_find_in(config_file, "strings:"), "HT506",
                                    f"unknown interface string(s) in `strings`: {err.args[0]}",
                                    "see generator/strings.py for the names"))
    for key, value in options.strings.items():
        if isinstance(value, dict) and key not in languages:
            problems.append(Problem(_find_in(config_file, f"{key}:"), "HT506",
                                    f"`strings` has overrides for `{key}`, which is not in "
                                    "`languages`", "add the language, or remove them"))
    if problems:
        raise ProjectError(problems)
    contacts = root / options.contacts
    return ProjectSpec(
        guides=tuple(guides), content_dir=docs_dir,
        contacts_file=contacts if contacts.is_file() or options.contacts != DEFAULT_CONTACTS
        else None,
        options=Options(max_questions=options.max_questions, allow_raw_html=options.allow_raw_html,
                        max_grade=None if options.max_grade is None else float(options.max_grade),
                        min_ease=None if options.min_ease is None else float(options.min_ease),
                        languages=tuple(options.languages),
                        partial_translations=options.partial_translations),
        index_page=options.index_page, map_page=options.map_page,
        staff_page=options.staff_page, print_page=options.print_page,
        listed_paths=options.listed_paths, strings=tables[languages[0]],
        language_strings=MappingProxyType(tables), site_url=site_url, config_file=config_file,
        absolute_links_to_docs=absolute_links_to_docs,
    )


def lone_tree(tree: Path, content_dir: Path | None = None, *, max_questions: int | None = None,
              max_grade: float | None = None) -> ProjectSpec:
    """A tree on its own (``helptree check --tree FILE``), with the plugin's defaults.

    Its articles are in ``content_dir``, else in ``content/`` beside the tree if there is
    one; a tree that names no article needs no folder at all.
    """
    defaults = HelptreeConfig()
    defaults.load_dict({})
    defaults.validate()
    if content_dir is None and (tree.parent / "content").is_dir():
        content_dir = tree.parent / "content"
    contacts = tree.parent / defaults.contacts
    return ProjectSpec(
        guides=(GuideSpec(tree, DEFAULT_BASE, Location(str(tree))),),
        content_dir=content_dir, contacts_file=contacts if contacts.is_file() else None,
        options=Options(max_questions=max_questions or defaults.max_questions,
                        allow_raw_html=defaults.allow_raw_html, max_grade=max_grade),
        index_page=defaults.index_page, map_page=defaults.map_page,
        staff_page=defaults.staff_page, print_page=defaults.print_page,
        listed_paths=defaults.listed_paths, strings=strings_for("en"),
    )


def _find_in(config_file: Path, needle: str) -> Location:
    try:
        source = SourceText(str(config_file), config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Location(str(config_file))
    return source.find(needle, Location(str(config_file)))
