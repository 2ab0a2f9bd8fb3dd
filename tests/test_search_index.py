"""generator/plan/search.py: helptree's search index, plain text in every field; search aliases
searched and shown nowhere; the output check over the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.output import index_problems, search_index_problems
from generator.plan.search import FIELDS, fold, stop_words
from generator.routes import INDEX, MATERIAL_INDEX

ROOT = Path(__file__).parent.parent


def index(site: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((site / INDEX).read_text(encoding="utf-8"))
    return data


def docs(site: Path) -> list[dict[str, str]]:
    found = index(site)["docs"]
    assert isinstance(found, list)
    return found


def test_stop_words_come_from_materials_own_lists() -> None:
    english, spanish = stop_words("en"), stop_words("es")
    assert {"the", "in", "me", "my", "i"} <= set(english)
    assert {"de", "mi", "no", "el", "que", "está"} <= set(spanish)
    assert "jpay" not in english
    assert "password" not in english
    assert "cuenta" not in spanish
    assert stop_words("xx") == ()


def test_fold_drops_accents_enye_and_apostrophes() -> None:
    assert fold("Contraseña olvidé") == "contrasena olvide"
    assert fold("Can't LOG in") == "cant log in"


def test_the_index_holds_every_outcome_start_page_and_article_but_the_home(guide_site: Path) -> None:
    locations = {doc["location"] for doc in docs(guide_site)}
    assert {"troubleshoot/", "money/", "troubleshoot/reset-password/",
            "recovery/reset-password/", "es/troubleshoot/reset-password/"} <= locations
    assert "" not in locations
    assert "es/" not in locations
    assert "troubleshoot/what-is-wrong/" not in locations  # a question page
    assert "a-z/" not in locations
    assert "map/" not in locations


def test_every_field_is_escaped_plain_text_in_its_language(guide_site: Path) -> None:
    assert index_problems(index(guide_site), ours=True) == []
    for doc in docs(guide_site):
        assert doc["lang"] == ("es" if doc["location"].startswith("es/") else "en")
        assert set(doc) <= {"location", "lang", *FIELDS}


def test_the_search_config_names_the_fields_boosts_and_stop_words(guide_site: Path) -> None:
    config = index(guide_site)["config"]
    assert isinstance(config, dict)
    boosts = {name: spec["boost"] for name, spec in config["fields"].items()}
    assert boosts["title"] > boosts["keywords"] > boosts["lead"] > boosts["text"]
    assert config["helptree"]["languages"] == ["en", "es"]
    assert "the" in config["helptree"]["stop_words"]["en"]


def test_materials_own_index_holds_no_page_and_no_tags(guide_site: Path) -> None:
    material = json.loads((guide_site / MATERIAL_INDEX).read_text(encoding="utf-8"))
    assert material["docs"] == []
    assert index_problems(material, ours=False) == []


def test_search_aliases_are_searched_and_shown_nowhere(guide_site: Path) -> None:
    by_location = {doc["location"]: doc for doc in docs(guide_site)}
    assert "pasword" in by_location["recovery/reset-password/"]["aliases"]
    assert "securis" in by_location["troubleshoot/moved-to-securus/"]["aliases"]
    # accents and apostrophes folded for search: "contrasena" finds "contraseña"
    assert "contrasena" in by_location["es/recovery/reset-password/"]["aliases"]
    pages = "\n".join(p.read_text(encoding="utf-8") for p in guide_site.rglob("*.html"))
    for alias in ("pasword", "securis", "loggin", "costumer service", "bloqeada", "securos"):
        assert alias not in pages.casefold(), alias


def test_the_a_z_lists_titles_and_keywords_spelled_right(guide_site: Path) -> None:
    a_z = (guide_site / "a-z" / "index.html").read_text(encoding="utf-8")
    es_a_z = (guide_site / "es" / "a-z" / "index.html").read_text(encoding="utf-8")
    assert "Locked out" in a_z
    assert "Forgot password" in a_z
    for wrong in ("Loked out", "Pasword", "Cant sign in", "Didnt arrive", "Mony"):
        assert wrong not in a_z, wrong
    assert "Dinero no llegó" in es_a_z
    for wrong in ("Dinero no llego<", "Olvide mi contrasena", "Securos", "Bloqeada"):
        assert wrong not in es_a_z, wrong


@pytest.mark.parametrize(("doc", "ours", "found"), [
    ({"location": "x/", "title": "<b>x</b>", "text": ""}, True, "markup in `title`"),
    ({"location": "x/", "title": "x", "text": "a <i>b</i>"}, True, "markup in `text`"),
    ({"location": "x/", "title": "x", "tags": ["<img src=x>"]}, False, "tags"),
    ({"location": "x/", "title": "&lt;b&gt; fine", "text": "<p>Material's own text</p>"}, False, None),
])
def test_the_output_check_finds_markup_in_an_index(tmp_path: Path, doc: dict[str, object],
                                                   ours: bool, found: str | None) -> None:
    path = tmp_path / (INDEX if ours else MATERIAL_INDEX)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": {}, "docs": [doc]}), encoding="utf-8")
    problems = search_index_problems(tmp_path, "mkdocs.yml")
    if found is None:
        assert problems == []
    else:
        assert {p.code for p in problems} == {"HT509"}
        assert found in problems[0].message


def test_the_home_page_has_a_search_box_that_leads_to_the_a_z(guide_site: Path) -> None:
    for home in ("index.html", "es/index.html"):
        page = (guide_site / home).read_text(encoding="utf-8")
        assert "data-ht-home-search" in page, home
        assert 'action="a-z/"' in page, home
    assert "Buscar en la ayuda" in (guide_site / "es" / "index.html").read_text(encoding="utf-8")


def test_helptree_export_ships_the_same_index(guide_site: Path, tmp_path: Path) -> None:
    from generator.write.export import export_site

    export_site(ROOT / "mkdocs.yml", tmp_path / "out")
    exported = (tmp_path / "out" / "docs" / INDEX).read_text(encoding="utf-8")
    assert json.loads(exported) == index(guide_site)
