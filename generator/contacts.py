"""The ``{{ contacts.ID.FIELD }}`` placeholders that keep every number and address in one place."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from ada_url import URL

from generator.codes import CodeName
from generator.links import link_problem
from generator.model import Contact
from generator.problems import Problem
from generator.strings import ENGLISH

PLACEHOLDER = re.compile(r"\{\{\s*contacts\.([A-Za-z0-9_-]+)\.([A-Za-z_]+)\s*\}\}")
# No `{{` inside: otherwise a run of `{{{{...` without a closing brace takes quadratic time.
ANY_BRACES = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}", re.DOTALL)
FIELDS = ("name", "phone", "text", "url", "hours", "note", "sms", "sms_body", "call", "text_button",
          "link", "address")
# What plain text may not hold: a character Markdown or HTML reads as markup or a link
# (`<`, `>`, brackets, braces, backticks, backslashes), a line break, or an address (a scheme,
# `www.`), which an extension such as magiclink would turn into a link.
_NOT_PLAIN = re.compile(r"[<>\[\]{}`\\\x00-\x1f\x7f\u2028\u2029]|\b[a-z][a-z0-9+.-]*:(?=[^\s\d])|"
                        r"\bwww\.", re.IGNORECASE)
_PHONE = re.compile(r"\+?[0-9(][0-9 ().-]*\Z")
# Characters Markdown reads as marks (emphasis, headings, and behind the check that refuses
# them in a value, links, images and code); each is written with a backslash, so a value can
# only ever become the text it is, even one that never went through ``contact_problems``.
_MARKDOWN_MARK = re.compile(r"([\\`*_{}\[\]()#!])")
# Fields written from another one: `call` is a full-width button that dials `phone`,
# `text_button` one that opens a text message to `sms`; `link` is a link to `url` with the
# contact's name as its text, `address` the short address as plain text (no link).
DERIVED_FROM = {"call": "phone", "text_button": "sms", "link": "url", "address": "url"}
BUTTONS = ("call", "text_button")  # the fields written as raw HTML buttons
VALUE_FIELDS = tuple(f for f in FIELDS if f not in DERIVED_FROM)  # what a contact holds


@dataclass(frozen=True)
class Placeholder:
    source: str  # as written
    contact: str | None
    field: str | None


def find_placeholders(text: str) -> Iterator[Placeholder]:
    """Every ``{{ ... }}`` in ``text``; malformed ones have ``contact`` None."""
    end = 0
    for match in ANY_BRACES.finditer(text):
        if "{{" in text[end:match.start()]:
            yield Placeholder("{{", None, None)  # opened, never closed
        good = PLACEHOLDER.fullmatch(match.group(0))
        yield Placeholder(match.group(0), good.group(1) if good else None,
                          good.group(2) if good else None)
        end = match.end()
    if "{{" in text[end:]:
        yield Placeholder("{{", None, None)


def placeholder_problem(found: Placeholder, contacts: Mapping[str, Contact]) -> tuple[str, str] | None:
    """Why a placeholder cannot be filled in (message, hint), or None."""
    if found.contact is None or found.field is None:
        return (f"`{found.source}` is not a contact placeholder",
                "write `{{ contacts.ID.FIELD }}`, e.g. `{{ contacts.support.phone }}`")
    if found.contact not in contacts:
        names = ", ".join(sorted(contacts)) or "none are defined"
        return (f"unknown contact `{found.contact}`", f"contacts: {names}")
    if found.field not in FIELDS:
        return (f"unknown contact field `{found.field}`", f"fields: {', '.join(FIELDS)}")
    needed = DERIVED_FROM.get(found.field, found.field)
    if getattr(contacts[found.contact], needed) is None:
        return (f"contact `{found.contact}` has no `{needed}`",
                f"add `{needed}:` to the contact, or use another field")
    return None


def contact_problems(contact: Contact, allows_host: Callable[[str], bool]) -> Iterator[Problem]:
    """HT221 (and HT213 for a url off the allow-list): each value must be what its field
    says, because placeholders paste it into pages: one canonical https address in `url`,
    a phone number in `phone`, plain text in the rest."""
    for field in VALUE_FIELDS:
        value = getattr(contact, field)
        if not value:
            continue
        why = _url_problem(value, allows_host) if field == "url" else \
            _phone_problem(value) if field in ("phone", "sms") else _text_problem(value)
        if why is not None:
            code, message, hint = why
            prefix = "contact url" if code == "HT213" else f"contact `{contact.id}` {field}"
            yield Problem(contact.where(field), code, f"{prefix} {message}", hint)


def _url_problem(value: str, allows_host: Callable[[str], bool]) -> tuple[CodeName, str, str] | None:
    hint = "write one official https:// address, nothing else"
    try:
        url = URL(value)
    except ValueError:
        return "HT221", f"`{value}` is not an address", hint
    canonical = str(url.href)
    if str(url.protocol) != "https:":
        bad = link_problem(value)
        return "HT212", bad[0] if bad else f"`{value}` is not an https: address", hint
    if str(url.username) or str(url.password):
        return "HT221", f"`{value}` names a user before `@`: a browser goes to `{url.hostname}`", \
            "write the address without the part before `@`"
    if value not in (canonical, canonical.removesuffix("/")) or re.search(r"[()\[\]]", value):
        return "HT221", f"`{value}` is not one plain address (a browser reads it as `{canonical}`)", \
            "write it as a browser shows it, without spaces, quotes, brackets or backslashes"
    if not allows_host(str(url.hostname)):
        return "HT213", f"host `{url.hostname}` is not on the allow-list", \
            "add the official domain to `allowed_domains`"
    return None


def _phone_problem(value: str) -> tuple[CodeName, str, str] | None:
    digits = len(re.sub(r"\D", "", value))
    if _PHONE.match(value) and 3 <= digits <= 15:
        return None
    return ("HT221", f"`{value}` is not a phone number",
            "write digits with spaces, dashes, dots or brackets, like `800-574-5729`")


def _text_problem(value: str) -> tuple[CodeName, str, str] | None:
    found = _NOT_PLAIN.search(value)
    if found is None:
        return None
    what = "a line break" if found.group(0) in "\n\r" else f"`{found.group(0)}`"
    return ("HT221", f"holds {what}, which a page would read as markup or a link, not text",
            "write plain words; an address belongs in `url`, a number in `phone`")


def as_markdown_text(value: str) -> str:
    """``value`` written so that Markdown shows exactly it: every mark backslashed."""
    return _MARKDOWN_MARK.sub(r"\\\1", value)


def sms_uri(number: str, body: str | None = None) -> str:
    """``62640`` and ``HELPLINE`` -> ``sms:62640?body=HELPLINE`` (RFC 5724)."""
    uri = "sms:" + re.sub(r"[^\d+]", "", number)
    return uri + (f"?body={quote(body)}" if body else "")


def tel_uri(phone: str) -> str:
    """``800-574-5729`` -> ``tel:+18005745729``; short codes like 988 stay as they are."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if len(digits) == 11 else f"tel:{digits}"


def display_url(url: str) -> str:
    return re.sub(r"^https://(www\.)?", "", url).rstrip("/")


def call_button(contact: Contact, label: str = ENGLISH["call_contact"]) -> str:
    """A call step: one link styled as a full-width button, "Call NAME: PHONE", that dials.

    ``label`` is the interface string ``call_contact`` with ``{name}`` and ``{phone}``.
    """
    if contact.phone is None:
        return ""
    # The number never breaks over two lines (on a phone, or in a printout).
    number = f'<span class="ht-phone">{html.escape(contact.phone, quote=False)}</span>'
    name = html.escape(contact.name, quote=False)
    if re.search(rf"(?<!\d){re.escape(contact.phone)}(?!\d)", contact.name):
        # "Call 988 Lifeline", not "Call 988 Lifeline 988": the name holds the number
        number = ""
    text = html.escape(label, quote=False).format(name=name, phone=number).strip("\u00a0 ")
    return f'<a class="md-button md-button--primary ht-call" href="{tel_uri(contact.phone)}">{text}</a>'


def text_button(contact: Contact, label: str = ENGLISH["text_contact"]) -> str:
    """A text step: a full-width button that opens a text message to the contact's `sms`
    number, with `sms_body` filled in. It says what to send: the contact's `text` when it
    has one ("Text HELPLINE to 62640"), else ``label`` with ``{name}`` and ``{number}``."""
    if contact.sms is None:
        return ""
    number = f'<span class="ht-phone">{html.escape(contact.sms, quote=False)}</span>'
    if contact.text:
        words = html.escape(contact.text, quote=False)
        text = words.replace(html.escape(contact.sms), number, 1) if contact.sms in contact.text \
            else f"{words} {number}"
    else:
        text = html.escape(label, quote=False).format(
            name=html.escape(contact.name, quote=False), number=number)
    return (f'<a class="md-button md-button--primary ht-call ht-text" '
            f'href="{html.escape(sms_uri(contact.sms, contact.sms_body))}">{text}</a>')


@dataclass(frozen=True)
class ContactButtons:
    """The call and text buttons of one language (their labels are interface strings)."""

    call_label: str = ENGLISH["call_contact"]
    text_label: str = ENGLISH["text_contact"]

    def __call__(self, contact: Contact, field: str) -> str:
        if field == "text_button":
            return text_button(contact, self.text_label)
        return call_button(contact, self.call_label)


def contact_markdown(contact: Contact, field: str, *, escape_html: bool = False) -> str:
    """What a placeholder turns into: links for phone and url, a call button for call,
    plain text otherwise; the values were validated (contact_problems), and every Markdown
    mark in them is escaped, so each becomes text or the one link it stands for.

    ``escape_html`` is for Markdown that keeps raw HTML (articles): a contact value is
    text, so ``<b>`` in it must show as ``<b>``, never become markup.
    """
    if field in BUTTONS:
        return ContactButtons()(contact, field)
    value = getattr(contact, DERIVED_FROM.get(field, field))
    if value is None:
        return ""

    def text(raw: str) -> str:
        return as_markdown_text(html.escape(raw, quote=False) if escape_html else raw)
    if field == "phone":
        return f"[{text(value)}]({tel_uri(value)})"
    if field == "url":
        return f"[{text(display_url(value))}]({value})"
    if field == "link":
        return f"[{text(contact.name)}]({value})"
    if field == "address":
        return text(display_url(value))
    return text(str(value))


def expand(text: str, contacts: Mapping[str, Contact], *, escape_html: bool = False,
           button: Callable[[Contact, str], str] = ContactButtons()) -> str:
    """Fill in every placeholder; unknown ones are left for the checks to report.

    ``button`` writes a call or text step (``call``, ``text_button``: raw HTML by default,
    which Markdown keeps in articles).
    """
    def fill(match: re.Match[str]) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or match.group(2) not in FIELDS:
            return match.group(0)
        if match.group(2) in BUTTONS:
            return button(contact, match.group(2))
        return contact_markdown(contact, match.group(2), escape_html=escape_html)
    return PLACEHOLDER.sub(fill, text)
