"""Fixtures for the built-HTML proofs: the ladder fixture (many paths, few pages), built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildkit import build_site

LADDER_CONFIG = Path(__file__).resolve().parents[1] / "fixtures" / "ladder" / "mkdocs.yml"


@pytest.fixture(scope="session")
def ladder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/ladder, a ladder of shared nodes: too many paths to walk one by one."""
    return build_site(LADDER_CONFIG, tmp_path_factory.mktemp("ladder") / "site")
