"""The MkDocs plugin: MkDocs events only, each writing out part of the planned ``Site``."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import Environment, TemplateNotFound
from mkdocs.commands.build import _build_template  # the 404 of another language, as MkDocs builds it
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from mkdocs_redirects.plugin import HTML_TEMPLATE, RedirectPlugin  # type: ignore[import-untyped]

from generator.cache import template_cache
from generator.check.output import SiteOutputCheck, read_templates
from generator.check.run import check
from generator.languages import language as language_record
from generator.plan.desk import save_qr_codes
from generator.plan.navigation import NavItem, NavPage, NavSection
from generator.plan.site import ASSETS_DIR, THEME_DIR, Site, plan
from generator.problems import Location, Problem, ProblemsError, render_problems
from generator.project.config import HelptreeConfig
from generator.project.mkdocs_yml import directory_urls_problem, project_of, read_mkdocs_yml
from generator.source.spec import ProjectSpec
from generator.write.csp import write_headers
from generator.write.preview import Preview

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
        self.not_found_in: str | None = None  # the prefix of the language a 404 is written in
        self.site_name = ""  # mkdocs.yml's, for the main language
        self.site_description: str | None = None  # likewise
        self.output: SiteOutputCheck | None = None  # the check of every built page
        self.env: Environment | None = None  # the theme's, as MkDocs renders with it
        self.preview: Preview | None = None  # under `mkdocs serve`: what the browser is shown

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        if not self.serving:
            self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check everything before MkDocs cleans site/: a bad tree stops the build here,
        or, under `mkdocs serve`, becomes a page that lists every problem (warnings too,
        with `strict: true`, since they would stop the build)."""
        self.site, self.problems, self.html = None, [], {}
        self.output, self.files, self.nav = None, None, None  # the last build's are stale
        self.site_name, self.site_description = config.site_name, config.site_description
        if not self.config.web_font:  # privacy by default: system fonts, no request to Google
            config.theme["font"] = False
        config_file = Path(config.config_file_path or "mkdocs.yml")
        if self.serving:
            self.preview = self.preview or Preview(config_file)
            self.preview.problems = None
        try:
            if not config.use_directory_urls:  # mkdocs.yml, or `mkdocs build --no-directory-urls`
                raise ProblemsError(directory_urls_problem(config_file))
            self.spec = project_of(read_mkdocs_yml(config_file), self.config, config_file,
                                   Path(config.docs_dir))
        except ProblemsError as err:
            self._fail(err.problems, config)
            return self._with_theme(config)
        if self.preview is not None:
            self.preview.watch(self.spec.source_files())
        report = check(self.spec)
        if report.project is None:
            self._fail(report.problems, config)
            return self._with_theme(config)
        if self.preview is not None and config.strict and report.project.warnings:
            self._fail(report.problems, config)
            return self._with_theme(config)
        for warning in report.project.warnings:
            log.warning(warning.headline())
        self.site = plan(report.project)
        self._add_redirects(config)
        return self._with_theme(config)

    def _fail(self, problems: list[Problem], config: MkDocsConfig) -> None:
        if self.preview is None:
            raise SiteProblemsError(*problems)
        # Under `mkdocs serve`: this build writes the problems page only (see on_files and
        # on_post_build), with no navigation to check against pages it leaves out.
        self.preview.fail(problems)
        self.problems = problems
        config.nav = None

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
            plugin = RedirectPlugin()
            plugin.load_config({"redirect_maps": {}})
            config.plugins["redirects"] = plugin
        plugin.config["redirect_maps"] = {**self.site.redirects,
                                          **plugin.config.get("redirect_maps", {})}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:  # `mkdocs serve` of a broken project: see generator/write/preview.py
            return Files([])
        taken = {file.url: file.src_uri for file in files.documentation_pages()}
        for page in self.site.pages:
            if page.url in taken:
                raise SiteProblemsError(Problem(
                    Location(str(Path(config.docs_dir) / taken[page.url])), "HT504",
                    f"{config.docs_dir}/{taken[page.url]} clashes with a generated page",
                    "rename it, or change the plugin's `base`, `index_page` or `map_page` option"))
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
        _stop_on(_foreign_files(files, config) + _case_collisions(files, config))
        self.output = _output_check(config, files, self.site)
        self.files = files
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
        """Articles and the other Markdown pages as the plan has them: contacts filled in,
        title and description escaped."""
        if self.site is None or page.meta.get("helptree"):
            return markdown
        _check_template(page, config, self.site)
        article = self.site.articles.get(page.file.src_uri) or \
            self.site.other_pages.get(page.file.src_uri)
        if article is None:
            return markdown
        for key, value in article.escaped_meta.items():
            if isinstance(page.meta.get(key), str):
                page.meta[key] = value
        page.meta.update(article.added_meta)
        if isinstance(page.meta.get("title"), str):
            page.title = page.meta["title"]
        return article.body

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Each language's navigation as the plan has it (generator/plan/navigation.py), made of
        MkDocs' own pages, with previous/next links within it; the short one of question
        and outcome pages beside it."""
        self.navs, self.short_navs = {}, {}
        if self.site is None:
            return nav
        pages = {file.src_uri: file.page for file in files.documentation_pages()
                 if isinstance(file.page, Page)}
        for language in self.site.languages:
            items = _mkdocs_items(language.navigation, pages, None)
            listed = list(_pages_in(items))
            for number, page in enumerate(listed):
                page.previous_page = listed[number - 1] if number else None
                page.next_page = listed[number + 1] if number + 1 < len(listed) else None
            self.navs[language.prefix] = Navigation(items, listed)
            # The same page objects: each keeps its place (parent) in the whole navigation.
            short = _mkdocs_items(language.short_navigation, pages, None, reparent=False)
            self.short_navs[language.prefix] = Navigation(short, listed)
        self.nav = self.navs[""]
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
            language = self.site.language_of(page.url)
            short = page.meta.get("helptree") in ("question", "outcome")
            context["nav"] = (self.short_navs if short else self.navs)[language.prefix]
            # The site's name in the page's language. MkDocs renders one page at a time, so
            # this holds for this page only.
            config.site_name = language.site_name or self.site_name
            config.site_description = language.site_description or self.site_description \
                if language.site_name else self.site_description
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """The 404 page is served at any address, so its links are absolute paths."""
        if template_name == "404.html" and self.site is not None:
            root = urlsplit(config.site_url or "/").path
            context["helptree_not_found"] = self.site.not_found(root, self.not_found_in or "")  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The output check: a script or address the templates did not write stops the
        build here, before the page is written (generator/check/output.py)."""
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
        headers: a CSP allowing only the templates' inline scripts (generator/write/csp.py)."""
        config.site_name, config.site_description = self.site_name, self.site_description
        if self.preview is not None and self.preview.broken:
            self.preview.write(config.site_dir)
        if self.output is None:
            return
        self._write_other_not_found_pages(config)
        _stop_on(self.output.rest_of_site(Path(config.site_dir), str(config.config_file_path)))
        write_headers(Path(config.site_dir), self.output.script_hashes,
                      self.site.renderer.project.spec.settings.third_party if self.site else ())
        save_qr_codes()  # the codes this build made, for the next process (generator/cache.py)

    def _write_other_not_found_pages(self, config: MkDocsConfig) -> None:
        """`/es/404.html` and the like: static hosts serve the nearest 404.html, so a reader
        of another language who follows a wrong link gets the 404 page in their language,
        Material's interface included (the theme's language, for this one page)."""
        assert self.site is not None
        if self.files is None or self.nav is None or self.env is None:
            return
        theme, language = config.theme, config.theme["language"]
        for other in self.site.languages[1:]:
            self.not_found_in, theme["language"] = other.prefix, language_record(other.code).theme_language
            config.site_name = other.site_name or self.site_name
            try:
                template = self.env.get_template("404.html")
                page = _build_template("404.html", template, self.files, config,
                                       self.navs[other.prefix])
            finally:
                self.not_found_in, theme["language"], config.site_name = None, language, self.site_name
            target = Path(config.site_dir) / other.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        """Every file the project reads is watched, every rebuild ends (a failure shows
        the problems page), and a broken project answers every address with that page."""
        if self.preview is not None:
            self.preview.attach(server)
        return server


def _mkdocs_items(items: tuple[NavItem, ...], pages: dict[str, Page], parent: Section | None,
                  reparent: bool = True) -> list[Any]:
    """A planned navigation made of MkDocs' objects: its pages, new sections and links."""
    made: list[Any] = []
    for item in items:
        if isinstance(item, NavSection):
            section = Section(item.title, [])
            section.children = _mkdocs_items(item.children, pages, section, reparent)
            made.append(section)
        elif isinstance(item, NavPage):
            made.append(pages[item.src_uri])
        else:
            made.append(Link(item.title, item.url))
        if reparent or not isinstance(item, NavPage):
            made[-1].parent = parent
    return made


def _pages_in(items: list[Any]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Section):
            yield from _pages_in(item.children)
        elif isinstance(item, Page):
            yield item


def _foreign_files(files: Files, config: MkDocsConfig) -> list[Problem]:
    """Behind the checks of mkdocs.yml (generator/source/settings.py): a file MkDocs would
    publish must really be the project's, or an installed theme's, wherever its path says
    it is (a symbolic link followed, a folder swapped after the check)."""
    project = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    custom = Path(config.theme.custom_dir).absolute() if config.theme.custom_dir else None
    installed = [Path(folder).resolve() for folder in config.theme.dirs
                 if custom is None or Path(folder).absolute() != custom]
    installed.append(ASSETS_DIR.resolve())
    problems = []
    for file in files:
        if not file.abs_src_path:
            continue
        real = Path(file.abs_src_path).resolve()
        if any(real.is_relative_to(folder) for folder in (project, *installed)):
            continue
        problems.append(Problem(Location(str(config.config_file_path or "mkdocs.yml")), "HT516",
                                f"`{file.src_uri}` would be published from {real}, outside the "
                                "project (through a symbolic link)", "keep the project's files "
                                "in real files inside its folder"))
    return problems


def _case_collisions(files: Files, config: MkDocsConfig) -> list[Problem]:
    """Behind HT504 of the checks: two files that one case-insensitive disk or host would
    write to one place (`Troubleshoot/index.html`, `troubleshoot/index.html`)."""
    seen: dict[str, File] = {}
    problems = []
    for file in files:
        first = seen.setdefault(file.dest_uri.casefold(), file)
        if first is not file and first.dest_uri != file.dest_uri:
            problems.append(Problem(Location(file.abs_src_path or str(config.config_file_path)),
                                    "HT504", f"`{file.src_uri}` and `{first.src_uri}` would be "
                                    f"published as `{file.dest_uri}` and `{first.dest_uri}`, which "
                                    "differ only in case: one would replace the other",
                                    "rename one of them"))
    return problems


class SiteProblemsError(PluginError):
    """The plugin stops a build: MkDocs stops on a ``PluginError`` only, so this is
    ``ProblemsError``'s problems in MkDocs' type (the safe build and the preview read
    ``problems``)."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("helptree: the project has problems:\n" + render_problems(list(problems)))
        self.problems = list(problems)


def _stop_on(problems: list[Problem]) -> None:
    if problems:
        raise SiteProblemsError(*problems)


def _output_check(config: MkDocsConfig, files: Files, site: Site) -> SiteOutputCheck:
    """What the templates, the theme and mkdocs.yml may put into pages; nothing else may."""
    templates = read_templates(Path(folder) for folder in config.theme.dirs)
    templates.append(HTML_TEMPLATE)
    docs = Path(config.docs_dir).resolve()
    scripts = [file.url for file in files if file.url.endswith((".js", ".mjs"))
               and not (file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs))]
    # extra_javascript holds this site's files, or those of a host the project opted in to
    # (generator/source/settings.py refuses any other); links from mkdocs.yml were checked there too.
    scripts += [str(script) for script in config.extra_javascript]
    return SiteOutputCheck.for_site(config.site_url or "", templates, scripts,
                                    site.renderer.project.scope.allows_host)


def _check_template(page: Page, config: MkDocsConfig, site: Site) -> None:
    """HT513 at the front matter line: a `template:` no theme folder holds would otherwise
    stop MkDocs with a bare TemplateNotFound."""
    name = page.meta.get("template")
    if not isinstance(name, str):
        return
    try:
        config.theme.get_env().get_template(name)
    except TemplateNotFound:
        article = site.articles.get(page.file.src_uri)
        node = article.article.meta.get("template") if article else None
        where = node.location if node else Location(page.file.abs_src_path or page.file.src_uri)
        raise SiteProblemsError(Problem(
            where, "HT513", f"front matter `template` names `{name}`, which no theme folder holds",
            "remove the key, or add the template to `theme.custom_dir`")) from None
