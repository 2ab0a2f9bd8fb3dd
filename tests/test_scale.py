"""A tree of 121 nodes and 2**61 paths is checked, counted and listed without enumerating.

No timings are asserted here (see bench/): the generous timeouts only turn a regression
to path-by-path enumeration, which would never finish, into a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from treekit import ladder_yaml, write_project

HELPTREE = Path(sys.executable).with_name("helptree")
PATHS = 2 ** 61


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("ladder"), ladder_yaml())


def helptree(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HELPTREE), *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_check_reports_the_exact_count_of_2_to_the_61_paths(ladder: Path) -> None:
    result = helptree("check", "--tree", str(ladder), "--max-questions", "200")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"{ladder}: ok: 121 nodes (119 questions, 2 outcomes), "
                             f"{PATHS:,} paths, 1 article\n")


def test_count_prints_the_exact_integer(ladder: Path) -> None:
    result = helptree("paths", "--tree", str(ladder), "--max-questions", "200", "--count")
    assert (result.returncode, result.stdout) == (0, f"{PATHS}\n")


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_listing_with_a_limit_returns_that_many_paths(ladder: Path, fmt: str) -> None:
    result = helptree("paths", "--tree", str(ladder), "--max-questions", "200",
                      "--format", fmt, "--limit", "5")
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        records = json.loads(result.stdout)
        assert len(records) == 5
        assert [len(record["answers"]) for record in records] == [61, 61, 60, 60, 61]
        assert records[0]["nodes"][:3] == ["a1", "b1", "a2"]
    else:
        assert len(result.stdout.splitlines()) == 5 + (fmt == "csv")


def test_default_depth_limit_rejects_a_61_question_path(ladder: Path) -> None:
    result = helptree("check", "--tree", str(ladder))
    assert result.returncode == 1
    assert "a path asks 61 questions, more than the limit of 8" in result.stderr
    assert "[HT211]" in result.stderr
