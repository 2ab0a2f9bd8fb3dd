"""The built site's Content-Security-Policy, and the `_headers` file that applies it.

Script runs only from the site itself ('self') or, for the few inline scripts Material and
mkdocs-redirects write into pages, when its SHA-256 hash is listed: no 'unsafe-inline', no
'unsafe-eval'. The hashes are those of the scripts the output check recognised as the
templates' own (generator/check/output.py), never "whatever inline scripts the pages hold":
a script that slips into a page some other way is not listed, so a browser refuses it.
Knows nothing of MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

HEADERS_FILE = "_headers"  # read by Netlify and Cloudflare Pages; other hosts: see the README

# Everything from the site itself; nothing from anywhere else (quality bar: no third-party
# requests). Material's icons are data: URLs in its CSS, hence `img-src data:`.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
OTHER_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),  # a troubleshooting path never goes to another site
    ("X-Frame-Options", "DENY"),
)

# What a third-party script the project opted in to (`allow_third_party`) may do: run,
# send what it measures, and load its tracking pixel. Nothing else is widened.
_THIRD_PARTY_DIRECTIVES = ("script-src", "connect-src", "img-src")


def policy(script_hashes: Iterable[str] = (), third_party: Iterable[str] = ()) -> str:
    """The Content-Security-Policy header value; ``third_party`` hosts only by opt-in."""
    hashes = " ".join(script_hashes)
    hosts = " ".join(f"https://{host}" for host in third_party)
    directives = []
    for name, value in BASE_POLICY:
        added = [hashes] if name == "script-src" and hashes else []
        added += [hosts] if name in _THIRD_PARTY_DIRECTIVES and hosts else []
        directives.append(" ".join([name, value, *added]))
    return "; ".join(directives)


def headers_file(csp: str) -> str:
    """A Netlify/Cloudflare `_headers` file applying the policy to every path."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, script_hashes: Iterable[str], third_party: Iterable[str] = ()) -> Path:
    """Write `_headers` into the built site, allowing the templates' inline scripts only
    (and the hosts the project opted in to)."""
    target = site_dir / HEADERS_FILE
    target.write_text(headers_file(policy(sorted(set(script_hashes)), sorted(set(third_party)))),
                      encoding="utf-8")
    return target
