"""Fixtures for the built-HTML proofs: the ladder fixture (many paths, few pages), built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildkit import built_once

LADDER_CONFIG = Path(__file__).resolve().parents[1] / "fixtures" / "ladder" / "mkdocs.yml"


@pytest.fixture(scope="session")
def ladder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/ladder, a ladder of shared nodes: too many paths to walk one by one."""
    return built_once(tmp_path_factory, "ladder", LADDER_CONFIG)
