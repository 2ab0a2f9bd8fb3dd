"""The checks that keep a reader from meeting a wall: a phone number in a guide page is a
call button (HT230), no text links to the page it stands on (HT231), "This did not work"
never loops (HT232) and every outcome has a next step or is a final support page (HT233),
and no link shows a bare address as its words (HT234)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.check.context import GuideContext
from generator.check.texts import INLINE_LINK, field_finder
from generator.contacts import find_placeholders
from generator.journey import chain, did_not_work, offers_support
from generator.links import is_site_relative
from generator.model import Outcome, Tree
from generator.problems import Location, Problem
from generator.text import markdown_target_url

# Markdown fields a guide page shows as blocks of text (labels and titles are inline).
_BLOCK_FIELDS = ("intro", "prevention", "help", "body")


def block_texts(tree: Tree) -> Iterator[tuple[str | None, str, Location]]:
    """Every Markdown block a guide page shows: (node id or None for the tree, text, where)."""
    for key in ("intro", "prevention"):
        value = getattr(tree, key)
        if value:
            yield None, value, tree.where(key)
    for node in tree.nodes.values():
        for key in _BLOCK_FIELDS:
            value = getattr(node, key, None)
            if isinstance(value, str) and value:
                yield node.id, value, node.where(key)


def page_text_problems(tree: Tree, base: str, finder: Callable[[Location], Callable[[str], Location]],
                       ) -> Iterator[Problem]:
    """HT230 and HT231 in the text of every guide page of ``tree`` (served at ``base``);
    ``finder(start)`` locates a piece of the text that starts at ``start``."""
    for node_id, text, start in block_texts(tree):
        where = finder(start)
        for found in find_placeholders(text):
            if found.field == "phone":
                yield Problem(where(found.source), "HT230", f"`{found.source}` is a small link "
                              "in the text of a guide page: a phone number there is a call "
                              "button", f"write `{{{{ contacts.{found.contact}.call }}}}`, "
                              f"a full-width button that dials it")
        if node_id is None:
            continue
        own = f"{base}/{node_id}/"
        for target in (m.group(2) for m in INLINE_LINK.finditer(text)):
            if _page_of(target) == own:
                yield Problem(where(target), "HT231", f"`{node_id}` links to itself (`{target}`)",
                              "link to the next step instead, or leave the link out")


def _page_of(target: str) -> str | None:
    """The site URL a link in tree text leads to (no fragment), or None off the site."""
    if "#" in target or not is_site_relative(target):
        return None
    page = markdown_target_url(target)
    if page is None and target.startswith("/") and not target.startswith("//"):
        page = target.lstrip("/")
    if page is None:
        return None
    return page if page.endswith("/") else page + "/"


def check_page_texts(ctx: GuideContext) -> Iterator[Problem]:
    """HT230 and HT231 in the guide's own tree (check/languages.py runs them on translations)."""
    yield from page_text_problems(ctx.tree, ctx.base, field_finder(ctx.tree, ctx.source))


def check_did_not_work(ctx: GuideContext) -> Iterator[Problem]:
    """HT232: following "This did not work" from an outcome comes back to it through an
    outcome without `still_stuck` (the first help-area node stands in for one: HT206 reports
    loops of `still_stuck` alone). HT233: in a guide with a help area (a help center's guide;
    a tree of the minimal schema has none), an outcome where the chain ends without a person
    to call or text, or support to turn to."""
    tree = ctx.tree
    reported: set[frozenset[str]] = set()
    for outcome in tree.outcomes():
        if outcome.id in ctx.broken:
            continue
        ids = list(chain(tree, outcome))
        if len(ids) > 1 and ids[-1] in ids[:-1]:
            loop = ids[ids.index(ids[-1]):]
            members = frozenset(loop)
            implied = [n for n in loop[:-1] if _is_implied(tree, n)]
            if implied and members not in reported:
                reported.add(members)
                culprit = tree.nodes[implied[0]]
                at = loop.index(culprit.id)
                loop = [*loop[at:-1], *loop[:at], culprit.id]  # told from the culprit
                help_node = did_not_work(tree, culprit) if isinstance(culprit, Outcome) else None
                yield Problem(culprit.location, "HT232", "\"This did not work\" goes round in a "
                              f"loop: {' -> '.join(loop)} (`{culprit.id}` has no `still_stuck`, "
                              f"so it leads to the help area's `{help_node}`)",
                              f"give `{culprit.id}` a `still_stuck` that leads on to a final "
                              "support page, or make it one: a call step `{{ contacts.ID.call }}`")
        elif tree.help_area and did_not_work(tree, outcome) is None \
                and not offers_support(tree, outcome):
            yield Problem(outcome.location, "HT233", f"outcome `{outcome.id}` is a dead end: "
                          "\"This did not work\" leads nowhere and it offers no one to call",
                          "add `still_stuck: ID` (an outcome that helps further), a call or "
                          "text step (`{{ contacts.ID.call }}`), or a node to the help area")


def _is_implied(tree: Tree, node_id: str) -> bool:
    node = tree.nodes.get(node_id)
    return isinstance(node, Outcome) and node.still_stuck is None
