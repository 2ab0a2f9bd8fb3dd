"""Where a link really goes: URLs resolved the way a browser resolves them (the WHATWG URL
standard, through ada-url), so `/\\host`, `https:\\\\host`, tabs, newlines and `name@host`
are judged by the host a browser would go to, never by how the text looks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from ada_url import URL

# Stands for the site when mkdocs.yml gives no `site_url`: `.invalid` never resolves.
PLACEHOLDER_SITE = "https://helptree.invalid/"
# A path a browser keeps on the page's own origin whatever the base: no scheme, no `//`,
# no backslash, tab, newline or other character that a parser could read differently.
_PLAIN_RELATIVE = re.compile(r"(?!/[/\\])[A-Za-z0-9._~%!$&'()*+,;=@/?#-]*\Z")
_WRITTEN_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Destination:
    """What a browser makes of one written address, on one page."""

    href: str  # the address it goes to ("" when it cannot parse it: it goes nowhere)
    scheme: str  # "https", "mailto", "javascript", ...; "" when unparsable
    host: str  # "" for mailto:, tel: and the like
    on_site: bool  # same origin as the page
    credentials: bool  # `name@` or `name:password@` before the host
    written_scheme: bool  # the text names a scheme itself (else it reads as a path)


def page_url(site_url: str, path: str) -> str:
    """The absolute URL of the page at site path ``path`` (`guides/reset/`)."""
    return join(site_url or PLACEHOLDER_SITE, path.lstrip("/")) or PLACEHOLDER_SITE


def join(base: str, relative: str) -> str | None:
    try:
        return str(URL(relative, base).href)
    except ValueError:
        return None


def origin_of(url: str) -> str:
    try:
        return str(URL(url).origin)
    except ValueError:
        return ""


def resolve(written: str, base: str, *, in_html: bool = True) -> Destination:
    """Where ``written`` (an attribute value or a Markdown destination) leads from the page
    at ``base``. ``in_html``: entities are undone first, as a browser reads an attribute."""
    text = html.unescape(written) if in_html and "&" in written else written
    if _PLAIN_RELATIVE.match(text):
        return Destination(text, "", "", True, False, False)  # fast path: stays on the page's origin
    return _resolve(text, base)


@lru_cache(maxsize=4096)
def _resolve(text: str, base: str) -> Destination:
    stripped = text.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12"
                          "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    cleaned = stripped.replace("\t", "").replace("\n", "").replace("\r", "")
    written_scheme = bool(_WRITTEN_SCHEME.match(cleaned))
    try:
        # A written scheme is read on its own: relative to an http: page `https:host` would be
        # another host, so never trust the base to keep it a path.
        url = URL(cleaned) if written_scheme else URL(cleaned, base)
    except ValueError:
        return Destination("", "", "", False, False, written_scheme)
    scheme = str(url.protocol).rstrip(":")
    host = str(url.hostname)
    credentials = bool(str(url.username) or str(url.password))
    on_site = str(url.origin) == origin_of(base) and scheme in ("http", "https")
    return Destination(str(url.href), scheme, host, on_site, credentials, written_scheme)
