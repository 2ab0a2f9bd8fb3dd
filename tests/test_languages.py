"""A second language: translations merged onto the main tree, checked for what they lack or
add, and every page of the project planned once more under `/es/`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from treekit import TESTS, codes, only

from generator.check.run import CheckReport, check
from generator.plan.site import plan
from generator.project.mkdocs_yml import open_project
from generator.source.translation import sibling

TWO = TESTS / "fixtures" / "two-guides"

LOGIN_ES = """\
title: ¿No puede entrar?
intro: Conteste una pregunta y verá los pasos que le sirven.
help_area:
  - label: Llame a la mesa de ayuda
  - label: Apoyo para usted
nodes:
  what-happens:
    question: ¿Qué pasa cuando trata de entrar?
    answers:
      - label: Olvidé mi contraseña
      - label: Otra cosa
  reset:
    outcome: Haga una contraseña nueva
    body: |
      1. Elija **Forgot password**.
      2. Siga el enlace del correo.
  call-desk:
    outcome: Llame a la mesa de ayuda
    body: |
      {{ contacts.desk.call }} ¿También falta dinero? Vea [la guía del dinero](/money/track/).
"""
CONTACTS_ES = """\
contacts:
  desk:
    name: Mesa de ayuda de ejemplo
"""


def bilingual(tmp_path: Path, *, partial: bool = False) -> Path:
    """The two-guide fixture with `languages: [en, es]` and every Spanish text."""
    root = tmp_path / "p"
    shutil.copytree(TWO, root)
    config = root / "mkdocs.yml"
    options = "      languages: [en, es]\n" + ("      partial_translations: true\n" if partial else "")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      guides:\n", options + "      guides:\n"), encoding="utf-8")
    (root / "login.es.yaml").write_text(LOGIN_ES, encoding="utf-8")
    (root / "contacts.es.yaml").write_text(CONTACTS_ES, encoding="utf-8")
    money = (root / "money.yaml").read_text(encoding="utf-8")
    (root / "money.es.yaml").write_text(_spanish_of(money), encoding="utf-8")
    for article in (root / "content").rglob("*.md"):
        twin = article.with_name(article.stem + ".es.md")
        twin.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: ES "),
                        encoding="utf-8")
    return config


def _spanish_of(tree: str) -> str:
    """A word-for-word stand-in: the main tree's text keys, marked, structure left out."""
    import yaml

    data = yaml.safe_load(tree)
    nodes = {}
    for node_id, node in data["nodes"].items():
        if "question" in node:
            nodes[node_id] = {"question": "ES " + node["question"],
                              "answers": [{"label": "ES " + a["label"]} | (
                                  {"hint": "ES " + a["hint"]} if "hint" in a else {})
                                  for a in node["answers"]]}
        else:
            nodes[node_id] = {"outcome": "ES " + node["outcome"]} | (
                {"body": "ES " + node["body"]} if "body" in node else {})
    out = {"title": "ES " + data["title"], "nodes": nodes}
    for key in ("intro", "duration"):
        if key in data:
            out[key] = "ES " + data[key]
    if "help_area" in data:
        out["help_area"] = [{"label": "ES " + link["label"]} for link in data["help_area"]]
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False)


def checked(config: Path) -> CheckReport:
    spec, _ = open_project(config)
    return check(spec)


def test_a_complete_translation_checks_clean_and_mirrors_every_guide(tmp_path: Path) -> None:
    report = checked(bilingual(tmp_path))
    assert report.project is not None, [p.headline() for p in report.problems]
    spanish = report.project.translations["es"]
    assert spanish.language == "es"
    assert spanish.prefix == "es/"
    assert [g.base for g in spanish.guides] == ["es/login", "es/money"]
    login = spanish.guides[0].tree
    assert login.title == "¿No puede entrar?"
    assert login.nodes["what-happens"].answers[0].label == "Olvidé mi contraseña"  # type: ignore[union-attr]
    # Structure comes from the main tree: the same ids, links and paths.
    main = report.project.guides[0]
    assert login.start == main.tree.start
    assert spanish.guides[0].index.count() == main.index.count()
    assert spanish.contacts["desk"].name == "Mesa de ayuda de ejemplo"
    assert spanish.contacts["desk"].phone == "800-555-0100"
    assert spanish.articles["help/reset.md"].src_uri == "es/help/reset.md"
    assert spanish.articles["help/reset.md"].source_uri == "help/reset.es.md"


def test_every_page_has_a_twin_under_es_with_the_same_node_ids(tmp_path: Path) -> None:
    report = checked(bilingual(tmp_path))
    assert report.project is not None
    site = plan(report.project)
    english = {p.url for p in site.pages if not p.url.startswith("es/")}
    spanish = {p.url for p in site.pages if p.url.startswith("es/")}
    assert spanish == {"es/" + url for url in english}
    assert {a.url for a in site.articles.values() if a.url.startswith("es/")} == {
        "es/" + a.url for a in site.articles.values() if not a.url.startswith("es/")}
    page = next(p for p in site.pages if p.url == "es/login/call-desk/")
    assert "helptree_lang: es" in page.front_matter
    # A site path in Spanish text leads to the Spanish page.
    assert 'href="../../money/track/"' in page.html
    assert "Llame a la mesa de ayuda" in page.html


def test_a_structural_key_in_a_translation_is_refused_where_it_is_written(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    es = config.parent / "login.es.yaml"
    es.write_text(es.read_text(encoding="utf-8").replace(
        "    outcome: Haga una contraseña nueva\n",
        "    outcome: Haga una contraseña nueva\n    still_stuck: reset\n"), encoding="utf-8")
    problem = only(checked(config).problems, "HT218")
    assert problem.location.file == str(es)
    assert problem.location.line == LOGIN_ES.split("\n").index("    outcome: Haga una contraseña nueva") + 2
    assert "`still_stuck`" in problem.message


def test_a_missing_text_names_the_file_the_node_and_the_field(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    es = config.parent / "login.es.yaml"
    es.write_text(es.read_text(encoding="utf-8").replace(
        "    body: |\n      1. Elija **Forgot password**.\n      2. Siga el enlace del correo.\n", ""),
        encoding="utf-8")
    problem = only(checked(config).problems, "HT219")
    assert problem.location.file == str(es)
    assert "`body` of outcome `reset`" in problem.message
    assert "partial_translations" in (problem.hint or "")


def test_a_missing_article_twin_and_a_twin_without_a_main_article(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    (config.parent / "content" / "help" / "support.es.md").unlink()
    (config.parent / "content" / "help" / "extra.es.md").write_text("# Extra\n", encoding="utf-8")
    report = checked(config)
    assert sorted(codes(report.errors)) == ["HT219", "HT220"]
    assert "support.es.md" in only(report.problems, "HT219").message


def test_answers_in_another_number_are_refused(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    es = config.parent / "login.es.yaml"
    es.write_text(es.read_text(encoding="utf-8").replace("      - label: Otra cosa\n", ""),
                  encoding="utf-8")
    problem = only(checked(config).problems, "HT220")
    assert "has 1 items, the main tree 2" in problem.message


def test_partial_translations_publish_the_main_text_with_a_warning(tmp_path: Path) -> None:
    config = bilingual(tmp_path, partial=True)
    (config.parent / "money.es.yaml").unlink()
    report = checked(config)
    assert report.project is not None
    assert codes(report.problems) == ["HT307"]
    money = report.project.translations["es"].guides[1]
    assert money.base == "es/money"
    assert money.tree.title == report.project.guides[1].tree.title


def test_sibling_names_the_translation_beside_its_file() -> None:
    assert sibling(Path("guides/money.yaml"), "es") == Path("guides/money.es.yaml")


@pytest.mark.parametrize("languages", ["[en, en]", "[english]"])
def test_a_bad_language_list_is_a_located_option_error(tmp_path: Path, languages: str) -> None:
    config = bilingual(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("[en, es]", languages),
                      encoding="utf-8")
    from generator.problems import ProblemsError

    with pytest.raises(ProblemsError) as raised:
        open_project(config)
    assert codes(raised.value.problems) == ["HT502"]


def test_the_spanish_table_names_every_interface_string() -> None:
    from generator.strings import ENGLISH, SPANISH

    assert set(SPANISH) == set(ENGLISH)
    assert all(SPANISH[key] for key in SPANISH)
    # Placeholders stay the same, so every formatted string works in both languages.
    import string

    fields = {k: {f for _, f, _, _ in string.Formatter().parse(v) if f} for k, v in ENGLISH.items()}
    assert {k: {f for _, f, _, _ in string.Formatter().parse(v) if f} for k, v in SPANISH.items()} == fields


def test_a_spanish_text_hard_to_read_is_located_in_the_translation(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      languages: [en, es]\n", "      languages: [en, es]\n      min_ease: 70\n"),
        encoding="utf-8")
    es = config.parent / "login.es.yaml"
    hard = " ".join(["Consideraciones administrativas extraordinariamente complicadas "
                     "correspondientes a procedimientos institucionales burocráticos "
                     "internacionales."] * 2)  # 20 words and more: graded (HT312 below)
    es.write_text(es.read_text(encoding="utf-8").replace(
        "      - label: Otra cosa\n", f"      - label: Otra cosa\n        hint: {hard}\n"),
        encoding="utf-8")
    es_text = es.read_text(encoding="utf-8")
    (config.parent / "login.yaml").write_text((config.parent / "login.yaml").read_text(
        encoding="utf-8").replace("        next: call-desk\n", "        next: call-desk\n"
                                  "        hint: Anything else.\n", 1), encoding="utf-8")
    [problem] = [p for p in checked(config).problems if p.code == "HT308" and "Otra cosa" in p.message]
    assert problem.location.file == str(es)
    assert es_text.split("\n")[problem.location.line - 1].strip().startswith("- label: Otra cosa")
