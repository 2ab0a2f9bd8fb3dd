"""Phone numbers and official addresses live only in `contacts:` (the shared contacts.yaml,
or a guide's own); pages follow it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from treekit import ROOT, shipped_project

from generator.check.run import check
from generator.check.texts import tree_texts
from generator.contacts import display_url, tel_uri
from generator.model import Contact
from generator.project.mkdocs_yml import open_project
from generator.source.articles import iter_markdown_files, read_article

CONTENT = ROOT / "content"
PHONE_SHAPE = re.compile(r"(?<![\w-])(?:1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\w-])")


def contact_texts(contacts: object) -> list[tuple[str, object]]:
    """The text fields of contacts (a phone number belongs in `phone` only)."""
    return [(value, contact.where(key)) for contact in contacts  # type: ignore[attr-defined]
            for key in ("name", "text", "hours", "note") if (value := getattr(contact, key))]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _contacts() -> dict[str, Contact]:
    return dict(shipped_project().contacts)


def _authored_texts() -> list[tuple[str, str]]:
    """Every text an author writes outside contacts' numbers and addresses: the fields of
    every guide, the contacts' own text fields, and every article body."""
    texts: list[tuple[str, str]] = []
    spec, _ = open_project(ROOT / "mkdocs.yml")
    from generator.source.load import load_contacts, load_tree

    for guide in spec.guides:
        tree = load_tree(guide.tree).tree
        assert tree is not None, guide.tree
        texts += [(f"{guide.tree.relative_to(ROOT)}:{where.line}", text)
                  for text, where in tree_texts(tree)]
        texts += [(f"{guide.tree.relative_to(ROOT)}:{where.line}", text)
                  for text, where in contact_texts(tree.contacts.values())]
    if spec.contacts_file is not None:
        shared = load_contacts(spec.contacts_file)
        texts += [(f"{spec.contacts_file.relative_to(ROOT)}:{where.line}", text)
                  for text, where in contact_texts(shared.contacts.values())]
    for src_uri in iter_markdown_files(CONTENT):
        article, _ = read_article(CONTENT, src_uri)
        assert article is not None
        texts.append((f"content/{src_uri}", article.body))
    return texts


def test_the_guide_defines_the_official_contacts() -> None:
    contacts = _contacts()
    assert contacts["jpay"].phone == "800-574-5729"
    assert contacts["securus"].phone == "1-800-844-6591"
    assert contacts["lifeline-988"].phone == "988"


@pytest.mark.parametrize(("where", "text"), _authored_texts(),
                         ids=lambda v: v if "/" in str(v) or ":" in str(v) else "")
def test_no_phone_number_is_written_outside_contacts(where: str, text: str) -> None:
    written = [m.group(0) for m in PHONE_SHAPE.finditer(text)]
    assert not written, f"{where}: write {{{{ contacts.ID.phone }}}} instead of {written}"


def test_no_contact_address_is_written_outside_contacts() -> None:
    offenders = []
    contacts = _contacts()
    for where, text in _authored_texts():
        for contact in contacts.values():
            if contact.url and (contact.url in text or f"({display_url(contact.url)})" in text):
                offenders.append(f"{where}: {contact.url}")
    assert not offenders, "use {{ contacts.ID.url }} instead:\n" + "\n".join(offenders)


def test_every_contact_is_used_through_a_placeholder() -> None:
    used = "\n".join(text for _, text in _authored_texts())
    unused = [cid for cid in _contacts() if f"contacts.{cid}." not in used]
    assert not unused, f"contacts defined but never shown: {unused}"


def test_each_phone_number_reaches_the_built_pages_as_a_tap_to_call_link(guide_site: Path) -> None:
    pages = "\n".join(p.read_text(encoding="utf-8") for p in guide_site.rglob("*.html"))
    for contact in _contacts().values():
        if contact.phone:
            assert f'href="{tel_uri(contact.phone)}"' in pages, contact.id


def test_changing_a_number_in_contacts_changes_every_page(tmp_path: Path) -> None:
    """One edit in the contacts file is the only edit needed: the old number leaves every page."""
    from generator.plan.render import SiteRenderer

    spec, _ = open_project(ROOT / "mkdocs.yml")
    assert spec.contacts_file is not None, "the shipped contacts are in contacts.yaml"
    text = spec.contacts_file.read_text(encoding="utf-8")
    changed = text.replace('phone: "800-574-5729"', 'phone: "800-555-0199"', 1)
    assert changed != text
    (tmp_path / "contacts.yaml").write_text(changed, encoding="utf-8")
    for twin in spec.contacts_file.parent.glob("contacts.*.yaml"):  # its other languages
        (tmp_path / twin.name).write_bytes(twin.read_bytes())
    report = check(replace(spec, contacts_file=tmp_path / "contacts.yaml"))
    assert report.project is not None, report.errors
    pages = "\n".join(page.markdown for page in SiteRenderer(report.project).pages())
    assert "800-555-0199" in pages
    assert _digits("800-574-5729") not in _digits(pages.replace("8005550199", ""))
