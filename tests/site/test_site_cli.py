"""`helptree new` and `helptree export`, run as the commands users type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from sitekit import HELPTREE, MKDOCS, content, html_files, is_redirect, page_url, parse, run
from treekit import SMALL

from generator.project.mkdocs_yml import read_mkdocs_yml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds whole sites


def mkdocs_strict(project: Path, site: Path) -> None:
    """Plain `mkdocs build --strict`: exit 0 and not one warning."""
    result = run(MKDOCS, "build", "--strict", "-d", site, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


HREF = re.compile(r'href="([^"]*)"')


def article_html(site: Path) -> dict[str, str]:
    """Each page's main content, whitespace collapsed, every href as the path it leads to
    (the export writes an article's help-area links below the site's root, the plugin
    relative to the page: the same place), by URL; redirect stubs by target."""
    pages = {}
    for file in html_files(site):
        if file.name == "404.html":
            continue
        page = parse(file.read_text(encoding="utf-8"))
        if is_redirect(page):
            canonical = page.find("link", rel="canonical").get("href") or ""
            pages[page_url(site, file)] = f"redirect to {canonical}"
            continue
        raw = file.read_text(encoding="utf-8")
        start = raw.index('<article class="md-content__inner')
        url = page_url(site, file)
        main = HREF.sub(lambda m, url=url: f'href="{urljoin(url, m[1])}"',
                        raw[start:raw.index("</article>", start)])
        pages[url] = " ".join(main.split())
        assert content(page).find_all("aside", class_="ht-help-area")
    return pages


# -- helptree new -------------------------------------------------------------------------

def test_new_writes_a_project_that_builds_at_once_with_mkdocs_strict(tmp_path: Path) -> None:
    result = run(HELPTREE, "new", "help-site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "help-site"
    assert "help-site" in result.stdout
    assert {p.name for p in project.iterdir()} == {
        "mkdocs.yml", "decision_tree.yaml", "contacts.yaml", "content", "README.md", "Makefile",
        ".gitignore", "schema"}
    assert (project / "content" / "index.md").is_file()
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "content"
    assert config["theme"]["name"] == "material"
    assert {"helptree": {"max_grade": 8}} in config["plugins"]
    mkdocs_strict(project, tmp_path / "site")
    assert (tmp_path / "site" / "troubleshoot" / "what-happens" / "index.html").is_file()
    assert run(HELPTREE, "check", cwd=project).returncode == 0


def test_new_starts_a_project_the_way_this_repository_is_set_up(tmp_path: Path) -> None:
    """strict, a site_url to change, the grade limit, a README and a .gitignore for site/."""
    assert run(HELPTREE, "new", "p", cwd=tmp_path).returncode == 0
    project = tmp_path / "p"
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = read_mkdocs_yml(ROOT / "mkdocs.yml")  # it reads its site_url from !ENV
    assert config["strict"] is True
    assert config["site_url"].startswith("https://")
    assert config["use_directory_urls"] is True
    assert config["extra"] == {"generator": False}
    for key in ("markdown_extensions", "validation"):
        assert config[key] == ours[key], key
    assert "font" not in config["theme"], "the plugin sets system fonts; the project need not"
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", ".helptree-building-*/", ".helptree-old-*/", ".venv/"} <= set(ignored)
    readme = (project / "README.md").read_text(encoding="utf-8")
    for command in ("helptree check", "helptree serve", "helptree build", "site_url"):
        assert command in readme, command
    assert not (project / "gitignore").exists()


def test_new_project_builds_with_helptree_build_too(tmp_path: Path) -> None:
    assert run(HELPTREE, "new", "p", cwd=tmp_path).returncode == 0
    result = run(HELPTREE, "build", cwd=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "site" / "troubleshoot" / "index.html").is_file()


def test_new_into_an_existing_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run(HELPTREE, "new", "empty", cwd=tmp_path).returncode == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run(HELPTREE, "new", "mine", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("mine:1:1: error: already exists and is not empty")
    assert "[HT508]" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_new_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = run(HELPTREE, "new", "taken", cwd=tmp_path)
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "x"


def test_new_without_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert run(HELPTREE, "new", cwd=tmp_path).returncode == 2


# -- helptree export ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "out"
    result = run(HELPTREE, "export", target, "--config", SMALL / "mkdocs.yml", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    written = sum(1 for _ in (target / "docs").rglob("*.md"))
    assert result.stdout.strip() == f"helptree: exported {written} pages to {target}"
    return target


def test_export_mkdocs_yml_has_no_helptree_plugin(small_export: Path) -> None:
    config = yaml.safe_load((small_export / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "helptree" not in plugins
    assert plugins == ["search", "redirects"]
    assert config["docs_dir"] == "docs"


def test_export_writes_plain_markdown_pages(small_export: Path) -> None:
    page = (small_export / "docs" / "troubleshoot" / "what-happens" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: What happens when you try to sign in?\n")
    assert '<div class="ht-page ht-question"' in page
    assert "&lt;" not in page
    article = (small_export / "docs" / "guides" / "reset.md").read_text(encoding="utf-8")
    assert article.startswith("---\ntitle: Reset your password\n")
    assert "[800-555-0100](tel:+18005550100)" in article
    assert "{{" not in article


def test_export_builds_with_plain_mkdocs_strict_and_has_the_same_pages(
        small_export: Path, small_site: Path, tmp_path: Path) -> None:
    mkdocs_strict(small_export, tmp_path / "site")
    exported, built = article_html(tmp_path / "site"), article_html(small_site)
    assert sorted(exported) == sorted(built)
    assert "/troubleshoot/old-reset/" in exported
    for url in built:
        assert exported[url] == built[url], url


def test_export_keeps_tree_pages_out_of_the_nav(small_export: Path, tmp_path: Path) -> None:
    mkdocs_strict(small_export, tmp_path / "site")
    home = parse((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    targets = {a.get("href") or "" for a in home.find("nav", class_="md-nav--primary").find_all("a")}
    assert "troubleshoot/" in targets
    assert not [t for t in targets if re.fullmatch(r"troubleshoot/[^/]+/", t)]


def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("x", encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", SMALL / "mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("out:1:1: error: already exists and is not empty")
    assert "[HT508]" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["x"]


def test_export_refuses_a_file_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", SMALL / "mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("out:1:1: error: ")
    assert "internal error" not in result.stderr


def test_export_of_a_broken_tree_fails_with_located_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    tree = project / "decision_tree.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: locked", "next: lockd"),
                    encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", project / "mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{tree}:29:15: error: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_refuses_unknown_interface_strings_without_a_traceback(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - helptree\n", "  - helptree:\n      strings: {strat_now: Go}\n"), encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path)
    assert result.returncode == 1
    # Located at the `strings:` option in mkdocs.yml (HT506), not at the file's first line.
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "strings:" in text)
    assert result.stderr.startswith(f"{config}:{line}:{lines[line - 1].index('strings:') + 1}: error: ")
    assert "strat_now" in result.stderr
    assert "[HT506]" in result.stderr
    assert "internal error" not in result.stderr


def test_export_uses_the_plugin_options(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - helptree\n", "  - helptree:\n      base: help\n      strings: {start_now: Begin}\n"),
        encoding="utf-8")
    (project / "content" / "index.md").write_text("# Home\n\n[Start](help/index.md)\n", encoding="utf-8")
    assert run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path).returncode == 0
    start = (tmp_path / "out" / "docs" / "help" / "index.md").read_text(encoding="utf-8")
    assert ">Begin</a>" in start
    mkdocs_strict(tmp_path / "out", tmp_path / "site")
    assert (tmp_path / "site" / "help" / "old-reset" / "index.html").is_file()


def test_export_keeps_yaml_tags_that_mkdocs_understands(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "copyright: !ENV [HELPTREE_TEST_COPYRIGHT, 'Made by us']\n"), encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert "!ENV" in written
    mkdocs_strict(tmp_path / "out", tmp_path / "site")
    assert "Made by us" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_export_keeps_the_theme_custom_dir(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Custom banner{% endblock %}\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"), encoding="utf-8")
    assert run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path).returncode == 0
    mkdocs_strict(tmp_path / "out", tmp_path / "site")
    assert "Custom banner" in (tmp_path / "site" / "troubleshoot" / "index.html").read_text(encoding="utf-8")


def test_export_merges_aliases_into_the_project_s_own_redirects(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - helptree\n", (
        "  - helptree\n  - redirects:\n      redirect_maps:\n        old-help.md: index.md\n")),
        encoding="utf-8")
    assert run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path).returncode == 0
    written = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    redirects = [p["redirects"] for p in written["plugins"] if isinstance(p, dict) and "redirects" in p]
    assert redirects == [{"redirect_maps": {
        "troubleshoot/old-reset/index.md": "troubleshoot/reset-password/index.md",
        "old-help.md": "index.md"}}]
    mkdocs_strict(tmp_path / "out", tmp_path / "site")
    assert (tmp_path / "site" / "old-help" / "index.html").is_file()
    assert (tmp_path / "site" / "troubleshoot" / "old-reset" / "index.html").is_file()


def test_export_keeps_the_project_s_own_not_in_nav(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "content" / "drafts").mkdir()
    (project / "content" / "drafts" / "idea.md").write_text("# Idea\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "not_in_nav: /drafts/*\n", encoding="utf-8")
    assert run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path).returncode == 0
    written = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert written["not_in_nav"].split() == ["/drafts/*", "/troubleshoot/*/", "/print/troubleshoot/"]
    assert "drafts/idea.md" not in str(written["nav"])
    mkdocs_strict(tmp_path / "out", tmp_path / "site")
    home = parse((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    targets = {a.get("href") for a in home.find("nav", class_="md-nav--primary").find_all("a")}
    assert "drafts/idea/" not in targets


def test_export_escapes_article_titles_as_the_plugin_does(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    article = project / "content" / "guides" / "support.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Support for you", 'title: "Support <b>for</b> you & yours"'), encoding="utf-8")
    plugin_site = tmp_path / "plugin-site"
    assert run(HELPTREE, "build", "-d", plugin_site, cwd=project).returncode == 0
    assert run(HELPTREE, "export", "out", "-f", project / "mkdocs.yml", cwd=tmp_path).returncode == 0
    mkdocs_strict(tmp_path / "out", tmp_path / "export-site")
    for site in (plugin_site, tmp_path / "export-site"):
        page = parse((site / "guides" / "support" / "index.html").read_text(encoding="utf-8"))
        assert page.find("title").text() == "Support <b>for</b> you & yours - Sign-in help"
        nav = page.find("nav", class_="md-nav--primary")
        assert not nav.find_all("b")
        assert "Support <b>for</b> you & yours" in [a.text() for a in nav.find_all("a")]
    assert article_html(tmp_path / "export-site") == article_html(plugin_site)
    # Articles whose front matter needs no escaping are copied as written.
    reset = (tmp_path / "out" / "docs" / "guides" / "reset.md").read_text(encoding="utf-8")
    assert reset.startswith((SMALL / "content" / "guides" / "reset.md").read_text(encoding="utf-8")[:60])


def test_export_reads_plugin_options_as_the_plugin_does_and_refuses_a_wrong_type(
        tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - helptree\n", "  - helptree:\n      max_questions: lots\n"), encoding="utf-8")
    result = run(HELPTREE, "export", "out", "-f", config, cwd=tmp_path)
    assert result.returncode == 1
    # Located at the option in mkdocs.yml (HT502), not at the file's first line.
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "max_questions:" in text)
    column = lines[line - 1].index("max_questions:") + 1
    assert result.stderr.startswith(f"{config}:{line}:{column}: error: helptree option `max_questions`")
    assert "[HT502]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_of_many_guides_writes_the_theme_overrides_and_the_404_help(tmp_path: Path) -> None:
    two = SMALL.parent / "two-guides"
    target = tmp_path / "out"
    result = run(HELPTREE, "export", target, "--config", two / "mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["custom_dir"] == "helptree-theme"
    assert (target / "helptree-theme" / "404.html").is_file()
    assert (target / "helptree-theme" / "main.html").is_file()  # lazy search
    assert config["not_in_nav"] == "/login/*/\n/money/*/\n/print/login/\n/print/money/\n"
    not_found = parse(config["extra"]["helptree_not_found"])
    assert [a.get("href") for a in not_found.find("ul", class_="ht-guides").find_all("a")] == [
        "/login/what-happens/", "/money/when-sent/"]  # each guide's first question
    for page in ("login/index.md", "login/call-desk/index.md", "money/index.md",
                 "money/track/index.md", "a-z/index.md", "map/index.md", "help/reset.md"):
        assert (target / "docs" / page).is_file(), page


def test_export_puts_the_help_area_in_front_matter_with_the_plugin_s_relative_links(
        tmp_path: Path) -> None:
    """Engines read the relative links of a page's raw HTML each their own way (Zensical from
    the .md file, MkDocs from the page), a theme's never: the export's help area is front
    matter the theme prints, its links relative as the plugin's, so they hold under any
    path (`site_url: https://example.org/help/` here) and at any address."""
    from generator.write.export import export_site

    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://example.org/help/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    export_site(config, tmp_path / "out")
    for page in ("guides/reset.md", "troubleshoot/what-happens/index.md", "a-z/index.md"):
        text = (tmp_path / "out" / "docs" / page).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        hrefs = HREF.findall(meta["helptree_help"])
        assert hrefs, page
        assert not [h for h in hrefs if h.startswith("/")], (page, hrefs)
        assert "data-ht-permalink" in meta["helptree_help"]  # the page's address, not a self-link
        assert 'href="./"' not in meta["helptree_help"]
        assert "ht-help-area" not in text.split("---\n", 2)[2], page


def test_serve_stops_with_a_located_error_when_mkdocs_yml_cannot_be_read(tmp_path: Path) -> None:
    """MkDocs cannot start a preview without mkdocs.yml; later breakage is shown in the
    browser (tests/test_preview.py), this is the one case that ends `helptree serve`."""
    root = tmp_path / "p"
    shutil.copytree(SMALL, root)
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run(HELPTREE, "serve", "--dev-addr", "127.0.0.1:1", cwd=root)
    assert result.returncode == 1
    assert re.search(r"mkdocs\.yml:2:1: error: mkdocs\.yml is not valid YAML.*\[HT501\]", result.stderr)
    assert "Traceback" not in result.stderr
