"""The ``{{ contacts.ID.FIELD }}`` placeholders that keep every number and address in one place."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.model import Contact

PLACEHOLDER = re.compile(r"\{\{\s*contacts\.([A-Za-z0-9_-]+)\.([A-Za-z_]+)\s*\}\}")
ANY_BRACES = re.compile(r"\{\{.*?\}\}", re.DOTALL)
FIELDS = ("name", "phone", "text", "url", "hours", "note")


@dataclass(frozen=True)
class Placeholder:
    source: str  # as written
    contact: str | None
    field: str | None


def find_placeholders(text: str) -> Iterator[Placeholder]:
    """Every ``{{ ... }}`` in ``text``; malformed ones have ``contact`` None."""
    for match in ANY_BRACES.finditer(text):
        good = PLACEHOLDER.fullmatch(match.group(0))
        yield Placeholder(match.group(0), good.group(1) if good else None,
                          good.group(2) if good else None)


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


def contact_markdown(contact: Contact, field: str) -> str:
    """What a placeholder turns into: links for phone and url, plain text otherwise."""
    value = getattr(contact, field)
    if value is None:
        return ""
    if field == "phone":
        return f"[{value}]({tel_uri(value)})"
    if field == "url":
        return f"[{display_url(value)}]({value})"
    return str(value)


def expand(text: str, contacts: Mapping[str, Contact]) -> str:
    """Fill in every placeholder; unknown ones are left for the checks to report."""
    def fill(match: re.Match[str]) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or match.group(2) not in FIELDS:
            return match.group(0)
        return contact_markdown(contact, match.group(2))
    return PLACEHOLDER.sub(fill, text)
