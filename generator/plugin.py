"""The MkDocs plugin: MkDocs events only, each delegating to the core."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.check import Options, Project, check_project
from generator.config import HelptreeConfig
from generator.csp import write_headers
from generator.problems import render_problems
from generator.render import RenderSettings, SiteRenderer
from generator.strings import strings_with

log = logging.getLogger("mkdocs.plugins.helptree")

THEME_DIR = Path(__file__).parent / "theme"  # template overrides only: no static files
ASSETS_DIR = Path(__file__).parent / "assets"
ASSETS = ("assets/helptree/helptree.css", "assets/helptree/helptree.js")
# Loaded by theme/main.html before Material's bundle.js, so not listed in extra_javascript.
LAZY_SEARCH = "assets/helptree/lazy-search.js"
_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def check_options(options: HelptreeConfig) -> Options:
    """The plugin's options as the checks take them (``helptree export`` reads them too)."""
    return Options(max_questions=options.max_questions, allow_raw_html=options.allow_raw_html,
                   max_grade=None if options.max_grade is None else float(options.max_grade))


def render_settings(options: HelptreeConfig, site_url: str) -> RenderSettings:
    """The plugin's options as the renderer takes them; KeyError for an unknown string."""
    return RenderSettings(base=options.base, index_page=options.index_page,
                          map_page=options.map_page, strings=strings_with(options.strings),
                          listed_paths=options.listed_paths, site_url=site_url)


class HelptreePlugin(BasePlugin[HelptreeConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.renderer: SiteRenderer | None = None
        self.tree_path = Path("decision_tree.yaml")
        self.html: dict[str, str] = {}  # generated page source -> its finished HTML body

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check everything before MkDocs cleans site/: a bad tree stops the build here."""
        if not config.use_directory_urls:
            raise PluginError("helptree: set `use_directory_urls: true` in mkdocs.yml; "
                              "the troubleshooter's URLs are /troubleshoot/<node-id>/")
        self.tree_path = Path(config.config_file_path or ".").parent / self.config.tree
        if not self.config.web_font:  # privacy by default: system fonts, no request to Google
            config.theme["font"] = False
        try:
            settings = render_settings(self.config, config.site_url or "")
        except KeyError as err:
            raise PluginError(f"helptree: unknown interface string(s) in `strings`: {err}") from None
        project = check_project(self.tree_path, config.docs_dir, check_options(self.config))
        if not project.ok:
            raise PluginError("helptree: the tree or its articles have problems:\n"
                              + render_problems(project.errors))
        for warning in project.problems:
            log.warning(warning.headline())
        self.project = project
        self.html = {}  # `mkdocs serve` reuses the plugin: drop pages of a previous build
        self.renderer = SiteRenderer(project, settings)
        self._add_theme(config)
        self._add_redirects(config)
        return config

    def _add_theme(self, config: MkDocsConfig) -> None:
        # After the user's custom_dir, so a project can still override our partials.
        theme = config.theme
        position = 1 if theme.custom_dir else 0
        if str(THEME_DIR) not in theme.dirs:
            theme.dirs.insert(position, str(THEME_DIR))
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if asset not in [str(item) for item in target]:
                target.append(asset)

    def _add_redirects(self, config: MkDocsConfig) -> None:
        assert self.renderer is not None
        redirects = self.renderer.redirects()
        if not redirects:
            return
        plugin = config.plugins.get("redirects")
        if plugin is None:
            from mkdocs_redirects.plugin import RedirectPlugin  # type: ignore[import-untyped]

            plugin = RedirectPlugin()
            plugin.load_config({"redirect_maps": {}})
            config.plugins["redirects"] = plugin
        plugin.config["redirect_maps"] = {**redirects, **plugin.config.get("redirect_maps", {})}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        for page in self.renderer.pages():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"helptree: {config.docs_dir}/{page.src_uri} clashes with a "
                                  f"generated page; rename it, or change the plugin's `base`, "
                                  "`index_page` or `map_page` option")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # MkDocs reads only the front matter; the finished HTML goes back in
            # on_page_content, sparing two Markdown passes over HTML that is already done.
            self.html[page.src_uri] = page.html
            files.append(File.generated(config, page.src_uri, content=page.front_matter,
                                        inclusion=inclusion))
        for asset in (*ASSETS, LAZY_SEARCH):
            source = ASSETS_DIR / Path(asset).name
            files.append(File.generated(config, asset, abs_src_path=str(source)))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        body = self.html.get(page.file.src_uri)
        if body is None:
            return html
        # MkDocs validates #anchors against the ids it saw; tell it about ours.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ANCHOR_ID.findall(body))
        return body

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Articles get their contact placeholders filled and their front matter escaped."""
        assert self.project is not None
        assert self.project.tree is not None
        if page.meta.get("helptree"):
            return markdown
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = html.escape(value)
        if isinstance(page.meta.get("title"), str):
            page.title = page.meta["title"]
        assert self.renderer is not None
        return self.renderer.article_markdown(markdown)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        assert self.renderer is not None
        context["helptree_help"] = self.renderer.help_area(page.url)  # type: ignore[typeddict-unknown-key]
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """The 404 page is served at any address, so its links are absolute paths."""
        if template_name == "404.html" and self.renderer is not None:
            root = urlsplit(config.site_url or "/").path
            context["helptree_not_found"] = self.renderer.not_found_help(root)  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-100)  # last: after mkdocs-redirects has written its pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Security headers: `_headers` with a Content-Security-Policy that allows only this
        site's own scripts and the hashes of the inline ones just built (generator/csp.py)."""
        write_headers(Path(config.site_dir))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> None:
        server.watch(str(self.tree_path))
