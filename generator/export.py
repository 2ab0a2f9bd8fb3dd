"""``helptree export``: the whole site as plain Markdown and a mkdocs.yml without the plugin,
so any MkDocs-compatible engine (Zensical, ProperDocs, MkDocs itself) builds the same pages."""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.articles import Article
from generator.check import check_project
from generator.config import HelptreeConfig
from generator.plugin import check_options, render_settings
from generator.problems import render_problems
from generator.render import SiteRenderer

THEME_ASSETS = Path(__file__).parent / "assets"


class ExportError(Exception):
    """Something in the project stops the export; the message is ready to print."""


class _Tagged:
    """A mkdocs.yml value under a tag that MkDocs resolves (``!ENV``, ``!!python/name:``)."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _KeepTags(yaml.SafeLoader):
    """Reads mkdocs.yml safely, keeping MkDocs' tags so the export writes them back."""


class _WriteTags(yaml.SafeDumper):
    pass


def _keep_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return _Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return _Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _write_tag(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _KeepTags.add_multi_constructor(_prefix, _keep_tag)
_WriteTags.add_representer(_Tagged, _write_tag)


def _plugin_options(config: dict[str, Any], config_file: Path) -> HelptreeConfig:
    """The helptree plugin's options in mkdocs.yml, validated and defaulted as MkDocs does."""
    given: dict[str, Any] = {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "helptree" in entry:
            given = dict(entry["helptree"] or {})
    options = HelptreeConfig(config_file_path=str(config_file))
    options.load_dict(given)
    errors, _ = options.validate()
    if errors:
        raise ExportError("\n".join(f"{config_file}:1:1: error: helptree option `{key}`: {err}"
                                     for key, err in errors))
    return options


def _without_helptree(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != "helptree" and not (isinstance(p, dict) and "helptree" in p)]


def export_site(config_file: Path, target: Path) -> int:
    """Write the exported project into ``target``; return the number of pages written."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ExportError(f"{config_file}:1:1: error: cannot read the MkDocs config: {err}") from None
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target}:1:1: error: already exists and is not empty; pick a new folder")
    root = config_file.parent
    options = _plugin_options(config, config_file)
    docs = root / config.get("docs_dir", "docs")
    project = check_project(root / options.tree, docs, check_options(options))
    if not project.ok or project.tree is None:
        raise ExportError(render_problems(project.errors or project.problems))
    try:
        settings = render_settings(
            options, config["site_url"] if isinstance(config.get("site_url"), str) else "")
    except KeyError as err:
        raise ExportError(f"{config_file}:1:1: error: unknown interface string(s) in the helptree "
                          f"plugin's `strings`: {err}") from None
    renderer = SiteRenderer(project, settings)
    out_docs = target / "docs"
    shutil.copytree(docs, out_docs, ignore=shutil.ignore_patterns("*.md"))
    written = 0
    for src_uri, article in project.articles.items():
        text = renderer.article_markdown(_escaped_front_matter(article))
        # f-strings, not +: a str plus Markup would HTML-escape the whole page.
        _write(out_docs / src_uri, f"{text}\n\n{renderer.help_area(article.url)}\n")
        written += 1
    for page in renderer.pages():
        _write(out_docs / page.src_uri, f"{page.markdown}\n{renderer.help_area(page.url)}\n")
        written += 1
    assets = out_docs / "assets" / "helptree"
    assets.mkdir(parents=True, exist_ok=True)
    for asset in THEME_ASSETS.iterdir():
        shutil.copy2(asset, assets / asset.name)
    config["docs_dir"] = "docs"
    _copy_custom_dir(config, root, target)
    config["plugins"] = _without_helptree(list(config.get("plugins") or ["search"]))
    if renderer.redirects():
        _add_redirects(config["plugins"], renderer.redirects())
    config["extra_css"] = [*config.get("extra_css", []), "assets/helptree/helptree.css"]
    config["extra_javascript"] = [*config.get("extra_javascript", []), "assets/helptree/helptree.js"]
    own = config.get("not_in_nav")
    own = own.rstrip("\n") + "\n" if isinstance(own, str) and own.strip() else ""
    config["not_in_nav"] = f"{own}/{renderer.settings.base}/*/\n"
    (target / "mkdocs.yml").write_text(
        "# Exported by `helptree export`: plain Markdown, no helptree plugin needed.\n"
        + yaml.dump(config, Dumper=_WriteTags, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return written


def _escaped_front_matter(article: Article) -> str:
    """The article with its title and description escaped, as the plugin escapes them:
    themes print them as HTML. Written back only when escaping changes something."""
    text = article.source.text
    lines = text[: len(text) - len(article.body)].splitlines(keepends=True)
    meta = yaml.safe_load("".join(lines[1:-1])) if len(lines) > 2 else None
    if not isinstance(meta, dict):
        return text
    escaped = {key: html.escape(value) for key in ("title", "description")
               if isinstance(value := meta.get(key), str) and html.escape(value) != value}
    if not escaped:
        return text
    front = yaml.safe_dump({**meta, **escaped}, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{article.body}"


def _add_redirects(plugins: list[Any], redirects: dict[str, str]) -> None:
    """Into the project's own ``redirects`` entry if it has one (MkDocs allows only one)."""
    for i, entry in enumerate(plugins):
        if entry == "redirects" or (isinstance(entry, dict) and "redirects" in entry):
            options = dict(entry["redirects"] or {}) if isinstance(entry, dict) else {}
            options["redirect_maps"] = {**redirects, **(options.get("redirect_maps") or {})}
            plugins[i] = {"redirects": options}
            return
    plugins.append({"redirects": {"redirect_maps": redirects}})


def _copy_custom_dir(config: dict[str, Any], root: Path, target: Path) -> None:
    """The theme's ``custom_dir`` goes along; one outside the project is linked to where it is."""
    theme = config.get("theme")
    if not isinstance(theme, dict) or not isinstance(theme.get("custom_dir"), str):
        return
    relative = Path(theme["custom_dir"])
    if relative.is_absolute() or ".." in relative.parts:
        theme["custom_dir"] = str((root / relative).resolve())
    elif (root / relative).is_dir():  # a missing one is for MkDocs to report
        shutil.copytree(root / relative, target / relative, dirs_exist_ok=True)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
