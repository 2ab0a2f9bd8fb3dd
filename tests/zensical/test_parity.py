"""One plan, every writer the same: the shipped help center and the fixtures built by the
plugin, by MkDocs from `helptree export` and by Zensical from it have the same pages, and
each page the same language, main text, main links and navigation (tests/paritykit.py
says how a page is read). What must differ is in ALLOWED, each with its reason; the
README's portability section gives the same list.

Each site is built once per run (the plugin's by tests/conftest.py, Zensical's by
test_zensical_export.built, MkDocs' here), and each page parsed once.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

from buildkit import once
from paritykit import PageView, compare, views
from sitekit import MKDOCS, QUIET
from test_zensical_export import FIXTURES, ROOT, built, export

from generator.project.mkdocs_yml import open_project

pytestmark = pytest.mark.slow  # builds whole sites

PROJECTS = {"guide": ("guide_site", ROOT / "mkdocs.yml"),
            "small": ("small_site", FIXTURES / "small" / "mkdocs.yml"),
            "two": ("two_site", FIXTURES / "two-guides" / "mkdocs.yml")}


@dataclass(frozen=True)
class Moved:
    """A page an engine builds at another address."""

    url: str  # the plugin's
    there: str  # the engine's
    reason: str


@dataclass(frozen=True)
class Worded:
    """Interface words an engine's theme says otherwise, on pages in one language."""

    engine: str
    lang: str
    theirs: str
    ours: str
    reason: str


# Everything that differs, and why. An entry that no longer matches anything fails too.
ALLOWED: tuple[Moved | Worded, ...] = (
    Moved("/es/404.html", "/es/404/", "MkDocs and Zensical build a themed page only from a "
          "Markdown file, at its directory URL, and render only the root 404.html as a 404 "
          "template; the Spanish 404 page (its help, language and navigation the plugin's) is "
          "at /es/404/, and hosts that serve the nearest 404.html serve the root one"),
    Worded("zensical", "en", "On this page", "Table of contents", "Zensical's English "
           "interface names the table of contents, which Material puts in the navigation, "
           "`On this page`"),
)


def mkdocs_of_export(name: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` of the export of ``name``, once per run."""
    def build(folder: Path) -> None:
        exported = export(name, folder / "export")
        result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(folder / "site")],
                                cwd=exported, env=QUIET, capture_output=True, text=True,
                                timeout=600, check=False)
        assert result.returncode == 0, result.stderr
    return once(tmp_path_factory, f"mkdocs-export-{name}", build) / "site"


def normalised(found: dict[str, PageView | str], engine: str) -> dict[str, PageView | str]:
    """An engine's pages with ALLOWED applied: moved pages back at the plugin's address,
    the engine's own interface words put back."""
    out = dict(found)
    for allowed in ALLOWED:
        if isinstance(allowed, Moved) and allowed.there in out and allowed.url not in out:
            out[allowed.url] = out.pop(allowed.there)
    words = [w for w in ALLOWED if isinstance(w, Worded) and w.engine == engine]
    for url, page in out.items():
        if isinstance(page, PageView):
            for word in words:
                if page.lang == word.lang and word.theirs in page.nav_text:
                    page = PageView(page.lang, page.main_text, page.main_links,
                                    page.nav_text.replace(word.theirs, word.ours), page.nav_links)
            out[url] = page
    return out


def used(found: dict[str, PageView | str], engine: str) -> set[Moved | Worded]:
    return {a for a in ALLOWED if (isinstance(a, Moved) and a.there in found) or (
        isinstance(a, Worded) and a.engine == engine
        and any(isinstance(p, PageView) and p.lang == a.lang and a.theirs in p.nav_text
                for p in found.values()))}


@pytest.mark.parametrize("name", list(PROJECTS))
def test_the_plugin_mkdocs_and_zensical_build_the_same_site(
        name: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    fixture, config = PROJECTS[name]
    spec, _ = open_project(config)
    plugin = views(request.getfixturevalue(fixture), spec.site_url)
    zensical_site, result = built(name, tmp_path_factory)
    assert result.returncode == 0, result.stdout + result.stderr
    engines = {"mkdocs": views(mkdocs_of_export(name, tmp_path_factory), spec.site_url),
               "zensical": views(zensical_site, spec.site_url)}
    report, allowed = [], set[Moved | Worded]()
    for engine, found in engines.items():
        allowed |= used(found, engine)
        for (url, what), why in compare(plugin, normalised(found, engine)).items():
            report.append(f"{engine} {url} {what}: {why}")
    assert len(plugin) > 5
    assert not report, f"{len(report)} differences from the plugin's {len(plugin)} pages:\n" + \
        "\n".join(report[:40])
    languages = spec.options.languages
    if len(languages) > 1:  # each entry of ALLOWED holds somewhere: none is left over
        assert allowed == set(ALLOWED), set(ALLOWED) - allowed
