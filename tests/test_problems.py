"""The located problem, how it prints, and the source text that locates it."""

from __future__ import annotations

from pathlib import Path

from generator.model import Outcome
from generator.problems import Location, Problem, Severity, render_problems, sort_problems
from generator.source.files import SourceText


def test_headline_is_file_line_col_severity_message_hint_and_code() -> None:
    problem = Problem(Location("t.yaml", 3, 7), "HT202", "unknown node `x`", "did you mean `y`?")
    assert problem.headline() == "t.yaml:3:7: error: unknown node `x`; did you mean `y`? [HT202]"
    warning = Problem(Location("t.yaml"), "HT301", "old")
    assert warning.headline() == "t.yaml:1:1: warning: old [HT301]"
    assert warning.severity is Severity.WARNING  # from the registry, not given
    assert not warning.is_error


def test_format_puts_a_caret_under_the_column() -> None:
    problem = Problem(Location("t.yaml", 2, 5), "HT104", "bad")
    assert problem.format(["line one", "abc defg"]).splitlines()[1:] == ["    abc defg", "        ^"]


def test_format_leaves_out_source_it_does_not_have_or_that_is_too_long() -> None:
    problem = Problem(Location("t.yaml", 9, 1), "HT104", "bad")
    assert problem.format(["only one line"]) == problem.headline()
    long_line = Problem(Location("t.yaml", 1, 1), "HT104", "bad")
    assert long_line.format(["x" * 201]) == long_line.headline()


def test_problems_sort_by_file_then_line_then_column() -> None:
    found = [Problem(Location("b.yaml", 1, 1), "HT104", "m"),
             Problem(Location("a.yaml", 10, 1), "HT104", "m"),
             Problem(Location("a.yaml", 9, 30), "HT104", "m"),
             Problem(Location("a.yaml", 9, 4), "HT104", "m")]
    assert [str(p.location) for p in sort_problems(found)] == [
        "a.yaml:9:4", "a.yaml:9:30", "a.yaml:10:1", "b.yaml:1:1"]


def test_render_problems_shows_the_line_the_location_names_in_a_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\rc: oops\r\n")
    text = render_problems([Problem(Location(str(path), 3, 4), "HT104", "bad")])
    assert text.splitlines()[1:] == ["    c: oops", "       ^"]


def test_render_problems_without_a_readable_file_prints_headlines_only() -> None:
    problem = Problem(Location("/no/such/file.yaml", 1, 1), "HT001", "file not found")
    assert render_problems([problem]) == problem.headline()


def test_source_text_turns_offsets_into_lines_and_columns_and_back() -> None:
    source = SourceText("t.yaml", "ab\ncd\n\nef")
    assert source.location_at(0) == Location("t.yaml", 1, 1)
    assert source.location_at(4) == Location("t.yaml", 2, 2)
    assert source.location_at(7) == Location("t.yaml", 4, 1)
    assert source.index_of(Location("t.yaml", 4, 2)) == 8


def test_source_find_locates_text_after_a_field_or_stays_put() -> None:
    source = SourceText("t.yaml", "body: see\n  [x](http://a)\nnext: [x](http://a)\n")
    start = Location("t.yaml", 1, 7)
    assert source.find("http://a", start) == Location("t.yaml", 2, 7)
    assert source.find("absent", start) == start


def test_located_objects_say_where_each_key_was_written() -> None:
    here = Location("t.yaml", 5, 3)
    outcome = Outcome(here, {"body": Location("t.yaml", 7, 11)}, id="x", title="X", body="b")
    assert outcome.where("body") == Location("t.yaml", 7, 11)
    assert outcome.where("article") == here


def test_a_headline_escapes_newlines_and_terminal_escapes_so_it_stays_one_line() -> None:
    from generator.problems import Location, Problem

    problem = Problem(Location("t.yaml", 2, 3), "HT105", "node id `a\nb\x1b[2J` is not valid")
    line = problem.headline()
    assert line.isprintable()
    assert "a\\nb\\x1b[2J" in line
