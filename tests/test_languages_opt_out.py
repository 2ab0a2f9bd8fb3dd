"""Translating one guide or article at a time: `languages: [en]` on a `guides:` entry or in an
article's front matter keeps it in the main language on purpose. The other language's pages
leave it out, its links to it go to the main language's page, and that page says, in the
other language, that it is not there; anything else left untranslated is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_languages import bilingual, checked
from treekit import codes, only

from generator.plan.site import plan
from generator.problems import ProblemsError

MONEY_ENTRY = "        - tree: money.yaml\n          base: money\n"


def english_only_money(tmp_path: Path, languages: str = "[en]") -> Path:
    """The bilingual two-guide project with the money guide kept to English (no money.es.yaml)."""
    config = bilingual(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert MONEY_ENTRY in text
    config.write_text(text.replace(MONEY_ENTRY, MONEY_ENTRY + f"          languages: {languages}\n"),
                      encoding="utf-8")
    (config.parent / "money.es.yaml").unlink()
    home = config.parent / "content" / "index.es.md"  # the Spanish home: to the English guide
    home.write_text(home.read_text(encoding="utf-8").replace("(money/", "(../money/"),
                    encoding="utf-8")
    return config


def test_an_english_only_guide_beside_a_translated_one_checks_clean(tmp_path: Path) -> None:
    report = checked(english_only_money(tmp_path))
    assert report.problems == [], [p.headline() for p in report.problems]
    assert report.project is not None
    spanish = report.project.translations["es"]
    assert [g.base for g in spanish.guides] == ["es/login"]
    assert {"money/", "money/track/", "print/money/"} <= spanish.main_only
    # login.es.yaml links to /money/track/: from Spanish pages, the English page
    assert spanish.link_target("money/track/") == "money/track/"
    assert spanish.link_target("login/reset/") == "es/login/reset/"


def test_a_spanish_link_to_the_english_only_guide_is_told_where_it_is(tmp_path: Path) -> None:
    config = english_only_money(tmp_path)
    home = config.parent / "content" / "index.es.md"
    home.write_text(home.read_text(encoding="utf-8").replace("(../money/", "(money/"),
                    encoding="utf-8")
    problem = only(checked(config).problems, "HT222")
    assert problem.location.file == str(home)
    assert problem.hint == "did you mean `../money/index.md`?"


def test_a_missing_translation_the_author_did_not_opt_out_of_is_still_an_error(tmp_path: Path) -> None:
    config = bilingual(tmp_path)
    (config.parent / "money.es.yaml").unlink()
    report = checked(config)
    assert "HT219" in codes(report.problems)
    assert not report.ok


@pytest.mark.parametrize(("languages", "says"), [
    ("[es]", "without the main language `en`"),
    ("[en, fr]", "`fr` is not one of the help center's languages"),
])
def test_a_bad_guide_language_list_is_located_at_the_guide(tmp_path: Path, languages: str,
                                                           says: str) -> None:
    config = english_only_money(tmp_path, languages)
    with pytest.raises(ProblemsError) as raised:
        checked(config)
    problem = only(raised.value.problems, "HT223")
    assert problem.location.file == str(config)
    assert config.read_text(encoding="utf-8").splitlines()[problem.location.line - 1].strip() \
        == "base: money"
    assert says in problem.message


def english_only_article(tmp_path: Path) -> Path:
    config = bilingual(tmp_path)
    article = config.parent / "content" / "help" / "reset.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "---\n", "---\nlanguages: [en]\n", 1), encoding="utf-8")
    return config


def test_an_english_only_article_needs_no_twin_and_a_leftover_twin_is_located(tmp_path: Path) -> None:
    config = english_only_article(tmp_path)
    twin = config.parent / "content" / "help" / "reset.es.md"
    problem = only(checked(config).problems, "HT223")
    assert problem.location.file == str(twin)
    assert "delete the twin" in (problem.hint or "")
    twin.unlink()
    report = checked(config)
    assert report.problems == [], [p.headline() for p in report.problems]


def test_an_article_listing_a_language_the_project_lacks_is_located_in_its_front_matter(
        tmp_path: Path) -> None:
    config = english_only_article(tmp_path)
    article = config.parent / "content" / "help" / "reset.md"
    article.write_text(article.read_text(encoding="utf-8").replace("[en]", "[en, de]"),
                       encoding="utf-8")
    (config.parent / "content" / "help" / "reset.es.md").unlink()
    problem = only(checked(config).problems, "HT223")
    assert (problem.location.file, problem.location.line) == (str(article), 2)


def test_the_spanish_edition_leaves_the_english_only_pages_out_and_says_so_on_them(
        tmp_path: Path) -> None:
    config = english_only_money(tmp_path)
    report = checked(config)
    assert report.project is not None
    site = plan(report.project)
    urls = {page.url for page in site.pages}
    assert "money/track/" in urls
    assert not any(url.startswith(("es/money/", "es/print/money/")) for url in urls)
    spanish_index = next(page for page in site.pages if page.url == "es/a-z/")
    assert "money/" not in spanish_index.html
    money = next(page for page in site.pages if page.url == "money/track/")
    assert "helptree_alternates" in money.front_matter
    assert "Esta página no está en español." in money.front_matter
    assert "url: es/money/track/" not in money.front_matter
    call = next(page for page in site.pages if page.url == "es/login/call-desk/")
    assert 'href="../../../money/track/"' in call.html  # to the English page, not /es/money/


def test_an_english_only_article_is_not_published_in_spanish_but_is_reached_from_it(
        tmp_path: Path) -> None:
    config = english_only_article(tmp_path)
    (config.parent / "content" / "help" / "reset.es.md").unlink()
    report = checked(config)
    assert report.project is not None
    site = plan(report.project)
    assert "es/help/reset.md" not in site.articles
    assert site.articles["help/reset.md"].added_meta["helptree_lang"] == "en"
    outcome = next(page for page in site.pages if page.url == "es/login/reset/")
    assert 'href="../../../help/reset/"' in outcome.html  # its article: the English page


@pytest.mark.parametrize("options", ["", "      languages: [en]\n"])
def test_a_leftover_twin_of_a_language_not_published_is_located_not_published(
        tmp_path: Path, options: str) -> None:
    """It used to be published as an English article of its own, at /guides/reset.es/."""
    import shutil

    from treekit import SMALL

    root = tmp_path / "p"
    shutil.copytree(SMALL, root)
    if options:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - helptree\n", "  - helptree:\n" + options), encoding="utf-8")
    twin = root / "content" / "guides" / "reset.es.md"
    twin.write_text("---\ntitle: Restablecer\n---\n# Restablecer\n", encoding="utf-8")
    problem = only(checked(root / "mkdocs.yml").problems, "HT224")
    assert problem.location.file == str(twin)
    assert "does not publish `es`" in problem.message
