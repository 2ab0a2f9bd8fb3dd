"""Injection: hostile text in every field of the tree and in article front matter comes out
of the build as text. No page, and no snippet of the search index (which Material shows as
HTML), gains an element or an attribute from it; the page <title> shows it literally."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.write.build import safe_build

pytestmark = pytest.mark.slow


def payload(n: int, handler: bool = True) -> str:
    """Text that would add an <i-N> element (with an onclick) if it ever reached HTML raw."""
    attribute = f" onclick=go({n})" if handler else ""
    return f"X{n} <i-{n}{attribute}>\"'&amp; </title></script><!--"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def contact_payload(n: int) -> str:
    """Contact values must be plain text (HT221 refuses `<`): the nearest thing, markup
    spelled as entities and Markdown marks, must still come out as exactly what was typed."""
    return f"X{n} &lt;i-{n}&gt;\"'&amp; *em* _u_ # &#60;i-{n}&#62;"


def _tree() -> dict[str, object]:
    return {
        "version": 1, "title": payload(1), "intro": payload(2), "duration": payload(3),
        "needs": [payload(4)], "prevention": payload(5), "start": "q",
        "help_area": [{"label": payload(6), "node": "support"},
                      {"label": payload(7), "article": "guide.md"}],
        "contacts": {"desk": {"name": contact_payload(8), "phone": "800-555-0100",
                              "hours": contact_payload(9), "note": contact_payload(10)}},
        "nodes": {
            "q": {"question": payload(11), "help": payload(12), "answers": [
                {"label": payload(13), "next": "done", "hint": payload(14)},
                {"label": payload(15), "next": "support"}]},
            "done": {"outcome": payload(16), "body": payload(17) + "\n\nCall "
                     "{{ contacts.desk.name }}, {{ contacts.desk.hours }}, {{ contacts.desk.note }}.",
                     "prevention": payload(18), "article": "guide.md",
                     "still_stuck": "support", "aliases": ["old-done"]},
            "support": {"outcome": payload(19), "body": payload(20)},
        },
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    front = yaml.safe_dump({"title": payload(21), "description": payload(22)}, allow_unicode=True)
    (root / "content" / "guide.md").write_text(
        f"---\n{front}---\n\nCall {{{{ contacts.desk.name }}}} on {{{{ contacts.desk.phone }}}}.\n",
        encoding="utf-8")
    (root / "decision_tree.yaml").write_text(yaml.safe_dump(_tree(), allow_unicode=True,
                                                            sort_keys=False), encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Site\ndocs_dir: content\ntheme:\n  name: material\n"
                                     "  font: false\nplugins:\n  - search\n  - helptree\n",
                                     encoding="utf-8")
    outcome = safe_build(root / "mkdocs.yml", strict=False)
    assert outcome.ok, outcome.message
    return outcome.site_dir


def test_no_page_gains_an_element_or_attribute_from_hostile_text(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        found = elements(page.read_text(encoding="utf-8"))
        assert not [tag for tag in found.tags if tag.startswith("i-")]
        assert "onclick" not in found.attributes, page


def test_contact_values_pasted_into_articles_are_text(site: Path) -> None:
    page = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert not [tag for tag in elements(page).tags if tag.startswith("i-")]
    # exactly as typed: the entities shown as entities, the Markdown marks as marks
    assert "X8 &amp;lt;i-8&amp;gt;\"'&amp;amp; *em* _u_ # &amp;#60;i-8&amp;#62;" in page


def test_every_hostile_text_reaches_a_page_as_visible_text(site: Path) -> None:
    text = "".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    for n in (*range(1, 21), 21):
        assert f"X{n} &lt;i-{n}" in text or f"X{n} &amp;lt;i-{n}" in text, n


@pytest.mark.parametrize(("page", "n"), [("troubleshoot/q", 11), ("troubleshoot/done", 16),
                                         ("troubleshoot", 1), ("guide", 21)])
def test_page_title_shows_hostile_text_literally(site: Path, page: str, n: int) -> None:
    found = elements((site / page / "index.html").read_text(encoding="utf-8"))
    assert found.title.strip() == f"{payload(n)} - Site"


def test_search_index_snippets_are_text_when_shown_as_html(site: Path) -> None:
    index = json.loads((site / "assets" / "helptree" / "search.json").read_text(encoding="utf-8"))
    assert index["docs"]
    for doc in index["docs"]:
        for key in ("title", "text", "keywords", "aliases", "lead", "body"):
            if key not in doc:
                continue
            found = elements(doc[key])
            assert not [tag for tag in found.tags if tag.startswith("i-")], doc
            assert "onclick" not in found.attributes, doc


def test_the_config_json_the_theme_reads_holds_no_tree_text(site: Path) -> None:
    html = (site / "troubleshoot" / "q" / "index.html").read_text(encoding="utf-8")
    config = html.split('id="__config"', 1)[1].split("</script>", 1)[0]
    assert "X1" not in config
    assert "X11" not in config
