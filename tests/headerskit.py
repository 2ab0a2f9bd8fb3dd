"""An oracle for the security headers, independent of the output check: the inline
scripts a browser would run, read from built pages with a regular expression of their own,
and the headers a `_headers` file sets (what the tests' server applies)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# A browser ends a script element at the first `</script`, whatever the case.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript",
                 "application/ecmascript")


def inline_script_hashes(html: str) -> set[str]:
    """The CSP source (`'sha256-...'`) of every inline script that a browser would run."""
    found: set[str] = set()
    for match in _SCRIPT.finditer(html):
        attributes = {name.lower(): value.strip("\"'") for name, value in
                      _ATTRIBUTE.findall(match.group(1))}
        if "src" in attributes or attributes.get("type", "").lower() not in _SCRIPT_TYPES:
            continue  # an external file ('self'), or data such as Material's JSON config
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return found


def site_script_hashes(site_dir: Path) -> list[str]:
    """Every inline script hash in the built site, sorted (what the tests compare with)."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        found |= inline_script_hashes(page.read_text(encoding="utf-8", errors="replace"))
    return sorted(found)


def read_headers(text: str) -> dict[str, str]:
    """The headers a `_headers` file sets for `/*` (what the tests' server applies)."""
    headers: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif current == "/*" and ":" in line:
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers
