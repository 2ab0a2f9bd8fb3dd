"""The ``{{ contacts.ID.FIELD }}`` placeholders that keep every number and address in one place."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.model import Contact

PLACEHOLDER = re.compile(r"\{\{\s*contacts\.([A-Za-z0-9_-]+)\.([A-Za-z_]+)\s*\}\}")
# No `{{` inside: otherwise a run of `{{{{...` without a closing brace takes quadratic time.
ANY_BRACES = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}", re.DOTALL)
FIELDS = ("name", "phone", "text", "url", "hours", "note")


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
    if getattr(contacts[found.contact], found.field) is None:
        return (f"contact `{found.contact}` has no `{found.field}`",
                f"add `{found.field}:` to the contact, or use another field")
    return None


def tel_uri(phone: str) -> str:
    """``800-574-5729`` -> ``tel:+18005745729``; short codes like 988 stay as they are."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if len(digits) == 11 else f"tel:{digits}"


def display_url(url: str) -> str:
    return re.sub(r"^https://(www\.)?", "", url).rstrip("/")


def contact_markdown(contact: Contact, field: str, *, escape_html: bool = False) -> str:
    """What a placeholder turns into: links for phone and url, plain text otherwise.

    ``escape_html`` is for Markdown that keeps raw HTML (articles): a contact value is
    text, so ``<b>`` in it must show as ``<b>``, never become markup.
    """
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


def expand(text: str, contacts: Mapping[str, Contact], *, escape_html: bool = False) -> str:
    """Fill in every placeholder; unknown ones are left for the checks to report."""
    def fill(match: re.Match[str]) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or match.group(2) not in FIELDS:
            return match.group(0)
        return contact_markdown(contact, match.group(2), escape_html=escape_html)
    return PLACEHOLDER.sub(fill, text)
