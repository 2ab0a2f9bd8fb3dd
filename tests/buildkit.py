"""The one `build_site` of the tests: the safe build (as `helptree build` does), strict by
default, failing the test on errors. tests/conftest.py builds each fixture project once
per session with it; tests/site/sitekit.py re-exports it."""

from __future__ import annotations

from pathlib import Path

from generator.build import safe_build


def build_site(config: Path, site_dir: Path, *, strict: bool = True) -> Path:
    """Build ``config`` into ``site_dir`` with the safe build; fail the test on errors."""
    outcome = safe_build(config, site_dir, strict=strict)
    assert outcome.ok, outcome.message
    return site_dir
