"""What the checks share: the project-wide scope (contacts, allowed domains,
the pages of every guide) and, for the checks of one guide, its tree and source."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.links import domain_allowed
from generator.model import Contact, Tree
from generator.problems import Location
from generator.source.files import SourceText
from generator.source.load import suggest
from generator.source.spec import Options

MAX_ID_GUESSES = 25  # "did you mean" for this many distinct unknown ids, then plain hints


@dataclass(frozen=True)
class Scope:
    """What every text of the project may refer to, whichever file it is in."""

    contacts: Mapping[str, Contact] = field(default_factory=dict)
    allowed_domains: tuple[str, ...] = ()
    guide_pages: Mapping[str, frozenset[str]] = field(default_factory=dict)  # base -> ids, aliases

    def allows_host(self, host: str) -> bool:
        """Whether a link may go to ``host``: with no `allowed_domains`, any host may."""
        return not self.allowed_domains or domain_allowed(host, self.allowed_domains)


@dataclass
class GuideContext:
    """One guide's tree while its checks run."""

    tree: Tree
    source: SourceText
    content_dir: Path | None
    broken: frozenset[str]
    options: Options
    scope: Scope
    base: str = "troubleshoot"  # the URL folder of the guide's pages
    renamed: dict[str, str] = field(init=False)  # former id -> current id
    guesses: dict[str, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.renamed = self.tree.aliases()

    def guess_id(self, unknown: str) -> str | None:
        """The node id closest to ``unknown``. Each guess costs time in proportion to the
        tree, so a tree with hundreds of broken ids gets guesses for the first few only."""
        if unknown not in self.guesses:
            budget_left = len(self.guesses) < MAX_ID_GUESSES
            self.guesses[unknown] = suggest(unknown, self.tree.nodes) if budget_left else None
        return self.guesses[unknown]

    def at(self, node_id: str, after: Location) -> Location:
        """Where the id ``node_id`` is written in a field that starts at ``after``: as a
        whole word, so `old` is not found inside `older`."""
        word = re.compile(rf"(?<![a-z0-9-]){re.escape(node_id)}(?![a-z0-9-])")
        found = word.search(self.source.text, self.source.index_of(after))
        return self.source.location_at(found.start()) if found else after
