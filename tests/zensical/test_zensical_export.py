"""`helptree export` built with Zensical (the successor of Material for MkDocs), and the
site it builds proven the way the plugin's site is: every path walked through the answer
links, every internal link and anchor resolved, every alias redirected, the help area,
the 404 help and the assets on every page, and not one address on another host.

Zensical runs no MkDocs plugins, so each part of the exported mkdocs.yml it must read for
itself is checked here, not assumed: `!ENV` (site_url), `redirects.redirect_maps`,
`extra.helptree_not_found` (the 404 help) and `theme.custom_dir` (helptree-theme/: lazy
search, the language of each page, the sitemap).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proof"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

from collections import deque
from functools import cache

from buildkit import once
from sitehtml import NodePage, Site, is_internal, node_page, start_link
from sitekit import HELPTREE, QUIET, Element, html_files, is_redirect, parse

from generator.check.run import CheckedGuide, CheckedProject, check
from generator.model import Outcome, Question
from generator.project.mkdocs_yml import open_project
from generator.text import TextRenderer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CONFIGS = {"guide": ROOT / "mkdocs.yml", "small": FIXTURES / "small" / "mkdocs.yml",
           "ladder": FIXTURES / "ladder" / "mkdocs.yml"}
# Exported and built for test_parity.py too (its tests here would prove nothing more).
EXPORTED = {**CONFIGS, "two": FIXTURES / "two-guides" / "mkdocs.yml"}
ZENSICAL = Path(sys.executable).parent / "zensical"
PATH_LIMIT = 2_000  # more paths than this: proven edge by edge, as tests/proof does
pytestmark = pytest.mark.slow  # builds whole sites


@cache
def editions(name: str) -> tuple[CheckedProject, ...]:
    """The checked project and each other language's edition."""
    spec, _ = open_project(CONFIGS[name])
    report = check(spec)
    assert report.project is not None, report.errors
    return (report.project, *report.project.translations.values())


def guides(name: str) -> list[tuple[CheckedProject, CheckedGuide]]:
    return [(edition, guide) for edition in editions(name) for guide in edition.guides]


class Walk:
    """What the tree says each page of one guide in one language must show and offer."""

    def __init__(self, site: Site, edition: CheckedProject, guide: CheckedGuide) -> None:
        self.site, self.guide, self.tree = site, guide, guide.tree
        self.base = f"{guide.spec.base}/"  # an edition's guides have its prefix: es/troubleshoot
        self.text = TextRenderer(self.tree.contacts)
        self.did_not_work = edition.spec.strings["it_did_not_work"]

    def url(self, node_id: str) -> str:
        return f"{self.base}{node_id}/"

    def moves(self, node_id: str) -> list[tuple[str, str]]:
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            return [(self.text.plain(a.label), a.next) for a in node.answers]
        assert isinstance(node, Outcome)
        return [(self.did_not_work, node.still_stuck)] if node.still_stuck else []

    def page(self, url: str, node_id: str) -> NodePage:
        page = node_page(self.site, url)
        assert url == self.url(node_id), f"/{url}: the page of `{node_id}` has moved"
        assert page.node == node_id, f"/{url}: shows `{page.node}`, expected `{node_id}`"
        assert page.heading == self.text.plain(self.tree.nodes[node_id].title), f"/{url}: heading"
        node = self.tree.nodes[node_id]
        shown = [(c.label, c.next) for c in (page.answers if isinstance(node, Question) else page.not_worked)]
        expected = self.moves(node_id)
        if isinstance(node, Question) or expected:
            assert shown == expected, f"/{url}: links {shown}, the tree says {expected}"
        for choice in page.answers if isinstance(node, Question) else page.not_worked[:len(expected)]:
            assert choice.url == self.url(choice.next), f"/{url}: {choice.label!r} leads to /{choice.url}"
        return page

    def every_path(self) -> int:
        first, walked, seen = start_link(self.site, self.base), 0, set[str]()
        for path in self.guide.index.iter_paths():
            url = first
            for step in path.steps:
                page = self.page(url, step.node) if url not in seen else node_page(self.site, url)
                seen.add(url)
                assert page.node == step.node
                label = self.text.plain(step.answer.label) if step.answer else self.did_not_work
                links = [c for c in (page.answers if step.answer else page.not_worked) if c.label == label]
                assert len(links) == 1, f"/{url}: no single link {label!r}"
                url = links[0].url
            end = self.page(url, path.end)
            assert end.kind == "outcome"
            walked += 1
        return walked

    def every_edge(self) -> int:
        first = start_link(self.site, self.base)
        queue, seen, followed = deque([first]), {first}, set[tuple[str, str, str]]()
        while queue:
            url = queue.popleft()
            page = self.page(url, node_page(self.site, url).node)
            for label, target in self.moves(page.node):
                followed.add((page.node, label, target))
                if self.url(target) not in seen:
                    seen.add(self.url(target))
                    queue.append(self.url(target))
        reachable = set(self.guide.index.reachable_order)
        assert {u.removeprefix(self.base).rstrip("/") for u in seen} == reachable
        assert followed == {(n, label, t) for n in reachable for label, t in self.moves(n)}
        return len(followed)


def zensical_build(export: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """`zensical build --clean` of an export, HELPTREE_SITE_URL set only when given."""
    env = {k: v for k, v in QUIET.items() if k != "HELPTREE_SITE_URL"}
    if site_url is not None:
        env["HELPTREE_SITE_URL"] = site_url
    return subprocess.run([str(ZENSICAL), "build", "--clean", "--config-file", str(export / "mkdocs.yml")],
                          cwd=export, env=env, capture_output=True, text=True, timeout=600, check=False)


def export(name: str, target: Path) -> Path:
    result = subprocess.run([str(HELPTREE), "export", str(target), "--config", str(EXPORTED[name])],
                            cwd=EXPORTED[name].parent, env=QUIET, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return target


def _export_and_build(name: str, folder: Path) -> None:
    """The export of ``name`` in ``folder/export``, built by Zensical; the build's exit code
    and output in ``folder/build.json``."""
    result = zensical_build(export(name, folder / "export"))
    run = {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}
    (folder / "build.json").write_text(json.dumps(run), encoding="utf-8")


def built(name: str, tmp_path_factory: pytest.TempPathFactory,
          ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The export of ``name`` built by Zensical (once per run, for every worker):
    (site folder, the build)."""
    shared = once(tmp_path_factory, f"zensical-{name}", lambda folder: _export_and_build(name, folder))
    run = json.loads((shared / "build.json").read_text(encoding="utf-8"))
    return shared / "export" / "site", subprocess.CompletedProcess(
        ["zensical", "build"], run["returncode"], run["stdout"], run["stderr"])


@pytest.fixture(params=list(CONFIGS))
def zensical_site(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    site, result = built(request.param, tmp_path_factory)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, site


def test_zensical_is_the_version_the_tests_pin() -> None:
    pinned = re.search(r'"zensical==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned is not None, "pyproject.toml's test extra pins no zensical version"
    out = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, check=True).stdout
    assert pinned.group(1) in out


@pytest.mark.parametrize("name", list(CONFIGS))
def test_zensical_builds_the_export_without_a_warning(name: str,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    site, result = built(name, tmp_path_factory)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "No issues found" in output, output
    assert not re.search(r"warning|error", output, re.IGNORECASE), output
    assert (site / "index.html").is_file()


@pytest.mark.parametrize("name", list(CONFIGS))
def test_every_path_of_every_guide_in_every_language_is_walked(
        name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The answer links Zensical wrote lead along every path to its outcome (the ladder,
    with more paths than PATH_LIMIT, is proven edge by edge instead)."""
    site, result = built(name, tmp_path_factory)
    assert result.returncode == 0, result.stdout + result.stderr
    for edition, guide in guides(name):
        walk = Walk(site_of(site), edition, guide)
        if guide.index.count() <= PATH_LIMIT:
            assert walk.every_path() == guide.index.count()
        else:
            assert walk.every_edge() > 0


@pytest.mark.parametrize("name", ["guide", "small", "ladder"])
def test_every_internal_link_and_anchor_resolves(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    site_dir, _ = built(name, tmp_path_factory)
    site = site_of(site_dir)
    broken = []
    for url in site.html_pages():
        for link in site.links(url):
            target = site.file_for(link.url)
            if target is None:
                broken.append(f"/{url}: {link.href} -> /{link.url} does not exist")
            elif link.fragment and target.suffix == ".html" and link.fragment not in site.ids(link.url):
                broken.append(f"/{url}: {link.href} -> no id {link.fragment!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("name", [n for n in CONFIGS if any(g.tree.aliases() for _, g in guides(n))])
def test_every_alias_redirects_to_its_node(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Zensical writes redirects.redirect_maps itself (it runs no mkdocs-redirects)."""
    site_dir, _ = built(name, tmp_path_factory)
    site = site_of(site_dir)
    count = 0
    for edition, guide in guides(name):
        walk = Walk(site, edition, guide)
        for old, new in guide.tree.aliases().items():
            assert site.redirect_target(walk.url(old)) == walk.url(new), f"/{walk.url(old)}"
            walk.page(walk.url(new), new)
            count += 1
    assert count > 0


@cache
def document(file: Path) -> Element:
    """A built page parsed once for the whole module (the sites are read-only here)."""
    return parse(file.read_text(encoding="utf-8"))


@cache
def site_of(root: Path) -> Site:
    """One Site per built folder, so each page is parsed once however many tests read it."""
    return Site(root)


@cache
def _pages(site: Path) -> tuple[tuple[Path, str], ...]:
    return tuple((f, f.read_text(encoding="utf-8")) for f in html_files(site)
                 if f.name != "404.html" and not is_redirect(document(f)))


def pages(site: Path) -> list[tuple[Path, str]]:
    return list(_pages(site))


def test_every_page_has_the_help_area_and_its_assets_load(zensical_site: tuple[str, Path]) -> None:
    _, site = zensical_site
    found = pages(site)
    assert found
    for file, _html in found:
        doc = document(file)
        where = file.relative_to(site)
        assert doc.find_all("aside", class_="ht-help-area"), f"{where}: no help area"
        sheets = [e.get("href") or "" for e in doc.find_all("link") if e.get("rel") == "stylesheet"]
        scripts = [e.get("src") or "" for e in doc.find_all("script") if e.get("src")]
        assert any("helptree" in s for s in sheets), f"{where}: helptree's stylesheet is missing"
        assert any(s.endswith("lazy-search.js") for s in scripts), f"{where}: lazy search is missing"
        page_url = where.parent.as_posix() + "/" if where.name == "index.html" else where.as_posix()
        for url in sheets + scripts:
            assert site_of(site).file_for(Site.resolve(page_url, url)[0]) is not None, (
                f"{where}: {url} is not in the site")


def test_lazy_search_runs_before_the_bundle(zensical_site: tuple[str, Path]) -> None:
    """theme.custom_dir is read: helptree's main.html override is in every page."""
    _, site = zensical_site
    for file, _html in pages(site):
        scripts = [e.get("src") or "" for e in document(file).find_all("script") if e.get("src")]
        lazy = [i for i, s in enumerate(scripts) if s.endswith("lazy-search.js")]
        bundle = [i for i, s in enumerate(scripts) if re.search(r"bundle\.[^/]*js$", s)]
        assert lazy, f"{file}: no lazy-search.js"
        assert bundle, f"{file}: no bundle script: {scripts}"
        assert lazy[0] < bundle[0], f"{file}: lazy-search.js runs after the bundle"


def test_no_address_on_another_host(zensical_site: tuple[str, Path]) -> None:
    """Nothing a browser loads by itself (scripts, styles, fonts, images, frames) is on
    another host: links readers click may leave the site, loads may not."""
    _, site = zensical_site
    loaded = re.compile(r"""(?:@import\s+|url\()\s*['"]?(?:https?:)?//""")
    for file in sorted(site.rglob("*")):
        if file.suffix == ".html":
            doc = document(file)
            for element in doc.iter():
                attrs = [("src", element.get("src"))]
                if element.tag == "link" and (element.get("rel") or "") != "alternate" and \
                        (element.get("rel") or "") != "canonical":
                    attrs.append(("href", element.get("href")))
                for attr, value in attrs:
                    if value and not value.startswith("data:"):
                        assert is_internal(value), f"{file.relative_to(site)}: {element.tag} {attr}={value}"
        elif file.suffix == ".css":
            text = file.read_text(encoding="utf-8", errors="replace")
            assert not loaded.search(text), f"{file.relative_to(site)} loads from another host"
    assert "fonts.googleapis" not in "".join(h for _, h in pages(site))


def test_the_404_page_shows_the_404_help(zensical_site: tuple[str, Path]) -> None:
    """extra.helptree_not_found, read by helptree-theme/404.html."""
    _, site = zensical_site
    doc = parse((site / "404.html").read_text(encoding="utf-8"))
    assert doc.find_all(id="ht-not-found"), "the 404 page lacks helptree's 404 help"
    assert doc.find_all("aside", class_="ht-help-area")


def test_each_page_is_in_its_own_language(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The guide's Spanish pages say lang="es" and Material's interface speaks Spanish."""
    site, result = built("guide", tmp_path_factory)
    assert result.returncode == 0
    english = parse((site / "troubleshoot" / "index.html").read_text(encoding="utf-8"))
    spanish = parse((site / "es" / "troubleshoot" / "index.html").read_text(encoding="utf-8"))
    assert english.find("html").get("lang") == "en"
    assert spanish.find("html").get("lang") == "es"
    assert spanish.find("meta", name="helptree-languages").get("content") == "en es"
    switch = spanish.find("nav", class_="ht-lang")
    assert [a.get("hreflang") for a in switch.find_all("a")] == ["en"]


def test_the_sitemap_lists_each_page_with_its_twins(tmp_path_factory: pytest.TempPathFactory) -> None:
    site, _ = built("guide", tmp_path_factory)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="es"' in sitemap
    assert sitemap.count("<url>") > 100


def test_env_tags_are_read_with_their_default_and_from_the_environment(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """site_url: !ENV [HELPTREE_SITE_URL, default] becomes the canonical address.

    The default: the session's build of the guide's export (`zensical build` without
    HELPTREE_SITE_URL); from the environment: a copy of that export built again with it."""
    shared, result = built("guide", tmp_path_factory)
    target = tmp_path / "export"

    def canonical() -> str:
        doc = parse((target / "site" / "troubleshoot" / "index.html").read_text(encoding="utf-8"))
        return next(e.get("href") or "" for e in doc.find_all("link") if e.get("rel") == "canonical")
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copytree(shared.parent, target, symlinks=True)  # the export, built without the variable
    assert canonical() == "https://help.example.org/troubleshoot/"
    result = zensical_build(target, site_url="https://help.zen.example/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert canonical() == "https://help.zen.example/troubleshoot/"
