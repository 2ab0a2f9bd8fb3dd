"""The ``{{ contacts.ID.FIELD }}`` placeholders that keep every number and address in one place."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from generator.model import Contact
from generator.strings import ENGLISH

PLACEHOLDER = re.compile(r"\{\{\s*contacts\.([A-Za-z0-9_-]+)\.([A-Za-z_]+)\s*\}\}")
# No `{{` inside: otherwise a run of `{{{{...` without a closing brace takes quadratic time.
ANY_BRACES = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}", re.DOTALL)
FIELDS = ("name", "phone", "text", "url", "hours", "note", "call")
# Fields written from another one: `call` is a full-width button that dials `phone`.
DERIVED_FROM = {"call": "phone"}


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
    text = label.format(name=contact.name, phone=contact.phone)
    return (f'<a class="md-button md-button--primary ht-call" href="{tel_uri(contact.phone)}">'
            f"{html.escape(text, quote=False)}</a>")


def contact_markdown(contact: Contact, field: str, *, escape_html: bool = False) -> str:
    """What a placeholder turns into: links for phone and url, a call button for call,
    plain text otherwise.

    ``escape_html`` is for Markdown that keeps raw HTML (articles): a contact value is
    text, so ``<b>`` in it must show as ``<b>``, never become markup.
    """
    if field == "call":
        return call_button(contact)
    value = getattr(contact, field)
    if value is None:
        return ""
    shown = html.escape(str(value), quote=False) if escape_html else str(value)
    if field == "phone":
        return f"[{shown}]({tel_uri(value)})"
    if field == "url":
        short = display_url(value)
        return f"[{html.escape(short, quote=False) if escape_html else short}]({value})"
    return shown


def expand(text: str, contacts: Mapping[str, Contact], *, escape_html: bool = False,
           call: Callable[[Contact], str] = call_button) -> str:
    """Fill in every placeholder; unknown ones are left for the checks to report.

    ``call`` writes a call step (raw HTML by default, which Markdown keeps in articles).
    """
    def fill(match: re.Match[str]) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or match.group(2) not in FIELDS:
            return match.group(0)
        if match.group(2) == "call":
            return call(contact)
        return contact_markdown(contact, match.group(2), escape_html=escape_html)
    return PLACEHOLDER.sub(fill, text)
