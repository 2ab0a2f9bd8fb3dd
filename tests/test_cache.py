"""generator.cache: compiled templates kept for the next process, only ever a shortcut
(edited, damaged or unwritable, the page comes out the same). The tables are tested with
what they hold: test_readability_cache.py, test_desk.py."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.cache import template_cache
from generator.plan import render
from generator.write.build import safe_build

SMALL = Path(__file__).resolve().parent / "fixtures" / "small" / "mkdocs.yml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("HELPTREE_CACHE_DIR", str(cache))
    return cache


def environment(templates: Path) -> jinja2.Environment:
    """A new environment, as the next process makes it."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=template_cache())


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled although the cache holds it")
    monkeypatch.setattr(jinja2.Environment, "compile", compile_)


def test_the_next_process_reads_templates_compiled(folder: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    assert len(list((folder / "templates").iterdir())) == 1
    with monkeypatch.context() as patch:
        no_compiling(patch)
        assert environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    # An edited template is compiled afresh, never read stale.
    (tmp_path / "page.html").write_text("Hola {{ name }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.html").render(name="Ana") == "Hola Ana"


def test_a_damaged_or_unusable_cache_changes_no_page(folder: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    environment(tmp_path).get_template("page.html")
    kept = next((folder / "templates").iterdir()).read_bytes()
    for damage in (b"", b"\x00not a template", kept[:40]):  # empty, foreign, cut short
        for file in (folder / "templates").iterdir():
            file.write_bytes(damage)
        assert environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("HELPTREE_CACHE_DIR", str(blocked))
    assert environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    assert blocked.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_build_keeps_the_theme_s_templates_and_helptree_s_compiled(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build, in a new process, compiles none of the files it renders pages
    with: Material's templates (through the plugin's on_env) and helptree's. Only Material's
    search plugin, in an environment of its own made before any plugin can reach it, still
    compiles its interface strings. The pages written are the same bytes."""
    render.templates.cache_clear()
    assert safe_build(SMALL, tmp_path / "first", strict=True).ok
    assert len(list((folder / "templates").iterdir())) > 20  # Material's partials and ours

    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, source: str, name: str | None = None,
                 filename: str | None = None, *args: object, **kwargs: object) -> object:
        if filename is not None:  # a file's template; MkDocs' inline ones are strings
            compiled.append(name or filename)
        return real(self, source, name, filename, *args, **kwargs)  # type: ignore[arg-type]

    render.templates.cache_clear()
    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    assert safe_build(SMALL, tmp_path / "second", strict=True).ok
    assert sorted(compiled) == ["partials/language.html", "partials/language.html",
                                "partials/languages/en.html", "partials/languages/en.html"]
    first = {p.relative_to(tmp_path / "first"): p.read_bytes()
             for p in (tmp_path / "first").rglob("*.html")}
    second = {p.relative_to(tmp_path / "second"): p.read_bytes()
              for p in (tmp_path / "second").rglob("*.html")}
    assert second == first
