"""The located problem: the single currency of every load and check error."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.codes import REGISTRY, CodeName, Severity, severity_of

__all__ = ["Location", "Problem", "ProblemsError", "Severity", "printable", "render_problems",
           "sort_problems", "source_line"]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a source file."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do about it.

    ``code`` is stable (``HT104``) and registered in ``generator.codes``, which also gives
    the severity: a problem cannot be a warning in one place and an error in another.
    """

    location: Location
    code: CodeName
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in REGISTRY:
            raise ValueError(f"problem code {self.code} is not in generator.codes")

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def headline(self) -> str:
        """The one-line form the contract promises: ``FILE:LINE:COL: error: MESSAGE``,
        with the hint folded in so that one problem is always one line."""
        hint = f"; {self.hint}" if self.hint else ""
        return printable(f"{self.location}: {self.severity.value}: {self.message}{hint} [{self.code}]")

    def format(self, source_lines: Sequence[str] | None = None) -> str:
        """The headline, then the offending source line with a caret under the column."""
        lines = [self.headline()]
        if source_lines is not None and 0 < self.location.line <= len(source_lines):
            text = source_lines[self.location.line - 1].rstrip("\r\n")
            if len(text) <= 200:
                caret = " " * (max(self.location.column, 1) - 1) + "^"
                lines += [f"    {text}", f"    {caret}"]
        return "\n".join(lines)


class ProblemsError(Exception):
    """Input that cannot be used as it is, and its located problems: the one error every
    stage raises for it (a file, mkdocs.yml, a new guide, an export), so every adapter
    prints it the same way and exits 1. Only the MkDocs plugin wraps it, in MkDocs' own
    ``PluginError``, because MkDocs stops a build on nothing else."""

    def __init__(self, *problems: Problem) -> None:
        if not problems:
            raise ValueError("a ProblemsError needs at least one problem")
        super().__init__("\n".join(p.headline() for p in problems))
        self.problems = list(problems)


def printable(text: str) -> str:
    """Control, format and line-separator characters as escapes: input written into a
    message can neither split one problem over two lines nor drive the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File order, then line order, so output reads top to bottom like the source."""
    return sorted(problems, key=lambda p: (p.location, p.code, p.message))


def render_problems(problems: Iterable[Problem], *, with_source: bool = True) -> str:
    """Every problem, formatted with its source line (read once per file)."""
    cache: dict[str, list[str] | None] = {}
    out: list[str] = []
    for problem in sort_problems(problems):
        source: list[str] | None = None
        if with_source:
            name = problem.location.file
            if name not in cache:
                cache[name] = _read_lines(name)
            source = cache[name]
        out.append(problem.format(source))
    return "\n".join(out)


def source_line(where: Location) -> str | None:
    """The line of its file a location points at (None past its end, or over 200 characters)."""
    lines = _read_lines(where.file)
    if lines is None or not 0 < where.line <= len(lines) or len(lines[where.line - 1]) > 200:
        return None
    return lines[where.line - 1]


def _read_lines(name: str) -> list[str] | None:
    """The lines of a project file, to show under its problems; never those of a symbolic
    link or a device (what a refusal refuses must not be shown)."""
    path = Path(name)
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = path.read_bytes()
        if len(data) > 5_000_000:
            return None
        text = data.decode("utf-8-sig", errors="replace")
        # The same line breaks as SourceText: "\n", "\r\n" or "\r", nothing else.
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    except OSError:
        return None
