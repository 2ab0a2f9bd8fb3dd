"""The Spanish style sheet is kept: no phrase of the "Avoid → use" table in
docs/spanish-style.md (the single list) appears in a Spanish file of the help center, its
search keywords left out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from generator import strings

ROOT = Path(__file__).resolve().parents[2]
STYLE_SHEET = ROOT / "docs" / "spanish-style.md"
TABLE_HEADING = "## Avoid → use"
STRINGS_FILE = Path(strings.__file__)


def avoided_phrases(sheet: str) -> list[str]:
    """Every phrase in backticks in the first column of the table under TABLE_HEADING."""
    _, found, section = sheet.partition(TABLE_HEADING + "\n")
    assert found, f"{STYLE_SHEET.name}: no {TABLE_HEADING!r} section"
    section = section.split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert len(rows) > 2, f"{STYLE_SHEET.name}: no table under {TABLE_HEADING!r}"
    header, rule, *body = rows
    assert header.split("|")[1].strip() == "Avoid", f"{STYLE_SHEET.name}: first column is not Avoid"
    assert set(rule.replace("|", "").strip()) <= set("-: "), f"{STYLE_SHEET.name}: no header rule"
    phrases = [phrase for row in body for phrase in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert all(p.strip() == p and p for p in phrases), phrases
    return phrases


def matcher(phrase: str) -> re.Pattern[str]:
    """The phrase as whole words, any case, accents as written (`mandó` is not `mando`)."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def readable_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a Markdown or YAML text, without its `keywords:` lists: those
    are the words readers type (misspellings and all), searched and never shown."""
    keywords_indent: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        key = re.match(r"^(\s*)keywords:\s*$", line)
        if key:
            keywords_indent = len(key.group(1))
            continue
        if keywords_indent is not None:
            item = re.match(r"^(\s*)- ", line)
            if item and len(item.group(1)) >= keywords_indent:
                continue
            keywords_indent = None
        yield number, line


def spanish_files() -> list[Path]:
    """Every Spanish file of the help center: the articles' twins, the guides' and the
    contacts' translations."""
    files = [*ROOT.glob("content/**/*.es.md"), *ROOT.glob("*.es.yaml"),
             *ROOT.glob("guides/**/*.es.yaml")]
    return sorted(files)


def spanish_strings() -> Iterator[tuple[int, str]]:
    """(line in generator/strings.py, value) of every Spanish interface string."""
    source = STRINGS_FILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(source) if line.startswith("SPANISH"))
    for key, value in strings.SPANISH.items():
        line = next((i for i, text in enumerate(source[start:], start=start)
                     if text.lstrip().startswith(f'"{key}":')), start)
        yield line + 1, value


def offences(phrases: Iterable[str], where: str, lines: Iterable[tuple[int, str]]) -> list[str]:
    patterns = [(phrase, matcher(phrase)) for phrase in phrases]
    found = []
    for number, line in lines:
        for phrase, pattern in patterns:
            for hit in pattern.finditer(line):
                found.append(f"{where}:{number}:{hit.start() + 1}: avoid {hit.group(0)!r} "
                             f"(docs/spanish-style.md, row {phrase!r})")
    return found


def all_offences(phrases: list[str], files: Iterable[Path]) -> list[str]:
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        found += offences(phrases, str(path.relative_to(ROOT)), readable_lines(text))
    found += offences(phrases, str(STRINGS_FILE.relative_to(ROOT)), spanish_strings())
    return found


PHRASES = avoided_phrases(STYLE_SHEET.read_text(encoding="utf-8"))


def test_the_style_sheet_lists_the_phrases_to_avoid() -> None:
    assert len(PHRASES) >= 20
    assert "departamento de correcciones" in PHRASES
    assert len({p.lower() for p in PHRASES}) == len(PHRASES), "a phrase is listed twice"


def test_every_spanish_file_is_read() -> None:
    names = {str(path.relative_to(ROOT)) for path in spanish_files()}
    assert {"decision_tree.es.yaml", "contacts.es.yaml", "guides/money.es.yaml",
            "content/index.es.md"} <= names
    assert len([n for n in names if n.startswith("content/")]) >= 20
    assert len(strings.SPANISH) == len(strings.ENGLISH)


def test_no_spanish_file_uses_a_phrase_the_style_sheet_avoids() -> None:
    found = all_offences(PHRASES, spanish_files())
    assert not found, "\n".join(found)


def test_a_phrase_that_comes_back_is_found_with_its_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "content" / "a.es.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: A\nkeywords:\n  - mandar dinero\n---\n\n# A\n\n"
                    "1. Vea el sitio del Departamento de Correcciones.\n"
                    "2. ¿Cuándo lo MANDÓ? Envíe el dinero.\n", encoding="utf-8")
    found = offences(PHRASES, "content/a.es.md", readable_lines(page.read_text(encoding="utf-8")))
    assert [f.split(": avoid")[0] for f in found] == ["content/a.es.md:9:21", "content/a.es.md:10:15"]
    assert "'Departamento de Correcciones'" in found[0]


@pytest.mark.parametrize(("phrase", "text", "hit"), [
    ("mandó", "Usted mandó dinero.", True),
    ("mandó", "El mando de la tele.", False),       # accents count: mando is another word
    ("manda", "La demanda sigue.", False),           # whole words only
    ("número de ID", "su Número de  ID en la prisión", True),
    ("da estrés", "Eso da estres.", False),
])
def test_phrases_match_whole_words_in_any_case_with_their_accents(phrase: str, text: str,
                                                                  hit: bool) -> None:
    assert bool(matcher(phrase).search(text)) is hit


def test_keyword_lists_are_left_out_and_the_text_after_them_is_read() -> None:
    yaml_text = ("    keywords:\n      - mandar dinero\n      - mande\n"
                 "    body: |\n      1. Mande el dinero.\n")
    assert [n for n, _ in readable_lines(yaml_text)] == [4, 5]


def test_an_avoided_phrase_in_a_spanish_interface_string_names_its_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    back = dict(strings.SPANISH, staff_title="Mesa del personal de apoyo")
    monkeypatch.setattr(strings, "SPANISH", back)
    [found] = all_offences(PHRASES, [])
    line = int(found.split(":")[1])
    source = STRINGS_FILE.read_text(encoding="utf-8").splitlines()
    assert found.startswith("generator/strings.py:")
    assert '"staff_title":' in source[line - 1]
