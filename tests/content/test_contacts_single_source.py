"""Phone numbers and official addresses live only in the tree's `contacts:`; pages follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.articles import iter_markdown_files, read_article
from generator.check import check_project, tree_texts
from generator.contacts import display_url, tel_uri

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PROJECT = check_project(ROOT / "decision_tree.yaml", CONTENT)
TREE = PROJECT.tree
assert TREE is not None

PHONE_SHAPE = re.compile(r"(?<![\w-])(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\w-])")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _authored_texts() -> list[tuple[str, str]]:
    """Every text an author writes outside `contacts:`: tree fields and article bodies."""
    assert TREE is not None
    texts = [(f"decision_tree.yaml:{where.line}", text) for text, where in tree_texts(TREE)]
    for src_uri in iter_markdown_files(CONTENT):
        article, _ = read_article(CONTENT, src_uri)
        assert article is not None
        texts.append((f"content/{src_uri}", article.body))
    return texts


def test_the_guide_defines_the_official_contacts() -> None:
    assert TREE is not None
    assert TREE.contacts["jpay"].phone == "800-574-5729"
    assert TREE.contacts["securus"].phone == "1-800-844-6591"
    assert TREE.contacts["lifeline-988"].phone == "988"


@pytest.mark.parametrize(("where", "text"), _authored_texts(),
                         ids=lambda v: v if "/" in str(v) or ":" in str(v) else "")
def test_no_phone_number_is_written_outside_contacts(where: str, text: str) -> None:
    written = [m.group(0) for m in PHONE_SHAPE.finditer(text)]
    assert not written, f"{where}: write {{{{ contacts.ID.phone }}}} instead of {written}"


def test_no_contact_address_is_written_outside_contacts() -> None:
    assert TREE is not None
    offenders = []
    for where, text in _authored_texts():
        for contact in TREE.contacts.values():
            if contact.url and (contact.url in text or f"({display_url(contact.url)})" in text):
                offenders.append(f"{where}: {contact.url}")
    assert not offenders, "use {{ contacts.ID.url }} instead:\n" + "\n".join(offenders)


def test_every_contact_is_used_through_a_placeholder() -> None:
    assert TREE is not None
    used = "\n".join(text for _, text in _authored_texts())
    unused = [cid for cid in TREE.contacts if f"contacts.{cid}." not in used]
    assert not unused, f"contacts defined but never shown: {unused}"


def test_each_phone_number_reaches_the_built_pages_as_a_tap_to_call_link(guide_site: Path) -> None:
    assert TREE is not None
    pages = "\n".join(p.read_text(encoding="utf-8") for p in guide_site.rglob("*.html"))
    for contact in TREE.contacts.values():
        if contact.phone:
            assert f'href="{tel_uri(contact.phone)}"' in pages, contact.id


def test_changing_a_number_in_contacts_changes_every_page(tmp_path: Path) -> None:
    """One edit in `contacts:` is the only edit needed: the old number leaves every page."""
    from generator.render import SiteRenderer

    tree_text = (ROOT / "decision_tree.yaml").read_text(encoding="utf-8")
    changed = tree_text.replace('phone: "800-574-5729"', 'phone: "800-555-0199"', 1)
    assert changed != tree_text
    (tmp_path / "decision_tree.yaml").write_text(changed, encoding="utf-8")
    project = check_project(tmp_path / "decision_tree.yaml", CONTENT)
    assert project.ok, project.errors
    pages = "\n".join(page.markdown for page in SiteRenderer(project).pages())
    assert "800-555-0199" in pages
    assert _digits("800-574-5729") not in _digits(pages.replace("8005550199", ""))
