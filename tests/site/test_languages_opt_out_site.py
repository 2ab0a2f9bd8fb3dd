"""An English-only guide beside a translated one, built by MkDocs under `strict: true`."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildkit import build_site
from sitekit import content, read_page
from test_languages_opt_out import english_only_money

pytestmark = pytest.mark.slow  # builds a site


def test_an_english_only_guide_builds_strict_and_the_spanish_site_leaves_it_out(tmp_path: Path) -> None:
    site = build_site(english_only_money(tmp_path), tmp_path / "site", strict=True)
    assert (site / "money" / "track" / "index.html").is_file()
    assert not (site / "es" / "money").exists()
    assert not (site / "es" / "print" / "money").exists()
    english = read_page(site, "money/track/")
    switch = english.find(class_="ht-lang")
    assert switch is not None
    assert switch.text().strip() == "Esta página no está en español."
    assert [a.get("href") for a in switch.find_all("a")] == []
    assert "money" not in content(read_page(site, "es/a-z/")).text().lower()
    call = read_page(site, "es/login/call-desk/")
    assert "../../../money/track/" in [a.get("href") for a in content(call).find_all("a")]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/es/money/" not in sitemap
    translated = read_page(site, "login/reset/").find(class_="ht-lang")
    assert translated is not None
    assert [a.get("hreflang") for a in translated.find_all("a")] == ["es"]
