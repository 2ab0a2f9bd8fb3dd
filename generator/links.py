"""Finding links in Markdown text and deciding which ones a reader may be sent to."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

SAFE_SCHEMES = ("https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<([^<>\n]*)>"),  # [text](<url>)
    # [text](url "title"); like Markdown, one level of balanced brackets stays in the url
    re.compile(r"\]\(\s*((?!<)(?:[^()\s]|\([^()\s]*\))+)"),
    # [ref]: url, also inside a quote or a list item (`> [ref]: url`), where Markdown reads it too
    re.compile(r"\[[^\[\]\n]+\]:[ \t]*\n?[ \t>]*<?([^\s>]+)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>"),  # <https://autolink>
    # an HTML attribute: a quoted value runs to its closing quote, tabs and spaces included,
    # since browsers drop those from URLs (`href=" java\tscript:..."`)
    re.compile(r"""\b(?:href|src|action|formaction|xlink:href|data)"""
               r"""\s*=\s*("[^"]*|'[^']*|[^"'\s>]+)""", re.IGNORECASE),
)


def find_links(markdown: str) -> Iterator[str]:
    """Every link destination written in ``markdown``, as written."""
    seen: set[int] = set()  # where each destination starts: a set, so 100,000 links stay fast
    for pattern in _LINK_PATTERNS:
        for match in pattern.finditer(markdown):
            start = match.start(1)
            if start not in seen:
                seen.add(start)
                url = match.group(1)
                yield url[1:] if url[:1] in "\"'" else url


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, after undoing entities, case and hidden characters
    (``JaVa&#115;cript:`` and ``java\\tscript:`` are both ``javascript``)."""
    cleaned = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_site_relative(url: str) -> bool:
    return scheme_of(url) is None and not url.startswith("//")


def link_problem(url: str) -> tuple[str, str] | None:
    """Why a reader must not be sent to ``url`` (message, hint), or None when it is fine."""
    if url.startswith("//"):
        return (f"link `{url}` has no scheme", "write it as `https://...`")
    scheme = scheme_of(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    if scheme == "http":
        return (f"link `{url}` uses http:", "use the https: address of the same page")
    return (f"link `{url}` uses the unsafe scheme `{scheme}:`",
            "links may only be https:, mailto:, tel: or site-relative")


def host_of(url: str) -> str | None:
    if scheme_of(url) != "https":
        return None
    try:
        return (urlsplit(html.unescape(url).strip()).hostname or "").lower() or None
    except ValueError:  # `https://[broken` is no address at all
        return None


def domain_allowed(host: str, allowed: tuple[str, ...] | list[str]) -> bool:
    """``www.jpay.com`` is allowed by ``jpay.com``; ``jpay.com.evil.io`` is not."""
    host = host.rstrip(".").lower()
    return any(host == d or host.endswith("." + d) for d in (a.lower().strip(".") for a in allowed))
