"""Opening a project: the helptree options of mkdocs.yml, read once, into the guides, the
articles folder and the contacts file that every command works from.

`helptree check`, `build`, `export`, `paths` and `graph` and the MkDocs plugin all start
here, so they cannot disagree about an option. Defaults are declared in ``config.py``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.languages import strings_for
from generator.problems import Location, Problem, ProblemsError
from generator.project.config import HelptreeConfig
from generator.source.files import find_in_file
from generator.source.settings import Settings, outside_why, read_settings, strings_problems
from generator.source.spec import (
    DEFAULT_BASE,
    DEFAULT_CONTACTS,
    GuideSpec,
    Options,
    ProjectSpec,
    languages_problem,
)
from generator.source.translation import sibling

# A URL folder: slugs joined by `/`, nothing that leaves the site (`..`, `/x`, `x\y`).
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # both always fullmatch: `$` would pass "es\n"
_URL_FOLDER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")




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
    """mkdocs.yml as data, MkDocs' tags kept; ProblemsError (HT501) when it cannot be read."""
    where = Location(str(config_file))
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags)
    except FileNotFoundError:
        raise ProblemsError(Problem(where, "HT501", "file not found",
                                    "run in the project folder, or pass --config FILE")) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsError(Problem(where, "HT501", f"cannot read the MkDocs config: {err}",
                                    "check the file and its permissions")) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = Location(str(config_file), mark.line + 1, mark.column + 1) if mark else where
        raise ProblemsError(Problem(at, "HT501", f"mkdocs.yml is not valid YAML: "
                                    f"{getattr(err, 'problem', None) or err}",
                                    "fix the YAML at this line")) from None
    if not isinstance(config, dict):
        raise ProblemsError(Problem(where, "HT501", "mkdocs.yml must be a mapping of settings",
                                    "start from `helptree new DIR`"))
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
        raise ProblemsError(Problem(Location(str(config_file)), "HT502",
                                    "mkdocs.yml does not use the helptree plugin",
                                    "add `- helptree` under `plugins:`"))
    options = HelptreeConfig(config_file_path=str(config_file))
    options.load_dict(given)
    errors, _ = options.validate()
    if errors:
        raise ProblemsError(*(Problem(_find_in(config_file, f"{key}:"), "HT502",
                                      f"helptree option `{key}`: {err}",
                                      "see the plugin options in the README")
                              for key, err in errors))
    return options


def open_project(config_file: Path) -> tuple[ProjectSpec, dict[str, Any]]:
    """The project mkdocs.yml describes, and mkdocs.yml itself as data (for ``export``)."""
    config = read_mkdocs_yml(config_file)
    options = plugin_options(config, config_file)
    if config.get("use_directory_urls", True) is not True:
        raise ProblemsError(directory_urls_problem(config_file))
    docs_dir = _resolved(config.get("docs_dir", "docs"))
    return project_of(config, options, config_file,
                      config_file.parent / (docs_dir if isinstance(docs_dir, str) else "docs")), config


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


def directory_urls_problem(config_file: Path) -> Problem:
    """HT505: the pages' URLs are folders, `/<base>/<node-id>/`, whoever turned that off."""
    return Problem(_find_in(config_file, "use_directory_urls"), "HT505",
                   "`use_directory_urls` must be true", "the troubleshooter's URLs are /<base>/<node-id>/")


def project_of(config: dict[str, Any], options: HelptreeConfig, config_file: Path,
               docs_dir: Path) -> ProjectSpec:
    """The project from mkdocs.yml as data and the plugin's validated options, with every
    problem of both in one ProblemsError. mkdocs.yml's own settings are read from the file,
    not from MkDocs: `mkdocs serve` replaces `site_url` with the local address, but
    printouts, QR codes and staff replies must carry where readers go."""
    settings, problems = read_settings(config, config_file, resolve=_resolved,
                                       third_party=tuple(options.allow_third_party))
    try:
        spec = project_from(options, config_file=config_file, docs_dir=docs_dir, settings=settings,
                            nav=config.get("nav"), not_in_nav=config.get("not_in_nav"),
                            absolute_links_to_docs=_absolute_links_to_docs(config))
    except ProblemsError as err:
        raise ProblemsError(*problems + err.problems) from None
    if problems:
        raise ProblemsError(*problems)
    return spec


def project_from(options: HelptreeConfig, *, config_file: Path, docs_dir: Path,
                 settings: Settings, nav: Any = None, not_in_nav: Any = None,
                 absolute_links_to_docs: bool = False) -> ProjectSpec:
    """The project from options MkDocs (or ``plugin_options``) already validated."""
    root = config_file.parent
    problems: list[Problem] = []
    problems += _option_shape_problems(options, config_file)
    declared = [(g.tree, g.base, g.languages) for g in options.guides] or \
        [(options.tree, options.base, None)]
    guides = [GuideSpec(root / tree, base, _find_in(config_file, f"base: {base}" if options.guides
                                                     else "helptree"),
                        None if only is None else tuple(only))
              for tree, base, only in declared]
    project_root = config_file.resolve().parent
    read = [(f"tree: {tree}", "tree", root / tree) for tree, _, _ in declared]
    read.append((f"contacts: {options.contacts}", "contacts", root / options.contacts))
    read += [(needle, f"{what}` translation `{sibling(path, language).name}", sibling(path, language))
             for needle, what, path in list(read) for language in options.languages[1:]]
    for needle, what, path in read:  # refused before a byte of them is read
        why = outside_why(path, project_root)
        if why:
            problems.append(Problem(_find_in(config_file, needle), "HT516", f"helptree option "
                                    f"`{what}` {why}", "keep the project's files in real files "
                                    "inside the project folder"))
    for what, value in ([("base", g.base) for g in guides]
                        + [(key, options[key]) for key in ("index_page", "map_page",
                                                           "staff_page", "print_page")]):
        if not _URL_FOLDER.fullmatch(value):
            problems.append(Problem(_find_in(config_file, f"{what}: {value}", f"{what}:"), "HT503",
                                    f"helptree option `{what}` is `{value!r}`, not a URL folder",
                                    "use lowercase letters, digits and hyphens, like `troubleshoot` "
                                    "(folders joined by `/`, never `..`)"))
    for number, code in enumerate(options.languages):
        if not _LANGUAGE.fullmatch(code) or code in options.languages[:number]:
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
    at = functools.partial(_find_in, config_file)
    problems += strings_problems(strings_for(languages[0]), options.strings, at)
    for language in languages:
        own = options.strings.get(language)
        if isinstance(own, Mapping):
            problems += strings_problems(strings_for(language), own, at, f"{language}: ")
    for key, value in options.strings.items():
        if isinstance(value, dict) and key not in languages:
            problems.append(Problem(_find_in(config_file, f"{key}:"), "HT506",
                                    f"`strings` has overrides for `{key}`, which is not in "
                                    "`languages`", "add the language, or remove them"))
    if problems:
        raise ProblemsError(*problems)
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
        language_strings=MappingProxyType(tables), settings=settings, config_file=config_file,
        nav=tuple(nav) if isinstance(nav, list) else None,
        not_in_nav=not_in_nav if isinstance(not_in_nav, str) else "",
        nav_titles=MappingProxyType({language: MappingProxyType(
            {str(k): str(v) for k, v in titles.items()})
            for language, titles in options.nav_titles.items() if isinstance(titles, dict)}),
        absolute_links_to_docs=absolute_links_to_docs,
    )


def _option_shape_problems(options: HelptreeConfig, config_file: Path) -> list[Problem]:
    """The shapes MkDocs' `Type(dict)` does not check: `nav_titles` is language -> section
    title -> text; `strings` is name -> text, or language -> name -> text."""
    problems: list[Problem] = []
    titles = options.nav_titles
    for language, table in titles.items():
        if not isinstance(table, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in table.items()):
            problems.append(Problem(_find_in(config_file, "nav_titles"), "HT502",
                                    f"helptree option `nav_titles`: `{language}` must map section "
                                    "titles to their translation", "write `nav_titles: {es: "
                                    "{Causes: Por qué pasa}}`"))
        elif language not in options.languages:
            problems.append(Problem(_find_in(config_file, "nav_titles"), "HT502",
                                    f"helptree option `nav_titles`: `{language}` is not one of "
                                    "the `languages`", "use a code listed in `languages`"))
    for key, least in (("max_questions", 1), ("listed_paths", 0)):
        value = options[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.append(Problem(_find_in(config_file, f"{key}:"), "HT502", f"helptree option "
                                    f"`{key}` must be a whole number of {least} or more",
                                    f"write a number like `{8 if least else 5}`"))
    for key in ("max_grade", "min_ease"):
        if isinstance(options[key], bool):
            problems.append(Problem(_find_in(config_file, f"{key}:"), "HT502", f"helptree option "
                                    f"`{key}` must be a number", "write a number like `8`"))
    for key, value in options.strings.items():
        if not isinstance(value, (str, Mapping)) or (isinstance(value, Mapping) and not all(
                isinstance(v, str) for v in value.values())):
            problems.append(Problem(_find_in(config_file, f"{key}:", "strings"), "HT506",
                                    f"`strings` `{key}` must be text (or, for a language, a "
                                    "mapping of names to text)", "quote the text"))
    return problems


def lone_tree(tree: Path, content_dir: Path | None = None) -> ProjectSpec:
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
        options=Options(max_questions=defaults.max_questions, allow_raw_html=defaults.allow_raw_html),
        index_page=defaults.index_page, map_page=defaults.map_page,
        staff_page=defaults.staff_page, print_page=defaults.print_page,
        listed_paths=defaults.listed_paths, strings=strings_for("en"),
    )


def _find_in(config_file: Path, *needles: str) -> Location:
    return find_in_file(config_file, *needles)
