"""The tree as small immutable objects; every field remembers where it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator.problems import Location


@dataclass(frozen=True)
class Located:
    """Base for objects read from the tree: ``location`` is the object itself,
    ``fields`` maps each key written in the source to the location of its value."""

    location: Location
    fields: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def where(self, key: str) -> Location:
        """Where ``key``'s value was written, or the object itself if the key is absent."""
        return self.fields.get(key, self.location)


@dataclass(frozen=True)
class Answer(Located):
    label: str = ""
    next: str = ""
    hint: str | None = None


@dataclass(frozen=True)
class Question(Located):
    id: str = ""
    question: str = ""
    help: str | None = None
    answers: tuple[Answer, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # words readers type that lead here: searched, listed in the A-Z
    search_aliases: tuple[str, ...] = ()  # misspellings and the like: searched, never shown

    @property
    def title(self) -> str:
        return self.question

    def successors(self) -> Iterator[tuple[str, Location]]:
        """Every node this one links to, in source order, with where the link is written."""
        for answer in self.answers:
            yield answer.next, answer.where("next")


@dataclass(frozen=True)
class Outcome(Located):
    id: str = ""
    title: str = ""
    body: str | None = None
    article: str | None = None
    still_stuck: str | None = None
    reviewed: dt.date | None = None
    aliases: tuple[str, ...] = ()
    prevention: str | None = None
    keywords: tuple[str, ...] = ()  # words readers type that lead here: searched, listed in the A-Z
    search_aliases: tuple[str, ...] = ()  # misspellings and the like: searched, never shown
    summary: str | None = None  # one sentence: search previews, staff replies, `helptree links`

    def successors(self) -> Iterator[tuple[str, Location]]:
        if self.still_stuck is not None:
            yield self.still_stuck, self.where("still_stuck")


Node = Question | Outcome


@dataclass(frozen=True)
class Contact(Located):
    """One organisation's contact details: the single source for numbers and addresses."""

    id: str = ""
    name: str = ""
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    hours: str | None = None
    note: str | None = None
    sms: str | None = None  # the number to text (a text button dials it)
    sms_body: str | None = None  # what the text message says, filled in for the reader


@dataclass(frozen=True)
class HelpLink(Located):
    """An entry of the help area shown on every page: a node or an article."""

    label: str = ""
    node: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class Tree(Located):
    version: int = 1
    title: str = ""
    intro: str | None = None
    start: str = ""
    nodes: Mapping[str, Node] = field(default_factory=dict)
    duration: str | None = None
    needs: tuple[str, ...] = ()
    prevention: str | None = None
    help_area: tuple[HelpLink, ...] = ()
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    allowed_domains: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return self.location.file

    def questions(self) -> Iterator[Question]:
        return (n for n in self.nodes.values() if isinstance(n, Question))

    def outcomes(self) -> Iterator[Outcome]:
        return (n for n in self.nodes.values() if isinstance(n, Outcome))

    def aliases(self) -> dict[str, str]:
        """Former id -> current id, for redirects."""
        return {alias: node.id for node in self.nodes.values() for alias in node.aliases}

    def prevention_for(self, outcome: Outcome) -> str | None:
        return outcome.prevention if outcome.prevention is not None else self.prevention
