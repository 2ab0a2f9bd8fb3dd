"""``helptree export``: the whole site as plain Markdown and a mkdocs.yml without the plugin,
so any MkDocs-compatible engine (Zensical, ProperDocs, MkDocs itself) builds the same pages."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.check import Options, check_project
from generator.contacts import expand
from generator.problems import render_problems
from generator.render import RenderSettings, SiteRenderer
from generator.strings import strings_with

THEME_ASSETS = Path(__file__).parent / "theme" / "assets"


class ExportError(Exception):
    """Something in the project stops the export; the message is ready to print."""


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == "helptree":
            return {}
        if isinstance(entry, dict) and "helptree" in entry:
            return dict(entry["helptree"] or {})
    return {}


def _without_helptree(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != "helptree" and not (isinstance(p, dict) and "helptree" in p)]


def export_site(config_file: Path, target: Path) -> int:
    """Write the exported project into ``target``; return the number of pages written."""
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ExportError(f"{config_file}:1:1: error: cannot read the MkDocs config: {err}") from None
    if target.exists() and any(target.iterdir()):
        raise ExportError(f"{target}:1:1: error: already exists and is not empty; pick a new folder")
    root = config_file.parent
    options = _plugin_options(config)
    docs = root / config.get("docs_dir", "docs")
    project = check_project(root / options.get("tree", "decision_tree.yaml"), docs, Options(
        max_questions=options.get("max_questions", 8),
        allow_raw_html=options.get("allow_raw_html", False)))
    if not project.ok or project.tree is None:
        raise ExportError(render_problems(project.errors or project.problems))
    renderer = SiteRenderer(project, RenderSettings(
        base=options.get("base", "troubleshoot"), index_page=options.get("index_page", "a-z"),
        map_page=options.get("map_page", "map"), strings=strings_with(options.get("strings")),
        listed_paths=options.get("listed_paths", 5), site_url=config.get("site_url", "") or ""))
    out_docs = target / "docs"
    shutil.copytree(docs, out_docs, ignore=shutil.ignore_patterns("*.md"))
    written = 0
    for src_uri, article in project.articles.items():
        text = expand(article.source.text, project.tree.contacts)
        _write(out_docs / src_uri, text + "\n\n" + renderer.help_area(article.url) + "\n")
        written += 1
    for page in renderer.pages():
        _write(out_docs / page.src_uri, page.markdown + "\n" + renderer.help_area(page.url) + "\n")
        written += 1
    assets = out_docs / "assets" / "helptree"
    assets.mkdir(parents=True, exist_ok=True)
    for asset in THEME_ASSETS.iterdir():
        shutil.copy2(asset, assets / asset.name)
    config["docs_dir"] = "docs"
    config["plugins"] = _without_helptree(list(config.get("plugins") or ["search"]))
    if renderer.redirects():
        config["plugins"].append({"redirects": {"redirect_maps": renderer.redirects()}})
    config["extra_css"] = [*config.get("extra_css", []), "assets/helptree/helptree.css"]
    config["extra_javascript"] = [*config.get("extra_javascript", []), "assets/helptree/helptree.js"]
    config["not_in_nav"] = f"/{renderer.settings.base}/*/\n"
    (target / "mkdocs.yml").write_text(
        "# Exported by `helptree export`: plain Markdown, no helptree plugin needed.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return written


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
