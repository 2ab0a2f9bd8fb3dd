"""The MkDocs plugin's events, driven through MkDocs' own config loading."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from sitekit import build_site, content, read_page
from treekit import SMALL

from generator.plan.site import THEME_DIR
from generator.write.plugin import HelptreePlugin
from generator.write.preview import PROBLEMS_PAGE


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: records what the plugin asks it to watch."""

    def __init__(self, root: str = "site") -> None:
        self.watched: dict[str, bool] = {}  # path -> recursive
        self.builder = lambda: None
        self.root, self.mount_path = root, "/"
        self.app: Any = None

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.watched[path] = recursive

    def unwatch(self, path: str) -> None:
        del self.watched[path]

    def get_app(self) -> Any:
        return self.app

    def set_app(self, app: Any) -> None:
        self.app = app


def served_config(config_file: Path, **overrides: Any) -> tuple[MkDocsConfig, RecordingServer]:
    """The config after on_config and on_serve, as `mkdocs serve` has it."""
    config = load_config(str(config_file), **overrides)
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    SERVING.append(plugin)
    config = config.plugins.on_config(config)
    server = RecordingServer()
    returned = config.plugins.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert returned is server  # the chain of serve events keeps the same server
    return config, server


SERVING: list[HelptreePlugin] = []


@pytest.fixture(autouse=True)
def _leave_plugins_building() -> Iterator[None]:
    """MkDocs keeps a plugin with on_startup alive across configs: a test that serves
    leaves it building for the next one."""
    yield
    while SERVING:
        SERVING.pop().on_startup(command="build", dirty=False)


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

def resolved(paths: dict[str, bool]) -> dict[Path, bool]:
    return {Path(p).resolve(): recursive for p, recursive in paths.items()}


def test_serve_watches_every_file_the_project_reads() -> None:
    """mkdocs.yml, the tree, the articles (recursively) and, for the contacts file that is
    not there yet, its folder, so that writing it rebuilds."""
    _, server = served_config(SMALL / "mkdocs.yml")
    assert resolved(server.watched) == {
        (SMALL / "mkdocs.yml").resolve(): False, (SMALL / "decision_tree.yaml").resolve(): False,
        (SMALL / "content").resolve(): True, SMALL.resolve(): False}


def test_serve_watches_the_tree_named_in_the_options(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    (root / "flows").mkdir()
    (root / "decision_tree.yaml").rename(root / "flows" / "signin.yaml")
    _, server = served_config(set_plugin_options(root, "      tree: flows/signin.yaml\n"))
    assert (root / "flows" / "signin.yaml").resolve() in resolved(server.watched)
    assert (root / "decision_tree.yaml").resolve() not in resolved(server.watched)


def test_serve_watches_every_guide_every_translation_and_the_contacts(tmp_path: Path) -> None:
    from test_languages import bilingual

    config_file = bilingual(tmp_path)
    root = config_file.parent
    _, server = served_config(config_file)
    watched = resolved(server.watched)
    for name in ("login.yaml", "login.es.yaml", "money.yaml", "money.es.yaml",
                 "contacts.yaml", "contacts.es.yaml", "mkdocs.yml"):
        assert watched[(root / name).resolve()] is False, name
    assert watched[(root / "content").resolve()] is True
    assert watched[root.resolve()] is False  # for translations.lock, not written yet


def test_serve_shows_a_broken_project_as_a_page_listing_its_problems(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    tree = root / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")
    site_dir = tmp_path / "site"
    config, _ = served_config(root / "mkdocs.yml", site_dir=str(site_dir))  # no PluginError
    plugin = plugin_of(config)
    article = File.generated(config, "guides/reset.md", content="# Reset\n")
    assert list(plugin.on_files(Files([article]), config=config)) == []  # no page to build
    plugin.on_post_build(config=config)
    page = (site_dir / PROBLEMS_PAGE).read_text(encoding="utf-8")
    assert f"{tree}:29:15" in page
    assert "lockd" in page
    assert "The help center has problems" in page


def test_serve_with_strict_shows_warnings_instead_of_stopping(tmp_path: Path) -> None:
    """With `strict: true` a warning stops `mkdocs build`; the preview lists it instead
    of stopping the server."""
    root = copy_small(tmp_path)
    article = root / "content" / "guides" / "reset.md"
    article.write_text(article.read_text(encoding="utf-8").replace("2026-11-20", "2020-01-01"),
                       encoding="utf-8")
    config, _ = served_config(root / "mkdocs.yml", strict=True, site_dir=str(tmp_path / "site"))
    plugin = plugin_of(config)
    assert plugin.preview is not None
    assert plugin.preview.problems is not None
    assert [p.code for p in plugin.preview.problems] == ["HT301"]
    assert config.nav is None  # nothing left to warn about pages the build leaves out


def test_a_served_rebuild_after_a_broken_one_checks_afresh(tmp_path: Path) -> None:
    """The plugin lives across rebuilds: a fixed project builds, with nothing left of the
    broken one (the output check of the last good build was once left behind)."""
    root = copy_small(tmp_path)
    tree = root / "decision_tree.yaml"
    good = tree.read_text(encoding="utf-8")
    config, _ = served_config(root / "mkdocs.yml")
    plugin = plugin_of(config)
    assert plugin.site is not None
    assert plugin.output is None
    plugin.output = object()  # type: ignore[assignment]
    tree.write_text(good.replace("next: locked", "next: lockd"), encoding="utf-8")
    config = config.plugins.on_config(load_config(str(root / "mkdocs.yml")))
    assert plugin.site is None
    assert plugin.output is None
    assert plugin.preview is not None
    assert plugin.preview.broken
    tree.write_text(good, encoding="utf-8")
    config.plugins.on_config(load_config(str(root / "mkdocs.yml")))
    assert plugin.site is not None
    assert not plugin.preview.broken


def test_serve_keeps_the_published_site_url_for_printouts_and_staff_replies() -> None:
    """`mkdocs serve` sets site_url to the local address; the QR codes, print URLs and staff
    replies of the preview still name where readers go (and no code is made for 127.0.0.1)."""
    two = SMALL.parent / "two-guides"
    config = load_config(str(two / "mkdocs.yml"))
    config.site_url = "http://127.0.0.1:8000/"  # what `mkdocs serve` does before on_config
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    SERVING.append(plugin)
    config.plugins.on_config(config)
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
    assert levels["a-z/index.md"] == InclusionLevel.INCLUDED
    assert levels["map/index.md"] == InclusionLevel.INCLUDED
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


# -- behind the checks of mkdocs.yml: what MkDocs is about to publish ------------------

def _configured_then(root: Path, change: Callable[[], list[str]]) -> tuple[MkDocsConfig, Files]:
    """The project through on_config (every check passed), then ``change`` made to it, as
    if a file or link appeared after the checks ran; the files it names under content/."""
    config = configured(root / "mkdocs.yml")
    files = Files([File(src, str(root / "content"), config.site_dir, True) for src in change()])
    return config, files


def test_a_file_from_outside_the_project_is_not_published(tmp_path: Path) -> None:
    root = copy_small(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET", encoding="utf-8")

    def link() -> list[str]:
        (root / "content" / "leak").symlink_to(outside)
        return ["leak/secret.txt"]
    config, files = _configured_then(root, link)
    with pytest.raises(PluginError, match=r"HT516") as refused:
        plugin_of(config).on_files(files, config=config)
    assert "SECRET" not in str(refused.value)


def test_two_files_that_differ_only_in_case_are_not_published(tmp_path: Path) -> None:
    root = copy_small(tmp_path)

    def write() -> list[str]:
        for name in ("Notes.txt", "notes.txt"):
            (root / "content" / name).write_text(name, encoding="utf-8")
        return ["Notes.txt", "notes.txt"]
    config, files = _configured_then(root, write)
    with pytest.raises(PluginError, match=r"differ only in case.*HT504"):
        plugin_of(config).on_files(files, config=config)


def test_a_failed_build_lists_the_warnings_of_the_same_run_with_its_errors(tmp_path: Path) -> None:
    """The build once said only the errors, and the warnings came back after the fix."""
    root = copy_small(tmp_path)
    tree = root / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")
    article = root / "content" / "guides" / "reset.md"
    article.write_text(article.read_text(encoding="utf-8").replace("2026-11-20", "2020-01-01"),
                       encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        configured(root / "mkdocs.yml")
    assert "[HT202]" in str(raised.value)
    assert "[HT301]" in str(raised.value)
