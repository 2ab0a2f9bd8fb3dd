"""generator/source/settings.py: mkdocs.yml's own settings that end in pages, or decide what is read
and written, refused at their line in mkdocs.yml, for every command alike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.check.run import check
from generator.problems import ProblemsError
from generator.project.mkdocs_yml import open_project
from generator.source.settings import checked_site_url

SMALL = Path(__file__).parent / "fixtures" / "small"


def project(tmp_path: Path, extra: str = "", helptree: str = "") -> Path:
    """The small fixture with ``extra`` appended to mkdocs.yml and ``helptree`` as the
    plugin's options (indented YAML)."""
    shutil.copytree(SMALL, tmp_path / "p")
    config = tmp_path / "p" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if helptree:
        text = text.replace("  - helptree\n", "  - helptree:\n" + helptree)
    config.write_text(text + extra, encoding="utf-8")
    return config


def refusals(config: Path) -> list[str]:
    """The problems opening and checking the project gives, as `LINE CODE`."""
    try:
        spec, _ = open_project(config)
    except ProblemsError as err:
        return [f"{p.location.line} {p.code}" for p in err.problems]
    return [f"{p.location.line} {p.code}" for p in check(spec).errors]


def line_of(config: Path, needle: str) -> int:
    return next(n for n, line in enumerate(config.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("value", "expected"), [
    ("https://help.example.org", "https://help.example.org/"),
    ("https://help.example.org/sub/", "https://help.example.org/sub/"),
    ("http://localhost:8000/", "http://localhost:8000/"),
    ("", ""),
])
def test_a_good_site_url_is_kept_with_its_final_slash(value: str, expected: str) -> None:
    assert checked_site_url(value) == (expected, None)


@pytest.mark.parametrize("value", [
    "javascript:alert(1)//", "https://user:pw@help.example.org/", "https://help.example.org/\nx",
    "https://help.example.org/\t", "http://help.example.org/", "https://help.example.org/?a=1",
    "data:text/html,x", 42,
])
def test_a_site_url_readers_cannot_be_sent_to_is_refused(value: object) -> None:
    assert checked_site_url(value)[1] is not None


def test_the_environment_variable_is_checked_like_the_option(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = project(tmp_path, "site_url: !ENV [HELPTREE_SITE_URL, 'https://help.example.org/']\n")
    monkeypatch.setenv("HELPTREE_SITE_URL", "javascript:alert(1)//")
    with pytest.raises(ProblemsError) as refused:
        open_project(config)
    assert "HELPTREE_SITE_URL" in refused.value.problems[0].message
    monkeypatch.setenv("HELPTREE_SITE_URL", "https://other.example.org")
    assert open_project(config)[0].site_url == "https://other.example.org/"


@pytest.mark.parametrize(("extra", "needle"), [
    ("repo_url: javascript:alert(1)\n", "repo_url"),
    ("repo_url: https://evil.example/\n", "repo_url"),  # off the allow-list
    ("repo_url: https://example.org@evil.example/\n", "repo_url"),
    ("edit_uri: javascript:alert(1)\n", "edit_uri"),
    ("  social:\n    - icon: x\n      link: 'javascript:alert(1)'\n", "link:"),
    ("  social:\n    - icon: x\n      link: 'data:text/html,x'\n", "link:"),
    ("  analytics:\n    provider: google\n    property: G-XXXX\n", "analytics"),
    ("extra_javascript: ['https://cdn.evil.example/x.js']\n", "extra_javascript"),
    ("extra_css: ['//cdn.evil.example/x.css']\n", "extra_css"),
])
def test_a_link_or_script_from_mkdocs_yml_is_a_located_error(tmp_path: Path, extra: str,
                                                             needle: str) -> None:
    config = project(tmp_path, extra)
    assert refusals(config) == [f"{line_of(config, needle)} HT515"]


def test_analytics_need_the_opt_in_that_widens_the_policy(tmp_path: Path) -> None:
    config = project(tmp_path, "  analytics:\n    provider: google\n    property: G-XXXX\n",
                     "      allow_third_party: [www.googletagmanager.com, www.google-analytics.com]\n")
    spec, _ = open_project(config)
    assert spec.settings.third_party == ("www.googletagmanager.com", "www.google-analytics.com")


@pytest.mark.parametrize(("extra", "needle"), [
    ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: /\n", "base_path"),
    ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['.', '../..']\n", "base_path"),
    ("markdown_extensions:\n  - pymdownx.snippets:\n      restrict_base_path: false\n",
     "restrict_base_path"),
    ("markdown_extensions:\n  - pymdownx.snippets:\n      url_download: true\n", "url_download"),
    ("markdown_extensions:\n  - pymdownx.b64:\n      base_path: /etc\n", "base_path"),
    ("site_dir: ../elsewhere\n", "site_dir"),
])
def test_a_folder_outside_the_project_is_refused(tmp_path: Path, extra: str, needle: str) -> None:
    config = project(tmp_path, extra)
    assert refusals(config) == [f"{line_of(config, needle)} HT516"]


def test_a_symlinked_theme_folder_or_tree_is_refused_before_it_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "main.html").write_text("SECRET-MARKER", encoding="utf-8")
    config = project(tmp_path, "")
    os.symlink(secret, config.parent / "overrides")
    os.symlink(secret / "main.html", config.parent / "tree.yaml")
    text = config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    config.write_text(text.replace("  - helptree\n", "  - helptree:\n      tree: tree.yaml\n"))
    try:
        open_project(config)
    except ProblemsError as err:
        problems = err.problems
    assert sorted(f"{p.location.line} {p.code}" for p in problems) == sorted(
        [f"{line_of(config, 'custom_dir')} HT516", f"{line_of(config, 'tree: tree.yaml')} HT516"])
    assert all("SECRET" not in p.headline() for p in problems)


def test_redirect_pages_stay_inside_the_site(tmp_path: Path) -> None:
    config = project(tmp_path, "")
    config.write_text(config.read_text().replace(
        "  - helptree\n", "  - helptree\n  - redirects:\n      redirect_maps:\n"
                          "        ../../evil.md: index.md\n        /abs.md: index.md\n"))
    assert refusals(config) == [f"{line_of(config, '../../evil.md')} HT516",
                                f"{line_of(config, '/abs.md')} HT516"]


@pytest.mark.parametrize("strings", [
    "        back: '{}'\n", "        back: '{0}'\n", "        back: '{nobody}'\n",
    "        call_contact: 'Call {name:.3}'\n", "        call_contact: 'Call {name!r}'\n",
    "        back: 'Back {'\n", "        months: 'enero febrero'\n",
    "        es: {call_contact: 'Llamar {phone:>40}'}\n",
])
def test_an_interface_string_takes_only_its_own_fields_as_they_are(tmp_path: Path, strings: str) -> None:
    config = project(tmp_path, "", "      languages: [en, es]\n      strings:\n" + strings)
    (config.parent / "decision_tree.es.yaml").write_text("x: 1\n")  # never read: options first
    with pytest.raises(ProblemsError) as refused:
        open_project(config)
    assert [p.code for p in refused.value.problems] == ["HT506"]


@pytest.mark.parametrize("titles", ["[a, b]", "text", "{es: [a]}", "{es: {Causes: {a: b}}}", "{fr: {A: B}}"])
def test_nav_titles_of_the_wrong_shape_are_a_located_error(tmp_path: Path, titles: str) -> None:
    config = project(tmp_path, "", f"      languages: [en, es]\n      nav_titles: {titles}\n")
    with pytest.raises(ProblemsError) as refused:
        open_project(config)
    assert [(p.code, p.location.line) for p in refused.value.problems] == [
        ("HT502", line_of(config, "nav_titles"))]
