"""Reading files and YAML safely, with every refusal located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.problems import Location, ProblemsError
from generator.source import yaml_source
from generator.source.files import SourceText
from generator.source.yaml_source import YNode, parse_yaml, read_source


def refusal(text: str) -> yaml_source.Problem:
    with pytest.raises(ProblemsError) as caught:
        parse_yaml(SourceText("t.yaml", text))
    (problem,) = caught.value.problems  # a file is refused at its first problem
    return problem


def read_refusal(path: Path, **kwargs: int) -> yaml_source.Problem:
    with pytest.raises(ProblemsError) as caught:
        read_source(path, **kwargs)
    (problem,) = caught.value.problems  # a file is refused at its first problem
    return problem


def parse(text: str) -> YNode:
    return parse_yaml(SourceText("t.yaml", text))


# -- read_source -------------------------------------------------------------------------

def test_missing_file_is_ht001_with_a_hint_to_pass_the_tree(tmp_path: Path) -> None:
    problem = read_refusal(tmp_path / "nope.yaml")
    assert (problem.code, problem.message) == ("HT001", "file not found")
    assert "--tree" in (problem.hint or "")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    problem = read_refusal(tmp_path)
    assert (problem.code, problem.message) == ("HT001", "is a folder, not a file")


def test_file_over_the_size_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    problem = read_refusal(path, max_bytes=50)
    assert problem.code == "HT002"
    assert "50 bytes" in problem.message


def test_file_exactly_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"a: 1\n" * 10)
    assert read_source(path, max_bytes=50).text == "a: 1\n" * 10


def test_nul_byte_means_binary(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    problem = read_refusal(path)
    assert (problem.code, problem.message) == ("HT003", "file is binary, not text")


def test_not_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\ntitle: Caf" + b"\xe9 au lait\n")
    problem = read_refusal(path)
    assert problem.code == "HT003"
    assert "0xe9" in problem.message
    assert (problem.location.line, problem.location.column) == (2, 11)


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_source(path).text == "a: 1\n"


def test_crlf_and_lone_cr_both_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "eol.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\rc: 3\n")
    source = read_source(path)
    assert source.text == "a: 1\nb: 2\nc: 3\n"
    assert source.location_at(source.text.index("c")) == Location(str(path), 3, 1)


# -- parse_yaml refusals -----------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\n", "# just a comment\n\n  # another\n"])
def test_empty_or_comment_only_file_is_ht004(text: str) -> None:
    problem = refusal(text)
    assert (problem.code, problem.message) == ("HT004", "file is empty")
    assert problem.location == Location("t.yaml", 1, 1)


def test_tab_indentation_points_at_the_tab() -> None:
    problem = refusal("a:\n  b: 1\n  \tc: 2\n")
    assert problem.code == "HT005"
    assert (problem.location.line, problem.location.column) == (3, 3)


def test_tab_inside_a_value_is_allowed() -> None:
    assert parse("a: one\ttwo\n").mapping["a"][1].value == "one\ttwo"


def test_syntax_error_is_ht006_at_the_offending_line() -> None:
    problem = refusal("a: 1\nb: 2\n  c: 3\n")
    assert problem.code == "HT006"
    assert problem.message.startswith("YAML syntax: mapping values are not allowed")
    assert problem.location.line == 3


def test_unterminated_quote_reports_what_was_being_scanned() -> None:
    problem = refusal('a: "open\nb: 2\n')
    assert problem.code == "HT006"
    assert "quoted scalar" in problem.message


def test_control_character_is_named_and_located() -> None:
    problem = refusal("a: 1\nb: x\x07y\n")
    assert problem.code == "HT006"
    assert problem.message == "U+0007 is not allowed in YAML"
    assert (problem.location.line, problem.location.column) == (2, 5)


def test_second_document_is_refused_at_its_marker() -> None:
    problem = refusal("a: 1\n---\nb: 2\n")
    assert problem.code == "HT007"
    assert problem.location.line == 2


def test_anchor_is_refused_where_it_is_written() -> None:
    problem = refusal("a: &x hello\nb: 2\n")
    assert problem.code == "HT008"
    assert (problem.location.line, problem.location.column) == (1, 4)


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\n'
    problem = refusal(bomb)
    assert problem.code == "HT008"
    assert problem.location.line == 1


def test_merge_key_with_alias_is_refused() -> None:
    problem = refusal("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problem.code == "HT008"


def test_nesting_deeper_than_the_limit_is_ht009() -> None:
    depth = yaml_source.MAX_DEPTH + 1
    problem = refusal("[" * depth + "]" * depth + "\n")
    assert problem.code == "HT009"


def test_nesting_at_the_limit_is_fine() -> None:
    depth = yaml_source.MAX_DEPTH
    assert parse("[" * depth + "]" * depth + "\n").kind == "seq"


def test_too_many_values_is_ht002(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_VALUES", 5)
    problem = refusal("[1, 2, 3, 4, 5, 6, 7]\n")
    assert problem.code == "HT002"
    assert "more than 5 YAML values" in problem.message


def test_mapping_as_a_key_is_ht010() -> None:
    problem = refusal("? [a, b]\n: x\n")
    assert problem.code == "HT010"
    assert problem.location.line == 1


def test_duplicate_key_names_the_line_of_the_first() -> None:
    problem = refusal("a: 1\nb: 2\na: 3\n")
    assert problem.code == "HT011"
    assert problem.message == "duplicate key `a`"
    assert problem.location == Location("t.yaml", 3, 1)
    assert "line 1" in (problem.hint or "")


def test_duplicate_key_in_a_nested_mapping_is_found() -> None:
    problem = refusal("a:\n  x: 1\n  y: 2\n  x: 3\n")
    assert (problem.code, problem.location.line, problem.location.column) == ("HT011", 4, 3)


@pytest.mark.parametrize(("text", "shown"), [
    ("a: !!python/object:os.system x\n", "!!python/object:os.system"),
    ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
    ("a: !custom {x: 1}\n", "!custom"),
    ("a: !!binary aGVsbG8=\n", "!!binary"),
    ("a: !!set {x}\n", "!!set"),
])
def test_unsafe_or_unknown_tag_is_refused_by_name(text: str, shown: str) -> None:
    problem = refusal(text)
    assert problem.code == "HT012"
    assert problem.message == f"YAML tag `{shown}` is not allowed"
    assert (problem.location.line, problem.location.column) == (1, 4)


def test_standard_tags_are_allowed() -> None:
    root = parse("a: !!str 5\nb: !!int '7'\n")
    assert root.mapping["a"][1].value == "5"
    assert root.mapping["b"][1].value == 7


# -- what parse_yaml builds --------------------------------------------------------------

def test_scalars_keep_their_raw_text_and_resolved_value() -> None:
    root = parse("yes: Yes\nnum: 007\nday: 2026-11-20\nnone:\nq: 'Yes'\n")
    value = {key: pair[1] for key, pair in root.mapping.items()}
    assert (value["yes"].value, value["yes"].raw, value["yes"].plain) == (True, "Yes", True)
    assert value["num"].raw == "007"
    assert value["day"].value == dt.date(2026, 11, 20)
    assert value["none"].value is None
    assert (value["q"].value, value["q"].plain) == ("Yes", False)


def test_every_value_knows_its_line_and_column() -> None:
    root = parse("top:\n  list:\n    - one\n    - {k: two}\n")
    top = root.mapping["top"][1]
    items = top.mapping["list"][1].items
    assert items[0].location == Location("t.yaml", 3, 7)
    assert items[1].mapping["k"][1].location == Location("t.yaml", 4, 11)
    assert root.mapping["top"][0].location == Location("t.yaml", 1, 1)


def test_line_separator_inside_a_string_does_not_shift_later_lines() -> None:
    # YAML counts U+2028 as a line break; editors and grep do not. Locations follow grep.
    root = parse('a: "one\u2028two"\nb: three\n')
    assert root.mapping["b"][1].location == Location("t.yaml", 2, 4)


def test_type_names_read_naturally_in_messages() -> None:
    root = parse("s: x\nn: 1\nf: 1.5\nb: true\nz:\nl: []\nm: {}\nd: 2026-01-01\n")
    names = {key: pair[1].type_name for key, pair in root.mapping.items()}
    assert names == {"s": "text", "n": "a number", "f": "a number", "b": "true/false",
                     "z": "nothing", "l": "a list", "m": "a mapping", "d": "a date"}


def test_impossible_date_stays_text_instead_of_crashing() -> None:
    value = parse("d: 2026-13-45\n").mapping["d"][1]
    assert value.value == "2026-13-45"


def test_huge_number_literal_stays_text() -> None:
    digits = "9" * 5000
    value = parse(f"n: {digits}.5\n").mapping["n"][1]
    assert value.value == f"{digits}.5"


def test_crlf_file_parses_with_the_same_locations_as_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"a: 1\r\nb:\r\n  c: 2\r\n")
    root = parse_yaml(read_source(path))
    c = root.mapping["b"][1].mapping["c"][1]
    assert (c.location.line, c.location.column) == (3, 6)


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("version: 1\n".encode("utf-16"))
    problem = read_refusal(path)
    assert (problem.code, problem.message) == ("HT003", "file is UTF-16, not UTF-8")


def test_colon_inside_unquoted_text_gets_a_quoting_hint() -> None:
    problem = refusal("q:\n  question: Pick one: A or B?\n")
    assert (problem.location.line, problem.location.column) == (2, 21)
    assert problem.hint == "text containing `: ` needs quotes: `question: 'Pick one: A or B?'`"


def test_quoting_hint_doubles_single_quotes_inside_the_text() -> None:
    problem = refusal("label: It's: odd\n")
    assert problem.hint == "text containing `: ` needs quotes: `label: 'It''s: odd'`"


def test_line_indented_too_far_gets_an_indentation_hint() -> None:
    problem = refusal("a:\n  b: 1\n   c: 2\n")
    assert problem.hint == "this line is indented more than the one above; keys of one mapping line up"


def test_answer_key_lined_up_with_the_dash_gets_a_hint() -> None:
    problem = refusal("answers:\n  - label: A\n  next: b\n")
    assert (problem.location.line, problem.location.column) == (3, 3)
    assert problem.hint is not None
    assert problem.hint.startswith("this line lines up with the `- ` above")


def test_unclosed_quote_points_where_the_quote_opens() -> None:
    problem = refusal('a: 1\nb: "open\nc: 2\n')
    assert (problem.location.line, problem.location.column) == (2, 4)
    assert problem.hint == "this quote is never closed: add the closing quote at the end of the text"
