"""Stale translations: `translations.lock` records the main text each translated text was
reviewed against (`helptree translate --mark-reviewed`); a changed main text makes its
translation warning HT310 at the translation, and `helptree check` prints, per translation
file, how many texts are translated, missing and out of date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_languages import bilingual, checked
from treekit import only

from generator.check.translation_status import LOCK_NAME, Row, fingerprint
from generator.cli.main import main


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def mark_reviewed(config: Path) -> None:
    assert main(["translate", "--mark-reviewed", "--config", str(config)]) == 0


def rows(config: Path) -> list[Row]:
    report = checked(config)
    assert report.translations is not None, [p.headline() for p in report.problems]
    return report.translations.rows


def test_each_translation_file_is_counted(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    found = {row.file: (row.translated, row.missing, row.out_of_date) for row in rows(config)}
    # title, intro, two help-area labels, a question and its two answers, two outcomes and bodies
    assert found == {"login.es.yaml": (11, 0, 0), "money.es.yaml": (found["money.es.yaml"][0], 0, 0),
                     "contacts.es.yaml": (1, 0, 0), "content/*.es.md": (3, 0, 0)}
    assert found["money.es.yaml"][0] > 5


def test_a_changed_main_text_flags_its_translation_until_it_is_reviewed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = bilingual(tmp_path)
    assert not checked(config).problems  # nothing recorded yet: nothing out of date
    mark_reviewed(config)
    lock = json.loads((config.parent / LOCK_NAME).read_text(encoding="utf-8"))
    assert lock["es"]["login.yaml"]["nodes.reset.outcome"] == fingerprint("Reset your password")
    edit(config.parent / "login.yaml", "outcome: Reset your password", "outcome: Make a new password")
    report = checked(config)
    problem = only(report.problems, "HT310")
    spanish = config.parent / "login.es.yaml"
    line = spanish.read_text(encoding="utf-8").splitlines().index("    outcome: Haga una contraseña nueva")
    assert (problem.location.file, problem.location.line, problem.location.column) == \
        (str(spanish), line + 1, 14)
    assert "nodes.reset.outcome of login.yaml" in problem.message
    assert not problem.is_error
    assert [r.out_of_date for r in rows(config) if r.file == "login.es.yaml"] == [1]
    capsys.readouterr()
    assert main(["check", "--config", str(config)]) == 0
    out = capsys.readouterr()
    assert "login.es.yaml     es" in out.out  # the table
    assert "[HT310]" in out.err
    assert main(["check", "--strict", "--config", str(config)]) == 1
    mark_reviewed(config)
    assert not checked(config).problems


def test_a_changed_article_flags_its_twin(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    mark_reviewed(config)
    edit(config.parent / "content" / "help" / "reset.md", "# ", "# Now: ")
    problem = only(checked(config).problems, "HT310")
    assert problem.location.file == str(config.parent / "content" / "help" / "reset.es.md")
    assert [r.out_of_date for r in rows(config) if r.file == "content/*.es.md"] == [1]


def test_missing_texts_of_a_partial_translation_are_counted(tmp_path: Path) -> None:
    config = bilingual(tmp_path, partial=True)
    edit(config.parent / "login.es.yaml",
         "intro: Conteste una pregunta y verá los pasos que le sirven.\n", "")
    (config.parent / "content" / "help" / "reset.es.md").unlink()
    found = {row.file: (row.translated, row.missing) for row in rows(config)}
    assert found["login.es.yaml"] == (10, 1)
    assert found["content/*.es.md"] == (2, 1)


def test_a_lock_helptree_did_not_write_is_a_located_warning(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    (config.parent / LOCK_NAME).write_text("{not json", encoding="utf-8")
    problem = only(checked(config).problems, "HT311")
    assert problem.location.file == str(config.parent / LOCK_NAME)


def test_translate_without_languages_says_there_is_nothing_to_do(
        capsys: pytest.CaptureFixture[str]) -> None:
    from treekit import SMALL

    assert main(["translate", "--config", str(SMALL / "mkdocs.yml")]) == 0
    assert "nothing is translated" in capsys.readouterr().out
    assert not (SMALL / LOCK_NAME).exists()
