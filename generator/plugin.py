"""The MkDocs plugin: MkDocs events only, each writing out part of the planned ``Site``."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.cache import template_cache
from generator.check import check
from generator.config import HelptreeConfig
from generator.contacts import expand
from generator.csp import write_headers
from generator.output_check import SiteOutputCheck, read_templates
from generator.problems import Location, Problem, render_problems
from generator.project import ProjectError, ProjectSpec, project_from, published_site_url
from generator.render import SiteRenderer
from generator.site import THEME_DIR, Site, plan

log = logging.getLogger("mkdocs.plugins.helptree")
_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


class HelptreePlugin(BasePlugin[HelptreeConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.spec: ProjectSpec | None = None
        self.serving = False
        self.problems: list[Problem] = []  # why the project cannot be built (serve shows them)
        self.html: dict[str, str] = {}  # generated page source -> its finished HTML body
        self.navs: dict[str, Navigation] = {}  # language prefix -> its navigation
        self.short_navs: dict[str, Navigation] = {}  # the same, for question and outcome pages
        self.files: Files | None = None  # the site's files and navigation, for the other
        self.nav: Navigation | None = None  # languages' 404 pages written after the build
        self.not_found_in: SiteRenderer | None = None  # the language a 404 is being written in
        self.site_name = ""  # mkdocs.yml's, for the main language
        self.site_description: str | None = None  # likewise
        self.output: SiteOutputCheck | None = None  # the check of every built page
        self.env: Environment | None = None  # the theme's, as MkDocs renders with it

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check everything before MkDocs cleans site/: a bad tree stops the build here,
        or, under `mkdocs serve`, becomes a page that lists every problem."""
        self.site, self.problems, self.html = None, [], {}
        self.site_name, self.site_description = config.site_name, config.site_description
        if not self.config.web_font:  # privacy by default: system fonts, no request to Google
            config.theme["font"] = False
        config_file = Path(config.config_file_path or "mkdocs.yml")
        try:
            if not config.use_directory_urls:
                raise ProjectError([Problem(Location(str(config_file)), "HT505",
                                            "`use_directory_urls` must be true",
                                            "the troubleshooter's URLs are /<base>/<node-id>/")])
            # Under `mkdocs serve` config.site_url is the local address: a printout or a staff
            # reply from the preview must still name the published one.
            site_url = published_site_url(config_file) if self.serving else config.site_url or ""
            self.spec = project_from(self.config, config_file=config_file,
                                     docs_dir=Path(config.docs_dir), site_url=site_url)
        except ProjectError as err:
            self._fail(err.problems)
            return self._with_theme(config)
        report = check(self.spec)
        if report.project is None:
            self._fail(report.errors)
            return self._with_theme(config)
        for warning in report.project.warnings:
            log.warning(warning.headline())
        self.site = plan(report.project)
        self._add_redirects(config)
        return self._with_theme(config)

    def _fail(self, problems: list[Problem]) -> None:
        message = "helptree: the project has problems:\n" + render_problems(problems)
        if not self.serving:
            raise PluginError(message)
        log.error(message)  # and the browser shows them: see on_files
        self.problems = problems

    def _with_theme(self, config: MkDocsConfig) -> MkDocsConfig:
        # After the user's custom_dir, so a project can still override our partials.
        theme = config.theme
        if str(THEME_DIR) not in theme.dirs:
            theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        if self.site is not None:
            for assets, target in ((self.site.stylesheets, config.extra_css),
                                   (self.site.scripts, config.extra_javascript)):
                target.extend(a for a in assets if a not in [str(item) for item in target])
        return config

    def _add_redirects(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        if not self.site.redirects:
            return
        plugin = config.plugins.get("redirects")
        if plugin is None:
            from mkdocs_redirects.plugin import RedirectPlugin  # type: ignore[import-untyped]

            plugin = RedirectPlugin()
            plugin.load_config({"redirect_maps": {}})
            config.plugins["redirects"] = plugin
        plugin.config["redirect_maps"] = {**self.site.redirects,
                                          **plugin.config.get("redirect_maps", {})}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:
            return self._error_site(files, config)
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"helptree: {config.docs_dir}/{page.src_uri} clashes with a "
                                  "generated page; rename it, or change the plugin's `base`, "
                                  "`index_page` or `map_page` option")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # MkDocs reads only the front matter; the finished HTML goes back in
            # on_page_content, sparing two Markdown passes over HTML that is already done.
            self.html[page.src_uri] = page.html
            files.append(File.generated(config, page.src_uri, content=page.front_matter,
                                        inclusion=inclusion))
        for asset in self.site.assets:
            files.append(File.generated(config, asset.dest, content=asset.content)
                         if asset.content is not None
                         else File.generated(config, asset.dest, abs_src_path=str(asset.source)))
        # Articles of other languages (`name.es.md`) are served at their planned URL
        # (`es/name/`), not where MkDocs would put them (`name.es/`).
        for article in self.site.articles.values():
            if article.src_uri != article.article.source_uri:
                twin = files.get_file_from_path(article.article.source_uri)
                if twin is not None and article.article.source_uri not in self.site.articles:
                    files.remove(twin)
                files.append(File.generated(config, article.src_uri, content=article.markdown))
        self.output = _output_check(config, files, self.site)
        self.files = files
        return files

    def _error_site(self, files: Files, config: MkDocsConfig) -> Files:
        """Under `mkdocs serve`, a broken project is one page listing every problem (and the
        404 page says the same), until a saved fix reloads the real site."""
        kept = Files([f for f in files if not f.is_documentation_page()])
        problems = html.escape(render_problems(self.problems))
        page = ("---\ntitle: The help center has problems\nsearch:\n  exclude: true\n---\n\n"
                '<div class="ht-page ht-problems"><h1>The help center has problems</h1>'
                "<p>Fix these, save, and this page reloads by itself.</p>"
                f"<pre>{problems}</pre></div>\n")
        self.html["index.md"] = page.split("\n\n", 1)[1]
        kept.append(File.generated(config, "index.md", content=page))
        return kept

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
        """Articles as the plan has them: contacts filled in, title and description escaped."""
        if self.site is None or page.meta.get("helptree"):
            return markdown
        _check_template(page, config, self.site)
        article = self.site.articles.get(page.file.src_uri)
        if article is None:  # a page MkDocs builds that is no article (`notes.markdown`)
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = html.escape(page.meta[key])
            return expand(markdown, self.site.renderer.project.contacts, escape_html=True)
        for key, value in article.escaped_meta.items():
            if isinstance(page.meta.get(key), str):
                page.meta[key] = value
        page.meta.update(article.added_meta)
        if isinstance(page.meta.get("title"), str):
            page.title = page.meta["title"]
        return article.body

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In several languages, each language gets a navigation of its own pages only,
        with section titles from `nav_titles`, and previous/next links within it. Question
        and outcome pages get a short one (home, the guides, the A-Z, the map, the staff
        desk): a reader in the middle of a guide needs no list of every article, and every
        node page stays small."""
        self.navs, self.short_navs = {}, {}
        if self.site is None:
            return nav
        prefixes = [r.project.prefix for r in self.site.renderers[1:]]
        for renderer in self.site.renderers:
            prefix, language = renderer.project.prefix, renderer.project.language
            items, pages = nav.items, nav.pages
            if prefixes:
                items = _nav_items(nav.items, prefix, prefixes,
                                   self.config.nav_titles.get(language, {}))
                if prefix and len(items) == 1 and isinstance(items[0], Section):
                    items = items[0].children  # the language's folder: its contents are the top
                pages = [p for p in nav.pages if _in_language(p.url, prefix, prefixes)]
                for number, page in enumerate(pages):
                    page.previous_page = pages[number - 1] if number else None
                    page.next_page = pages[number + 1] if number + 1 < len(pages) else None
                self.navs[prefix] = Navigation(items, pages)
            starts = {f"{guide.base}/index.md" for guide in renderer.project.guides}
            self.short_navs[prefix] = Navigation(_short_items(items, starts), pages)
        self.nav = self.navs.get("", nav)
        return self.nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates come compiled from the cache folder (generator/cache.py),
        and the other languages' 404 pages are rendered with this same environment."""
        if env.bytecode_cache is None:
            env.bytecode_cache = template_cache()
        self.env = env
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if self.site is not None:
            context["helptree_help"] = self.site.help_area(page.url)  # type: ignore[typeddict-unknown-key]
            renderer = self.site.renderer_of(page.url)
            if page.meta.get("helptree") in ("question", "outcome"):
                context["nav"] = self.short_navs[renderer.project.prefix]
            elif self.navs:
                context["nav"] = self.navs[renderer.project.prefix]
            if self.navs:
                # The site's name in the page's language: the title of that language's home
                # page. MkDocs renders one page at a time, so this holds for this page only.
                home = renderer.project.articles.get("index.md")
                other = bool(renderer.project.prefix and home)
                config.site_name = home.title if other and home else self.site_name
                config.site_description = (home.description or self.site_description) \
                    if other and home else self.site_description
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """The 404 page is served at any address, so its links are absolute paths."""
        if template_name == "404.html" and self.site is not None:
            root = urlsplit(config.site_url or "/").path
            renderer = self.not_found_in or self.site.renderer
            context["helptree_not_found"] = renderer.not_found_help(root)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The output check: a script or address the templates did not write stops the
        build here, before the page is written (generator/output_check.py)."""
        if self.site is None or self.output is None:
            return output  # `mkdocs serve` showing the problems of a broken project
        _stop_on(self.output.page(output, page.url, self._source_of(page)))
        return output

    def _source_of(self, page: Page) -> str:
        """The file a page comes from: its article, or the tree of its guide."""
        assert self.site is not None
        if page.file.abs_src_path and not page.meta.get("helptree"):
            article = self.site.articles.get(page.file.src_uri)
            return str(article.article.source.name) if article else page.file.abs_src_path
        return str(self.site.renderer_of(page.url).guide_of(page.url).spec.tree)

    @event_priority(-100)  # last: after mkdocs-redirects has written its pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The output check over pages others wrote (redirects, 404), then security
        headers: a CSP allowing only the templates' inline scripts (generator/csp.py)."""
        config.site_name, config.site_description = self.site_name, self.site_description
        if self.output is None:
            return
        self._write_other_not_found_pages(config)
        _stop_on(self.output.rest_of_site(Path(config.site_dir), str(config.config_file_path)))
        write_headers(Path(config.site_dir), self.output.script_hashes)

    def _write_other_not_found_pages(self, config: MkDocsConfig) -> None:
        """`/es/404.html` and the like: static hosts serve the nearest 404.html, so a reader
        of another language who follows a wrong link gets the 404 page in their language,
        Material's interface included (the theme's language, for this one page)."""
        assert self.site is not None
        if self.files is None or self.nav is None or self.env is None:
            return
        from mkdocs.commands.build import _build_template  # the 404 as MkDocs builds it

        theme, language = config.theme, config.theme["language"]
        for renderer in self.site.renderers[1:]:
            home = renderer.project.articles.get("index.md")
            self.not_found_in, theme["language"] = renderer, renderer.project.language
            config.site_name = home.title if home else self.site_name
            try:
                template = self.env.get_template("404.html")
                page = _build_template("404.html", template, self.files, config,
                                       self.navs.get(renderer.project.prefix, self.nav))
            finally:
                self.not_found_in, theme["language"], config.site_name = None, language, self.site_name
            target = Path(config.site_dir) / renderer.project.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> None:
        if self.spec is not None:
            for guide in self.spec.guides:
                server.watch(str(guide.tree))
            if self.spec.contacts_file is not None:
                server.watch(str(self.spec.contacts_file))


def _in_language(url: str, prefix: str, prefixes: list[str]) -> bool:
    return url.startswith(prefix) if prefix else not any(url.startswith(p) for p in prefixes)


def _short_items(items: list[Any], starts: set[str]) -> list[Any]:
    """The top of a navigation: its own pages and links, and each guide's start page."""
    kept: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            kept += [child for child in item.children
                     if isinstance(child, Page) and child.file.src_uri in starts]
        else:
            kept.append(item)
    return kept


def _nav_items(items: list[Any], prefix: str, prefixes: list[str],
               titles: dict[str, str]) -> list[Any]:
    """The navigation items of one language: its pages, sections that hold any, links."""
    kept: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            children = _nav_items(item.children, prefix, prefixes, titles)
            if children:
                section = Section(titles.get(item.title, item.title), children)
                for child in children:
                    child.parent = section
                kept.append(section)
        elif isinstance(item, Page):
            if _in_language(item.url, prefix, prefixes):
                kept.append(item)
        else:
            kept.append(item)
    return kept


def _stop_on(problems: list[Problem]) -> None:
    if problems:
        raise PluginError("helptree: the built site has problems:\n" + render_problems(problems))


def _output_check(config: MkDocsConfig, files: Files, site: Site) -> SiteOutputCheck:
    """What the templates, the theme and mkdocs.yml may put into pages; nothing else may."""
    templates = read_templates(Path(folder) for folder in config.theme.dirs)
    from mkdocs_redirects.plugin import HTML_TEMPLATE

    templates.append(HTML_TEMPLATE)
    docs = Path(config.docs_dir).resolve()
    scripts = [file.url for file in files if file.url.endswith((".js", ".mjs"))
               and not (file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs))]
    scripts += [str(script) for script in config.extra_javascript]
    social: list[Any] = list(config.extra.get("social") or [])
    links = [config.repo_url or "", config.site_url or ""]
    links += [str(item.get("link", "")) for item in social if isinstance(item, dict)]
    return SiteOutputCheck.for_site(config.site_url or "", templates, scripts,
                                    site.renderer.project.scope.allows_host, links)


def _check_template(page: Page, config: MkDocsConfig, site: Site) -> None:
    """HT513 at the front matter line: a `template:` no theme folder holds would otherwise
    stop MkDocs with a bare TemplateNotFound."""
    name = page.meta.get("template")
    if not isinstance(name, str):
        return
    from jinja2 import TemplateNotFound

    try:
        config.theme.get_env().get_template(name)
    except TemplateNotFound:
        article = site.articles.get(page.file.src_uri)
        node = article.article.meta.get("template") if article else None
        where = node.location if node else Location(page.file.abs_src_path or page.file.src_uri)
        raise PluginError("helptree: " + Problem(
            where, "HT513", f"front matter `template` names `{name}`, which no theme folder holds",
            "remove the key, or add the template to `theme.custom_dir`").headline()) from None
