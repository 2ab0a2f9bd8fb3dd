"""Contact placeholders: found, checked and filled in from the one place numbers live."""

from __future__ import annotations

from types import MappingProxyType

import markdown
import pytest

from generator.contacts import (
    Placeholder,
    contact_markdown,
    display_url,
    expand,
    find_placeholders,
    placeholder_problem,
    tel_uri,
)
from generator.model import Contact
from generator.problems import Location

DESK = Contact(Location("t.yaml"), id="desk", name="Help desk", phone="800-574-5729",
               url="https://www.example.org/help/", hours="9 to 5")
CONTACTS = MappingProxyType({"desk": DESK})


def test_find_placeholders_reads_id_and_field_with_any_spacing() -> None:
    found = list(find_placeholders("Call {{contacts.desk.phone}} or {{  contacts.desk.url  }}."))
    assert found == [Placeholder("{{contacts.desk.phone}}", "desk", "phone"),
                     Placeholder("{{  contacts.desk.url  }}", "desk", "url")]


def test_malformed_placeholder_is_found_with_no_contact() -> None:
    (found,) = find_placeholders("x {{ contact.desk.phone }} y")
    assert (found.contact, found.field) == (None, None)


def test_placeholder_over_two_lines_is_still_one_placeholder() -> None:
    (found,) = find_placeholders("x {{ contacts.desk\n.phone }} y")
    assert found.source == "{{ contacts.desk\n.phone }}"


@pytest.mark.parametrize(("text", "message"), [
    ("{{ contacts.desk.phone }}", None),
    ("{{ contacts.nobody.phone }}", "unknown contact `nobody`"),
    ("{{ contacts.desk.fax }}", "unknown contact field `fax`"),
    ("{{ contacts.desk.note }}", "contact `desk` has no `note`"),
    ("{{ desk }}", "`{{ desk }}` is not a contact placeholder"),
])
def test_placeholder_problem_says_what_is_wrong(text: str, message: str | None) -> None:
    (found,) = find_placeholders(text)
    problem = placeholder_problem(found, CONTACTS)
    assert (problem[0] if problem else None) == message


def test_unknown_contact_hint_lists_the_contacts_there_are() -> None:
    (found,) = find_placeholders("{{ contacts.x.phone }}")
    assert placeholder_problem(found, CONTACTS) == ("unknown contact `x`", "contacts: desk")
    assert placeholder_problem(found, {}) == ("unknown contact `x`", "contacts: none are defined")


@pytest.mark.parametrize(("phone", "uri"), [
    ("800-574-5729", "tel:+18005745729"),
    ("(800) 574 5729", "tel:+18005745729"),
    ("+1 800 574 5729", "tel:+18005745729"),
    ("988", "tel:988"),
])
def test_tel_uri_adds_the_country_code_to_ten_digit_numbers(phone: str, uri: str) -> None:
    assert tel_uri(phone) == uri


def test_display_url_drops_scheme_www_and_trailing_slash() -> None:
    assert display_url("https://www.example.org/help/") == "example.org/help"


def test_contact_markdown_links_phones_and_urls_only() -> None:
    assert contact_markdown(DESK, "phone") == "[800-574-5729](tel:+18005745729)"
    assert contact_markdown(DESK, "url") == "[example.org/help](https://www.example.org/help/)"
    assert contact_markdown(DESK, "hours") == "9 to 5"
    assert contact_markdown(DESK, "note") == ""


def test_expand_fills_known_placeholders_and_leaves_unknown_ones() -> None:
    text = "Call {{ contacts.desk.phone }} ({{ contacts.desk.hours }}), not {{ contacts.x.phone }}."
    assert expand(text, CONTACTS) == (
        "Call [800-574-5729](tel:+18005745729) (9 to 5), not {{ contacts.x.phone }}.")


def test_an_unclosed_placeholder_is_reported_not_ignored() -> None:
    from generator.contacts import find_placeholders

    found = list(find_placeholders("Call {{ contacts.jpay.phone } today"))
    assert [(p.source, p.contact) for p in found] == [("{{", None)]


def test_expand_for_articles_escapes_contact_values_as_text() -> None:
    from generator.contacts import expand
    from generator.model import Contact
    from generator.problems import Location

    desk = Contact(location=Location("t.yaml"), id="desk", name="Desk <b>A & B</b>",
                   phone="800-555-0100")
    contacts = {"desk": desk}
    assert expand("{{ contacts.desk.name }}", contacts, escape_html=True) == \
        "Desk &lt;b&gt;A &amp; B&lt;/b&gt;"
    assert expand("{{ contacts.desk.name }}", contacts) == "Desk <b>A & B</b>"
    assert expand("{{ contacts.desk.phone }}", contacts, escape_html=True) == \
        "[800-555-0100](tel:+18005550100)"


# -- call steps: {{ contacts.ID.call }} ----------------------------------------------

def test_call_placeholder_is_a_button_that_dials_and_names_who_is_called() -> None:
    desk = Contact(Location("t.yaml"), id="desk", name="Desk <b>A & B</b>", phone="800-574-5729")
    assert expand("{{ contacts.desk.call }}", {"desk": desk}, escape_html=True) == (
        '<a class="md-button md-button--primary ht-call" href="tel:+18005745729">'
        'Call Desk &lt;b&gt;A &amp; B&lt;/b&gt;\u00a0<span class="ht-phone">800-574-5729</span></a>')


def test_call_needs_a_phone_and_says_so() -> None:
    web_only = Contact(Location("t.yaml"), id="web", name="Web", url="https://example.org")
    problem = placeholder_problem(Placeholder("{{ contacts.web.call }}", "web", "call"), {"web": web_only})
    assert problem == ("contact `web` has no `phone`", "add `phone:` to the contact, or use another field")
    assert placeholder_problem(Placeholder("{{ contacts.desk.call }}", "desk", "call"), CONTACTS) is None


def test_tree_text_keeps_the_call_button_while_raw_html_stays_text() -> None:
    from generator.text import TextRenderer

    desk = Contact(Location("t.yaml"), id="desk", name="Desk <b>", phone="800-574-5729")
    renderer = TextRenderer({"desk": desk}, call_label="Ring {name} on {phone}")
    out = str(renderer.block("1. Still locked? <i>Then</i> {{ contacts.desk.call }}\n2. Wait.", "x/"))
    assert out == ('<ol>\n<li>Still locked? &lt;i&gt;Then&lt;/i&gt; <a class="md-button md-button--primary '
                   'ht-call" href="tel:+18005745729">Ring Desk &lt;b&gt; on '
                   '<span class="ht-phone">800-574-5729</span></a></li>\n'
                   "<li>Wait.</li>\n</ol>")
    assert renderer.plain("{{ contacts.desk.call }}") == "Ring Desk <b> on 800-574-5729"


def test_a_contact_value_that_escaped_the_check_is_still_only_text() -> None:
    """Behind HT221: a value no check saw (a new language, a new field) cannot become a
    link, an image or code, because every Markdown mark in it is backslashed."""
    rogue = Contact(Location("contacts.xx.yaml"), id="desk",
                    name="[Call here](tel:+19005550100) ![x](https://evil.example/x.png) `c`",
                    phone="800-574-5729")
    page = markdown.markdown(expand("Ask {{ contacts.desk.name }}.", {"desk": rogue}))
    assert "<a" not in page
    assert "<img" not in page
    assert "<code" not in page
    assert "[Call here](tel:+19005550100)" in page
