"""Where "This did not work" leads from each outcome, and which outcomes end the chain: the
one rule the outcome pages and the checks (generator/check/walls.py) both follow."""

from __future__ import annotations

from collections.abc import Iterator

from generator.contacts import BUTTONS, PLACEHOLDER
from generator.model import Outcome, Tree


def offers_support(tree: Tree, outcome: Outcome) -> bool:
    """A final support page: a person to call or text (a `call` or `text_button` step), a
    help-area node of its guide, or the help area's support article as its full guide."""
    if any(link.node == outcome.id or (link.article and link.article == outcome.article)
           for link in tree.help_area):
        return True
    texts = (outcome.body or "", outcome.prevention or "")
    return any(match.group(2) in BUTTONS for text in texts for match in PLACEHOLDER.finditer(text))


def did_not_work(tree: Tree, outcome: Outcome) -> str | None:
    """The node "This did not work" leads to: `still_stuck`; else, on an outcome that is not
    a final support page, the first help-area node (not itself); None where the chain ends."""
    if outcome.still_stuck is not None:
        return outcome.still_stuck
    if offers_support(tree, outcome):
        return None
    return next((link.node for link in tree.help_area
                 if link.node and link.node != outcome.id and link.node in tree.nodes), None)


def chain(tree: Tree, outcome: Outcome) -> Iterator[str]:
    """The ids "This did not work" leads through from ``outcome`` (itself first), stopping
    at the end of the chain, at a question, or just after the first id seen twice."""
    seen: set[str] = set()
    node: Outcome | None = outcome
    while node is not None:
        yield node.id
        if node.id in seen:
            return
        seen.add(node.id)
        target = did_not_work(tree, node)
        found = tree.nodes.get(target) if target is not None else None
        if found is not None and not isinstance(found, Outcome):
            yield found.id
            return
        node = found if isinstance(found, Outcome) else None
