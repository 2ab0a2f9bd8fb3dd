"""Finding links in Markdown text and deciding which ones a reader may be sent to: by the
host a browser would go to (generator/urls.py), never by how the text looks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from generator.urls import PLACEHOLDER_SITE, Destination, resolve

SAFE_SCHEMES = ("https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<([^<>\n]*)>"),  # [text](<url>)
    # [text](url "title"); like Markdown, one level of balanced brackets stays in the url
    re.compile(r"\]\(\s*((?!<)(?:[^()\s]|\([^()\s]*\))+)"),
    # [ref]: url, also inside a quote or a list item (`> [ref]: url`), where Markdown reads it
    # too; Markdown's label may be empty or run over lines (`[]:`, `[a\nb]:`)
    re.compile(r"\[[^\[\]]*\]:[ \t]*(?:\n[ \t>]*)?<?([^\s>]+)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>"),  # <https://autolink>
    # an HTML attribute: a quoted value runs to its closing quote, tabs and spaces included,
    # since browsers drop those from URLs (`href=" java\tscript:..."`)
    re.compile(r"""(?<![\w:-])(?:href|src|action|formaction|xlink:href|data|background|"""
               r"""poster|cite|longdesc|manifest|icon|codebase|lowsrc|dynsrc|usemap)"""
               r"""\s*=\s*("[^"]*|'[^']*|[^"'\s>]+)""", re.IGNORECASE),
)
# Attributes holding several addresses: `srcset="a.png 1x, b.png 2x"`, `ping="a b"`.
_ADDRESS_LIST = re.compile(r"""(?<![\w:-])(?:srcset|imagesrcset|ping|archive)\s*=\s*"""
                           r"""("[^"]*|'[^']*|[^"'\s>]+)""", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[^\s,\"']+")


def find_links(markdown: str, *, in_html: bool = True) -> Iterator[str]:
    """Every link destination written in ``markdown``, as written; with ``in_html=False``
    the Markdown ones only (tree text, whose raw HTML is shown as text)."""
    seen: set[int] = set()  # where each destination starts: a set, so 100,000 links stay fast
    for pattern in _LINK_PATTERNS if in_html else _LINK_PATTERNS[:4]:
        for match in pattern.finditer(markdown):
            start = match.start(1)
            if start not in seen:
                seen.add(start)
                url = match.group(1)
                yield url[1:] if url[:1] in "\"'" else url
    for match in _ADDRESS_LIST.finditer(markdown) if in_html else ():
        value = match.group(1)
        is_srcset = "srcset" in match.group(0).lower()
        for item in _LIST_ITEM.finditer(value):
            word, start = item.group(0), match.start(1) + item.start()
            # in a srcset, `1x` and `200w` are sizes, not addresses
            if start not in seen and not (is_srcset and re.fullmatch(r"\d+(?:\.\d+)?[wx]", word)):
                seen.add(start)
                yield word


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, after undoing entities, case and hidden characters
    (``JaVa&#115;cript:`` and ``java\\tscript:`` are both ``javascript``)."""
    cleaned = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_site_relative(url: str) -> bool:
    return scheme_of(url) is None and not url.startswith("//")


def destination(url: str) -> Destination:
    """Where a browser goes from a page of this site when it follows ``url``."""
    return resolve(url, PLACEHOLDER_SITE + "page/")


def link_problem(url: str) -> tuple[str, str] | None:
    """Why a reader must not be sent to ``url`` (message, hint), or None when it is fine."""
    if url.startswith("//"):
        return (f"link `{url}` has no scheme", "write it as `https://...`")
    scheme = scheme_of(url)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        if scheme == "http":
            return (f"link `{url}` uses http:", "use the https: address of the same page")
        return (f"link `{url}` uses the unsafe scheme `{scheme}:`",
                "links may only be https:, mailto:, tel: or site-relative")
    return browser_problem(url, destination(url))


def browser_problem(url: str, where: Destination) -> tuple[str, str] | None:
    """Why ``url`` is not what it looks like, once a browser has read it (message, hint)."""
    if where.on_site or where.scheme in ("mailto", "tel"):
        return None
    if not where.href:
        return (f"link `{url}` is not an address a browser can follow",
                "write a site-relative link or a full https:// address")
    if where.scheme != "https":
        return (f"link `{url}` goes to the scheme `{where.scheme}:` in a browser",
                "links may only be https:, mailto:, tel: or site-relative")
    if not where.written_scheme:
        return (f"link `{url}` reads as a path on this site, but a browser goes to "
                f"`{where.host}`", "write the full https:// address, or a plain site path")
    if where.credentials:
        return (f"link `{url}` names a user before `@`: a browser goes to `{where.host}`",
                "write the address without the part before `@`")
    return None


def host_of(url: str) -> str | None:
    """The host a browser goes to for an https: link off this site, else None."""
    where = destination(url)
    return where.host or None if where.scheme == "https" and not where.on_site else None


def domain_allowed(host: str, allowed: tuple[str, ...] | list[str]) -> bool:
    """``www.jpay.com`` is allowed by ``jpay.com``; ``jpay.com.evil.io`` is not."""
    host = host.rstrip(".").lower()
    return any(host == d or host.endswith("." + d) for d in (a.lower().strip(".") for a in allowed))
