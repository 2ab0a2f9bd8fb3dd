"""Where every planned page lives: its URL and the source file MkDocs builds it from, in
one place, so no module spells a URL shape of its own. These are the contract's URLs
(support staff paste them): `<base>/`, `<base>/<node-id>/`, the A-Z, map and staff desk at
`<name>/`, a guide's print edition at `<print_page>/<base>/`. Every generated page is
built from `<url>index.md`, which MkDocs and Zensical read alike."""

from __future__ import annotations


def guide_url(base: str) -> str:
    """A guide's start page."""
    return f"{base}/"


def node_url(base: str, node_id: str) -> str:
    """A question's or an outcome's page (a former id under `aliases` redirects here)."""
    return f"{base}/{node_id}/"


def page_url(name: str) -> str:
    """A page of the help center named by an option: `index_page`, `map_page`, `staff_page`."""
    return f"{name}/"


def print_url(print_page: str, base: str) -> str:
    """A guide's print edition: every outcome's steps on one page."""
    return f"{print_page}/{base}/"


def source_of(url: str) -> str:
    """The Markdown file a generated page at ``url`` is built from."""
    return f"{url}index.md"


def node_source(base: str, node_id: str) -> str:
    return source_of(node_url(base, node_id))


# The search indexes: helptree's own (plain text, what the site searches) and Material's,
# which indexes no page.
INDEX = "assets/helptree/search.json"
MATERIAL_INDEX = "search/search_index.json"
