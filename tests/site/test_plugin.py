"""The MkDocs plugin's events, driven through MkDocs' own config loading."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from sitekit import build_site, content, read_page
from treekit import SMALL

from generator.plugin import HelptreePlugin
from generator.site import THEME_DIR


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: records what the plugin asks it to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
        self.watched.append(path)


def copy_small(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SMALL, root)
    return root


def configured(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """The config as MkDocs has it after every plugin's ``on_config``."""
    config = load_config(str(config_file), **overrides)
    return config.plugins.on_config(config)


def plugin_of(config: MkDocsConfig) -> HelptreePlugin:
    plugin = config.plugins["helptree"]
    assert isinstance(plugin, HelptreePlugin)
    return plugin


def set_plugin_options(root: Path, options: str) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - helptree\n", f"  - helptree:\n{options}"), encoding="utf-8")
    return config


# -- mkdocs serve -------------------------------------------------------------------

def test_serve_watches_the_tree_file() -> None:
    config = configured(SMALL / "mkdocs.yml")
    server = RecordingServer()
    returned = config.plugins.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert returned is server  # the chain of serve events keeps the same server
    assert [Path(p) for p in server.watched] == [(SMALL / "decision_tree.yaml").resolve()]


def test_serve_watches_the_tree_named_in_the_options(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    (root / "flows").mkdir()
    (root / "decision_tree.yaml").rename(root / "flows" / "signin.yaml")
    config = configured(set_plugin_options(root, "      tree: flows/signin.yaml\n"))
    server = RecordingServer()
    config.plugins.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert [Path(p).resolve() for p in server.watched] == [(root / "flows" / "signin.yaml").resolve()]


def test_serve_watches_every_guide_and_the_shared_contacts_file() -> None:
    two = SMALL.parent / "two-guides"
    config = configured(two / "mkdocs.yml")
    server = RecordingServer()
    config.plugins.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert [Path(p).resolve() for p in server.watched] == [
        (two / name).resolve() for name in ("login.yaml", "money.yaml", "contacts.yaml")]


def test_serve_shows_a_broken_project_as_a_page_listing_its_problems(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    tree = root / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = plugin_of(config)
    # MkDocs keeps a plugin with on_startup alive across configs: leave it building.
    plugin.on_startup(command="serve", dirty=False)
    try:
        config = config.plugins.on_config(config)  # no PluginError while serving
        article = File.generated(config, "guides/reset.md", content="# Reset\n")
        files = plugin.on_files(Files([article]), config=config)
    finally:
        plugin.on_startup(command="build", dirty=False)
    assert [f.src_uri for f in files if f.is_documentation_page()] == ["index.md"]
    assert "lockd" in plugin.html["index.md"]
    assert f"{tree}:" in plugin.html["index.md"]
    assert "The help center has problems" in plugin.html["index.md"]


def test_serve_keeps_the_published_site_url_for_printouts_and_staff_replies() -> None:
    """`mkdocs serve` sets site_url to the local address; the QR codes, print URLs and staff
    replies of the preview still name where readers go (and no code is made for 127.0.0.1)."""
    two = SMALL.parent / "two-guides"
    config = load_config(str(two / "mkdocs.yml"))
    config.site_url = "http://127.0.0.1:8000/"  # what `mkdocs serve` does before on_config
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    try:
        config.plugins.on_config(config)
    finally:
        plugin.on_startup(command="build", dirty=False)
    assert plugin.spec is not None
    assert plugin.spec.site_url == "https://help.example.org/"
    assert plugin.site is not None
    staff = next(page for page in plugin.site.pages if page.url == "staff/")
    assert "https://help.example.org/login/reset/" in staff.html
    assert "127.0.0.1" not in staff.html


def test_articles_are_watched_by_mkdocs_because_they_are_the_docs_dir() -> None:
    config = configured(SMALL / "mkdocs.yml")
    assert Path(config.docs_dir).resolve() == (SMALL / "content").resolve()


# -- on_config ------------------------------------------------------------------------

def test_broken_tree_stops_the_build_with_located_problems(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    tree = root / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        configured(root / "mkdocs.yml")
    message = str(raised.value)
    assert f"{tree}:" in message
    assert "lockd" in message
    assert ": error: " in message


def test_use_directory_urls_false_is_refused() -> None:
    with pytest.raises(PluginError, match="use_directory_urls"):
        configured(SMALL / "mkdocs.yml", use_directory_urls=False)


def test_unknown_interface_strings_are_refused(tmp_path: Path) -> None:
    config = set_plugin_options(copy_small(tmp_path), "      strings:\n        strat_now: Begin\n")
    with pytest.raises(PluginError, match="strat_now"):
        configured(config)


def test_theme_and_assets_are_added_once_after_a_custom_dir(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    (root / "overrides").mkdir()
    config_file = root / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"), encoding="utf-8")
    config = configured(config_file)
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    assert dirs[0] == (root / "overrides").resolve()
    assert dirs[1] == THEME_DIR.resolve()
    plugin_of(config).on_config(config)  # a second run (mkdocs serve) adds nothing twice
    assert [Path(d).resolve() for d in config.theme.dirs].count(THEME_DIR.resolve()) == 1
    assert [str(x) for x in config.extra_css] == ["assets/helptree/helptree.css"]
    assert [str(x) for x in config.extra_javascript] == ["assets/helptree/helptree.js"]


def test_aliases_become_redirects_next_to_the_project_s_own(tmp_path: Path) -> None:
    config = configured(SMALL / "mkdocs.yml")
    redirects = config.plugins["redirects"]
    assert redirects.config["redirect_maps"] == {
        "troubleshoot/old-reset/index.md": "troubleshoot/reset-password/index.md"}
    root = copy_small(tmp_path)
    config_file = root / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("  - helptree\n", (
        "  - helptree\n  - redirects:\n      redirect_maps:\n        old-help.md: index.md\n")),
        encoding="utf-8")
    config = configured(config_file)
    assert config.plugins["redirects"].config["redirect_maps"] == {
        "troubleshoot/old-reset/index.md": "troubleshoot/reset-password/index.md",
        "old-help.md": "index.md"}


# -- on_files ---------------------------------------------------------------------------

def test_tree_pages_are_added_out_of_the_nav(tmp_path: Path) -> None:
    config = configured(SMALL / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    files = plugin_of(config).on_files(Files([]), config=config)
    levels = {f.src_uri: f.inclusion for f in files if f.src_uri.endswith(".md")}
    assert levels["troubleshoot/index.md"] == InclusionLevel.INCLUDED
    assert levels["a-z.md"] == InclusionLevel.INCLUDED
    assert levels["map.md"] == InclusionLevel.INCLUDED
    tree_pages = {k: v for k, v in levels.items() if k.count("/") == 2 and k.startswith("troubleshoot/")}
    assert set(tree_pages) == {f"troubleshoot/{n}/index.md" for n in (
        "what-happens", "forgot", "locked", "reset-password", "wait-and-reset", "contact-support")}
    assert set(tree_pages.values()) == {InclusionLevel.NOT_IN_NAV}
    assert {f.src_uri for f in files if not f.src_uri.endswith(".md")} == {
        "assets/helptree/helptree.css", "assets/helptree/helptree.js",
        "assets/helptree/lazy-search.js", "assets/helptree/search.json"}


def test_the_built_site_has_each_asset_once_and_loads_lazy_search_before_the_bundle(
        small_site: Path) -> None:
    names = sorted(p.relative_to(small_site).as_posix() for p in small_site.rglob("*")
                   if p.name in ("helptree.css", "helptree.js", "lazy-search.js"))
    assert names == ["assets/helptree/helptree.css", "assets/helptree/helptree.js",
                     "assets/helptree/lazy-search.js"]
    page = (small_site / "troubleshoot" / "forgot" / "index.html").read_text(encoding="utf-8")
    assert page.index("lazy-search.js") < page.index("assets/javascripts/bundle.")


def test_a_content_page_where_a_tree_page_goes_is_refused(tmp_path: Path) -> None:
    config = configured(SMALL / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    mine = File.generated(config, "map.md", content="# My map\n")
    with pytest.raises(PluginError, match=r"map\.md clashes"):
        plugin_of(config).on_files(Files([mine]), config=config)


# -- whole builds ------------------------------------------------------------------------

@pytest.mark.slow
def test_interface_strings_can_be_changed_in_mkdocs_yml(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    config = set_plugin_options(root, "      strings:\n        start_now: Begin here\n"
                                      "        help_area: Still need help?\n")
    site = build_site(config, tmp_path / "site")
    main = content(read_page(site, "/troubleshoot/"))
    assert main.find(class_="ht-start-now").text() == "Begin here"
    assert main.find("aside", class_="ht-help-area").find("h2").text() == "Still need help?"


@pytest.mark.slow
def test_base_option_moves_the_tree_pages(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    (root / "content" / "index.md").write_text("# Home\n\n[Start](help/index.md)\n", encoding="utf-8")
    site = build_site(set_plugin_options(root, "      base: help\n"), tmp_path / "site")
    assert (site / "help" / "forgot" / "index.html").is_file()
    assert (site / "help" / "old-reset" / "index.html").is_file()
    assert not (site / "troubleshoot").exists()


@pytest.mark.slow
def test_article_titles_with_markup_are_shown_as_text(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    article = root / "content" / "guides" / "support.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Support for you", 'title: "Support <b>for</b> you & yours"'), encoding="utf-8")
    site = build_site(root / "mkdocs.yml", tmp_path / "site")
    page = read_page(site, "/guides/support/")
    assert page.find("title").text() == "Support <b>for</b> you & yours - Sign-in help"
    assert not content(page).find_all("b")
