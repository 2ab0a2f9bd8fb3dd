"""Shared fixtures: built sites (the shipped guide, the small and the two-guides fixtures),
each built once per run for all workers and read-only, and a local server; the hypothesis
profile that HELPTREE_FUZZ picks (see fuzzkit.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from buildkit import build_site, built_once
from fuzzkit import describe, level, profile
from hypothesis import HealthCheck, settings
from serverkit import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GUIDE_CONFIG = ROOT / "mkdocs.yml"
SMALL_CONFIG = FIXTURES / "small" / "mkdocs.yml"
TWO_CONFIG = FIXTURES / "two-guides" / "mkdocs.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


__all__ = ["build_site"]  # the shared one, from buildkit

# Modest by default, deep when HELPTREE_FUZZ is set; tests with their own max_examples
# scale it with fuzzkit.examples().
settings.register_profile("helptree-modest", max_examples=100)
settings.register_profile("helptree-deep", max_examples=100 * max(level(), 1), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(profile())


def pytest_report_header() -> str:
    return describe()


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's help center, built once per test run."""
    return built_once(tmp_path_factory, "guide", GUIDE_CONFIG)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project (tests/fixtures/small), built once per test run."""
    return built_once(tmp_path_factory, "small", SMALL_CONFIG)


@pytest.fixture(scope="session")
def two_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/two-guides built: two guides, shared contacts, one articles folder."""
    return built_once(tmp_path_factory, "two", TWO_CONFIG)


@pytest.fixture(scope="session")
def guide_url(guide_site: Path) -> Iterator[str]:
    """Base URL of the built guide served on localhost (loopback only, as a static host
    serves it: see serverkit.py)."""
    served = serve(guide_site)
    yield served.url
    served.close()

