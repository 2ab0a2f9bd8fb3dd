"""The code registry (generator/codes.py) is the one list of problem codes: the docs are
written from it, and every code the package reports is registered there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from generator.codes import REGISTRY, CodeName, markdown
from generator.problems import Location, Problem, Severity

ROOT = Path(__file__).parent.parent
CODE = re.compile(r"""["'](HT\d{3})["']""")


def test_docs_error_codes_is_written_from_the_registry() -> None:
    assert (ROOT / "docs" / "error-codes.md").read_text(encoding="utf-8") == markdown(), \
        "run `python -m generator.codes > docs/error-codes.md`"


def test_every_code_the_package_reports_is_registered_and_none_is_unused() -> None:
    used = {code for path in (ROOT / "generator").rglob("*.py") if path.name != "codes.py"
            for code in CODE.findall(path.read_text(encoding="utf-8"))}
    assert used, "no codes found: has the Problem code style changed?"
    assert sorted(used - set(REGISTRY)) == []
    assert sorted(set(REGISTRY) - used) == [], "registered codes nothing reports"


def test_a_problem_takes_its_severity_from_the_registry() -> None:
    assert Problem(Location("t.yaml"), "HT301", "old").severity is Severity.WARNING
    assert Problem(Location("t.yaml"), "HT202", "unknown").severity is Severity.ERROR


def test_an_unregistered_code_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="HT999"):
        Problem(Location("t.yaml"), "HT999", "made up")


def test_the_type_of_codes_is_the_registry() -> None:
    """`CodeName` is what mypy checks every call site against: it names every registered
    code, and nothing else, so a typo fails `make typecheck` before it can run."""
    assert list(get_args(CodeName)) == list(REGISTRY)
