"""generator/languages.py: a language is one record and its strings. A third language,
made up here, builds as the other editions do, with its own strings and measure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from htmlkit import parse
from treekit import SMALL

from generator.check.run import check
from generator.languages import LANGUAGES, Language, language, strings_for
from generator.project.mkdocs_yml import open_project
from generator.strings import ENGLISH
from generator.write.build import safe_build

pytestmark = pytest.mark.slow

XX = Language("xx", "Xish", {**ENGLISH, "back": "Xback", "start_again": "Xstart again"},
              measure=None, hyphenation="en_US", stop_words=frozenset({"xthe"}), interface="en")


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(SMALL, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - helptree\n", "  - helptree:\n      languages: [en, xx]\n      partial_translations: true\n"),
        encoding="utf-8")
    return config


def test_a_language_with_no_record_gets_english_strings_and_no_measure() -> None:
    record = language("qq")
    assert (record.strings, record.measure) == (ENGLISH, None)
    assert language("es").measure == "ease"
    assert language("en").measure == "grade"


def test_a_third_language_builds_from_one_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LANGUAGES, "xx", XX)
    config = _project(tmp_path)
    spec, _ = open_project(config)
    assert strings_for("xx")["back"] == "Xback"
    report = check(spec)
    assert report.project is not None, [p.headline() for p in report.errors]
    assert [e.language for e in report.project.editions] == ["en", "xx"]
    outcome = safe_build(config, tmp_path / "site", strict=False)
    assert outcome.ok, outcome.message
    page = (outcome.site_dir / "xx" / "troubleshoot" / "forgot" / "index.html").read_text("utf-8")
    assert 'lang="xx"' in page
    texts = {node.text().strip() for node in parse(page).find_all("a")}
    assert "Xback" in texts
    english = (outcome.site_dir / "troubleshoot" / "forgot" / "index.html").read_text("utf-8")
    assert "Xback" not in english
    assert "Xish" in english  # the switch to it names it as its readers write it
