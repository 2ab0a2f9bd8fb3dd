"""``helptree export``: the planned ``Site`` written as plain Markdown with a mkdocs.yml
that needs no helptree plugin, so any MkDocs-compatible engine (Zensical, MkDocs itself)
builds the same pages, help areas, 404 help and lazy search."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.check.run import check
from generator.languages import language as language_record
from generator.plan.desk import save_qr_codes
from generator.plan.navigation import as_config
from generator.plan.site import THEME_DIR, Language, Site, plan
from generator.problems import Location, Problem, ProblemsError
from generator.project.mkdocs_yml import Tagged, open_project
from generator.routes import guide_url
from generator.source.articles import MARKDOWN_SUFFIXES

EXPORT_THEME = "helptree-theme"  # the theme overrides, and the project's own custom_dir on top
MKDOCS_MARKDOWN_EXTENSIONS = ("toc", "tables", "fenced_code")  # what MkDocs uses when none is named


class _WriteTags(yaml.SafeDumper):
    pass


def _write_tag(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_WriteTags.add_representer(Tagged, _write_tag)


def export_site(config_file: Path, target: Path) -> int:
    """Write the exported project into ``target``; return the number of pages written.
    ProblemsError when the project has errors or ``target`` is in use."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProblemsError(Problem(Location(str(target)), "HT508", "already exists and is not "
                                    "empty", "pick a new folder"))
    spec, config = open_project(config_file)
    report = check(spec)
    if report.project is None:
        raise ProblemsError(*report.errors)
    site = plan(report.project)
    docs = spec.content_dir
    assert docs is not None  # open_project always names the docs folder
    out_docs = target / "docs"
    shutil.copytree(docs, out_docs, ignore=shutil.ignore_patterns(*(f"*{s}" for s in MARKDOWN_SUFFIXES)))
    root = urlsplit(spec.site_url).path or "/"  # where the site is served: its URL's path
    written = 0
    # The help area goes in front matter, which the theme prints where the plugin's goes:
    # engines rewrite the relative links of a page's raw HTML each its own way (Zensical
    # reads them from the .md file, MkDocs from the page), never a theme's.
    for article in site.articles.values():
        _write(out_docs / article.src_uri,
               article.markdown_with({"helptree_help": str(site.help_area(article.url))}))
        written += 1
    for other in site.other_pages.values():
        _write(out_docs / other.src_uri, other.markdown)
        written += 1
    for page in site.pages:
        _write(out_docs / page.src_uri, page.markdown_with({"helptree_help": str(site.help_area(page.url))}))
        written += 1
    for language in site.languages[1:]:  # the others' 404 pages, at <code>/404/
        _write(out_docs / language.prefix / "404.md", _not_found_page(site, language, root))
        written += 1
    for asset in site.assets:
        if asset.content is not None:
            _write(out_docs / asset.dest, asset.content)
        elif asset.source is not None:
            (out_docs / asset.dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset.source, out_docs / asset.dest)
    config["docs_dir"] = "docs"
    # MkDocs' own default, said out loud: Zensical's (permalinks on every heading, a dozen
    # extensions more) would build other pages.
    config.setdefault("markdown_extensions", list(MKDOCS_MARKDOWN_EXTENSIONS))
    _theme(config, config_file.parent, target, site, root)
    config["plugins"] = _without_helptree(list(config.get("plugins") or ["search"]))
    if site.redirects:
        _add_redirects(config["plugins"], dict(site.redirects))
    config["extra_css"] = [*config.get("extra_css", []), *site.stylesheets]
    config["extra_javascript"] = [*config.get("extra_javascript", []), *site.scripts]
    config["nav"] = [*as_config(site.languages[0].navigation),
                     *({f"helptree:{lang.code}": as_config(lang.navigation)} for lang in site.languages[1:])]
    own = config.get("not_in_nav")
    own = own.rstrip("\n") + "\n" if isinstance(own, str) and own.strip() else ""
    bases = dict.fromkeys(guide.base for renderer in site.renderers for guide in renderer.project.guides)
    config["not_in_nav"] = own + "".join(f"/{guide_url(base)}*/\n" for base in bases) + "".join(
        f"/{page.url}\n" for page in site.pages if page.kind == "print") + "".join(
        f"/{lang.prefix}404.md\n" for lang in site.languages[1:])
    (target / "mkdocs.yml").write_text(
        "# Exported by `helptree export`: plain Markdown, no helptree plugin needed.\n"
        + yaml.dump(config, Dumper=_WriteTags, sort_keys=False, allow_unicode=True), encoding="utf-8")
    save_qr_codes()  # the codes the printouts carry, for the next process
    return written


def _without_helptree(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != "helptree" and not (isinstance(p, dict) and "helptree" in p)]


def _add_redirects(plugins: list[Any], redirects: dict[str, str]) -> None:
    """Into the project's own ``redirects`` entry if it has one (MkDocs allows only one)."""
    for i, entry in enumerate(plugins):
        if entry == "redirects" or (isinstance(entry, dict) and "redirects" in entry):
            options = dict(entry["redirects"] or {}) if isinstance(entry, dict) else {}
            options["redirect_maps"] = {**redirects, **(options.get("redirect_maps") or {})}
            plugins[i] = {"redirects": options}
            return
    plugins.append({"redirects": {"redirect_maps": redirects}})


def _theme(config: dict[str, Any], root: Path, target: Path, site: Site, served_at: str) -> None:
    """helptree's template overrides (lazy search, the 404 help) as the theme's custom_dir,
    with the project's own custom_dir copied on top, as the plugin layers them; the 404
    help goes in as `extra.helptree_not_found`, which the 404 override prints."""
    theme = config.get("theme")
    if not isinstance(theme, dict):
        theme = config["theme"] = {"name": theme if isinstance(theme, str) else "material"}
    shutil.copytree(THEME_DIR, target / EXPORT_THEME)
    own = theme.get("custom_dir")
    if isinstance(own, str) and (root / own).is_dir():
        shutil.copytree(root / own, target / EXPORT_THEME, dirs_exist_ok=True)
    theme["custom_dir"] = EXPORT_THEME
    extra = config.get("extra")
    extra = config["extra"] = dict(extra) if isinstance(extra, dict) else {}
    extra["helptree_not_found"] = str(site.not_found(served_at))
    names = {lang.code: lang.site_name for lang in site.languages[1:] if lang.site_name}
    if names:  # the navigation's title in each page's language (theme/partials/nav.html)
        extra["helptree_site_names"] = names


def _not_found_page(site: Site, language: Language, root: str) -> str:
    """Another language's 404 page: the theme's 404 template with that language's help."""
    meta = {"template": "404.html", "search": {"exclude": True}, "helptree_lang": language.code,
            "helptree_interface": language_record(language.code).theme_language,
            "helptree_not_found": str(site.not_found(root, language.prefix))}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
