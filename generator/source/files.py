"""Source text that can turn offsets into lines and columns, and find text after a location."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Location


@dataclass(frozen=True)
class SourceText:
    """A decoded file, kept so any later check can point into it."""

    name: str
    text: str
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        object.__setattr__(self, "line_starts", tuple(starts))

    def location_at(self, index: int) -> Location:
        line = bisect.bisect_right(self.line_starts, index) - 1
        return Location(self.name, line + 1, index - self.line_starts[line] + 1)

    def index_of(self, location: Location) -> int:
        line = min(max(location.line, 1), len(self.line_starts)) - 1
        return self.line_starts[line] + location.column - 1

    def find(self, needle: str, after: Location, *, within: int = 100_000) -> Location:
        """Where ``needle`` first appears at or after ``after``; ``after`` if it does not."""
        start = self.index_of(after)
        found = self.text.find(needle, start, start + within + len(needle))
        return self.location_at(found) if found >= 0 else after


def find_in_file(path: Path, *needles: str) -> Location:
    """Where the first of ``needles`` written in the file is (its first line if none is, or
    if the file cannot be read): locations in mkdocs.yml, which is read as plain data."""
    try:
        source = SourceText(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Location(str(path))
    for needle in needles:
        if needle in source.text:
            return source.find(needle, Location(str(path)))
    return Location(str(path))
