"""CSV that a spreadsheet opens as text, never as a formula (OWASP "CSV injection"): every
CSV helptree writes goes through ``csv_writer``, so no command can forget the defence."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

# What makes Excel, LibreOffice and Google Sheets read a cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as a cell: text a spreadsheet would evaluate gets a leading `'`, which
    every spreadsheet reads as "this is text" and does not show; a line break stays in
    its cell."""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    # Python's csv quotes a cell holding its line terminator ("\n") but not a lone "\r",
    # which spreadsheets read as the end of a row.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SafeCsvWriter:
    """``csv.writer`` whose every cell is :func:`safe_cell`."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in cells])


def csv_writer(out: TextIO) -> SafeCsvWriter:
    return SafeCsvWriter(out)
