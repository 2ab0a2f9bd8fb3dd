"""Every path of every guide in every other language, walked in the built HTML of the
shipped help center: from the Spanish start page, each step's answer link (its Spanish
label, in the main tree's order) leads to the Spanish page of the node the tree names,
"No me sirvió" leads on where `still_stuck` says, and every path ends at its outcome.
The paths come from the translated guide's own index, so they are the main tree's paths."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from sitehtml import Site, node_page, start_link
from treekit import shipped_project

from generator.check.run import CheckedGuide
from generator.model import Question
from generator.routes import node_url
from generator.text import TextRenderer


@cache
def editions() -> list[tuple[str, CheckedGuide]]:
    project = shipped_project()
    return [(language, guide) for language, edition in project.translations.items()
            for guide in edition.guides]


def _params() -> list[object]:
    return [pytest.param(language, guide.base, id=f"{guide.base}-{guide.index.count()}-paths")
            for language, guide in editions()]


@pytest.mark.parametrize(("language", "base"), _params())
def test_every_path_of_every_translated_guide_is_walked_in_the_html(
        guide_site: Path, language: str, base: str) -> None:
    site = Site(guide_site)
    guide = next(g for lang, g in editions() if lang == language and g.base == base)
    edition = shipped_project().translations[language]
    plain = TextRenderer(edition.contacts).plain
    did_not_work = edition.spec.strings["it_did_not_work"]
    assert base.startswith(f"{language}/")
    first = start_link(site, f"{base}/")
    assert first == node_url(base, guide.tree.start)
    walked = 0
    for path in guide.index.iter_paths():
        url = first
        for step in path.steps:
            page = node_page(site, url)
            node = guide.tree.nodes[step.node]
            assert page.node == step.node, url
            assert page.heading == plain(node.title), url
            if isinstance(node, Question):
                assert [c.label for c in page.answers] == [plain(a.label) for a in node.answers], url
                assert step.answer is not None
                choice = page.answers[node.answers.index(step.answer)]
            else:
                [choice] = page.not_worked
                assert choice.label == did_not_work, url
            assert choice.url == node_url(base, step.to), f"{url}: leads to {choice.url}"
            url = choice.url
        end = node_page(site, url)
        assert end.kind == "outcome"
        assert end.node == path.end
        assert end.heading == plain(guide.tree.nodes[path.end].title)
        walked += 1
    assert walked == guide.index.count() > 0


def test_every_translated_page_is_in_its_language(guide_site: Path) -> None:
    """Each Spanish node page says `lang="es"` on <html>, and its English twin `en`."""
    for language, guide in editions():
        for node_id in guide.index.reachable_order:
            url = node_url(guide.base, node_id)
            text = (guide_site / url / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in text, url
            twin = (guide_site / url[len(language) + 1:] / "index.html").read_text(encoding="utf-8")
            assert '<html lang="en"' in twin, url
