"""generator/cli/spreadsheet.py: no CSV cell helptree writes is a formula to a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from generator.cli.spreadsheet import FORMULA_STARTS, csv_writer, safe_cell


@pytest.mark.parametrize("text", ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(1+1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_evaluate_is_written_as_text(text: str) -> None:
    out = io.StringIO(newline="")
    csv_writer(out).writerow([text, 7])
    cell, number = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert cell == "'" + text.replace("\r", "\n")
    assert not cell.startswith(FORMULA_STARTS)
    assert number == "7"


@pytest.mark.parametrize("text", ["Reset your password", "800-574-5729", "a = b", ""])
def test_ordinary_cells_are_unchanged(text: str) -> None:
    assert safe_cell(text) == text
