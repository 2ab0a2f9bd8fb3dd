"""The checks of every text a reader sees: links (scheme, allow-list, pages of a guide,
words that are no bare address), contact placeholders and raw HTML, in the tree, its
contacts and the shared contacts file."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from generator.check.context import GuideContext, Scope
from generator.check.output import css_addresses
from generator.contacts import contact_problems, find_placeholders, placeholder_problem
from generator.links import find_links, host_of, is_site_relative, link_problem
from generator.markup import raw_html_problems
from generator.model import Contact, Located, Question, Tree
from generator.problems import Location, Problem
from generator.source.files import SourceText
from generator.urls import PLACEHOLDER_SITE, resolve

# Where CSS is written in an article: `style=` in a tag or an attr_list, `<style>` blocks.
_STYLE = re.compile(r"""(?<![\w-])style\s*=\s*(?:"([^"]*)"|'([^']*)')"""
                    r"|<style\b[^>]*>(.*?)(?:</style\s*>|\Z)", re.IGNORECASE | re.DOTALL)
# An address as email programs and chats find one in plain text: a scheme and `//`, `www.`,
# or a host name ending in a common top-level domain or a two-letter country code.
_TOP_LEVEL = r"(?:com|org|net|gov|edu|mil|int|info|biz|io|co|me|app|dev|xyz|site|online|" \
             r"link|click|top|shop|store|live|ly|to|gl|[a-z]{2})"
_BARE_ADDRESS = re.compile(r"(?<![\w@.-])(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|"
                           r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+" + _TOP_LEVEL + r"(?![\w-])\S*)",
                           re.IGNORECASE)
# A link's words as Markdown writes them: `[words](target)` and `<https://autolink>`.
INLINE_LINK = re.compile(r"(?<![!\\])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+)>", re.IGNORECASE)
# Words that are an address: a scheme and `//`, `www.`, or a host name with a dot and
# nothing but address characters (`jpay.com/help`, `famm.org`).
_ADDRESS_WORDS = re.compile(r"(?:[a-z][a-z0-9+.-]*://\S*|www\.\S+|"
                            r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]\S*)?)", re.IGNORECASE)
_BARE_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[^/@\s]*@)?([^/:?#\s]+)")
def tree_texts(tree: Tree) -> Iterator[tuple[str, Location]]:
    """Every Markdown or text field in the tree with where its value starts."""
    for key in ("title", "intro", "prevention", "duration"):
        value = getattr(tree, key)
        if value:
            yield value, tree.where(key)
    for need in tree.needs:
        yield need, tree.where("needs")
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield node.question, node.where("question")
            if node.help:
                yield node.help, node.where("help")
            for answer in node.answers:
                yield answer.label, answer.where("label")
                if answer.hint:
                    yield answer.hint, answer.where("hint")
        else:
            for key in ("title", "body", "prevention", "summary"):
                value = getattr(node, key)
                if value:
                    yield value, node.where("outcome" if key == "title" else key)
    for link in tree.help_area:
        yield link.label, link.where("label")


def text_problems(text: str, where: Callable[[str], Location], scope: Scope,
                  allow_raw_html: bool) -> Iterator[Problem]:
    """Link schemes, guide pages, contact placeholders, allowed domains and raw script in
    one text."""
    for url in find_links(text):
        bad = link_problem(url)
        if bad:
            yield Problem(where(url), "HT212", bad[0], bad[1])
            continue
        host = host_of(url)
        if host and not scope.allows_host(host):
            yield Problem(where(url), "HT213", f"link to `{host}` is not on the allow-list",
                          "add the official domain to `allowed_domains`, or link elsewhere")
        elif missing := _missing_guide_page(url, scope):
            yield Problem(where(url), "HT216", f"link `{url}` goes to a page of the guide "
                          f"`{missing[0]}` that does not exist",
                          f"guide `{missing[0]}` has no node `{missing[1]}`; check the id")
    for found in find_placeholders(text):
        bad = placeholder_problem(found, scope.contacts)
        if bad:
            yield Problem(where(found.source), "HT214", bad[0], bad[1])
    yield from link_words_problems(text, where)
    if not allow_raw_html:
        yield from raw_html_problems(text, where)


def link_words_problems(text: str, where: Callable[[str], Location]) -> Iterator[Problem]:
    """HT234: a link whose words are its address (`{{ contacts.x.url }}`, `[jpay.com](...)`,
    `<https://...>`): a reader cannot tell where it goes, and a long one is unreadable."""
    for found in find_placeholders(text):
        if found.field == "url":
            yield Problem(where(found.source), "HT234", f"`{found.source}` shows the address "
                          "as the link's words", f"write `{{{{ contacts.{found.contact}.link }}}}` "
                          "(the contact's name as the link), or `.address` for the short "
                          "address as plain text")
    for match in INLINE_LINK.finditer(text):
        words = match.group(1).strip("*_` ")
        if _ADDRESS_WORDS.fullmatch(words):
            yield Problem(where(match.group(0)), "HT234", f"the link's words `{words}` are an "
                          "address", "name the page the link goes to, like `[JPay's help on "
                          "sending money](https://...)`")
    for match in _AUTOLINK.finditer(text):
        yield Problem(where(match.group(0)), "HT234", f"`{match.group(0)}` shows a bare address "
                      "as a link", "write `[what it is](address)`")


def reply_texts(tree: Tree) -> Iterator[tuple[str, Location]]:
    """The texts staff paste into emails as they are: each outcome's title and summary
    (the staff desk's ready reply, `helptree links`)."""
    for node in tree.nodes.values():
        if not isinstance(node, Question):
            yield node.title, node.where("outcome")
            if node.summary:
                yield node.summary, node.where("summary")


def bare_address_problems(text: str, where: Callable[[str], Location],
                          scope: Scope) -> Iterator[Problem]:
    """HT213 for an address written as plain text that an email program or a chat would
    turn into a link: `www.x`, `scheme://x`, or a host name off `allowed_domains`."""
    for match in _BARE_ADDRESS.finditer(text):
        found = match.group(0).rstrip(".,;:!?)")
        host = _BARE_HOST.match(found.lower())
        if host and scope.allows_host(host.group(1)):
            continue
        yield Problem(where(found), "HT213", f"`{found}` in a title or summary becomes a link "
                      "when staff paste it into an email, and it is not on the allow-list",
                      "leave the address out of titles and summaries, or add the official "
                      "domain to `allowed_domains`")


def style_problems(text: str, where: Callable[[str], Location], *,
                   stylesheet: bool = False) -> Iterator[Problem]:
    """HT225: a style in an article (a `style` attribute in raw HTML or an attr_list, a
    `<style>` element) or a published stylesheet that makes the browser fetch something
    from another host (`url()`, `@import`, `image-set()`, however escaped)."""
    styles = [text] if stylesheet else [m.group(1) or m.group(2) or m.group(3) or ""
                                         for m in _STYLE.finditer(text)]
    for css in styles:
        for address in css_addresses(css):
            where_to = resolve(address, PLACEHOLDER_SITE, in_html=not stylesheet)
            if address and not where_to.on_site and where_to.scheme != "data":
                yield Problem(where(address), "HT225", f"a style loads `{address}` from another "
                              "host: every reader's browser would ask it",
                              "copy the picture or stylesheet into content/ and name its path")


class Finder:
    """Where text inside one field was written: each repeat of a needle at its own place,
    and never past ``end`` (where the next field starts), so text the source spells
    differently (YAML escapes) stays at its field instead of matching another one."""

    def __init__(self, source: SourceText, start: Location, end: int | None = None) -> None:
        self.source, self.start = source, start
        self.begin = source.index_of(start)
        self.end = len(source.text) if end is None else end
        self.after: dict[str, int] = {}

    def __call__(self, needle: str) -> Location:
        found = self.source.text.find(needle, self.after.get(needle, self.begin), self.end)
        if found < 0:
            return self.start
        self.after[needle] = found + len(needle)
        return self.source.location_at(found)


def _value_starts(located: Iterable[Located], source: SourceText) -> list[int]:
    """The offset of every id, item and value in a file, sorted: where each field ends."""
    return sorted({source.index_of(where) for item in located
                   for where in (item.location, *item.fields.values())})


def _tree_items(tree: Tree) -> Iterator[Located]:
    yield from (tree, *tree.nodes.values(), *tree.contacts.values(), *tree.help_area)
    yield from (answer for node in tree.questions() for answer in node.answers)


def field_finder(tree: Tree, source: SourceText) -> Callable[[Location], Finder]:
    """``finder(start)``: a Finder for the text of the field that starts at ``start``, kept
    within that field."""
    starts = _value_starts(_tree_items(tree), source)

    def finder(start: Location) -> Finder:
        after = bisect.bisect_right(starts, source.index_of(start))
        return Finder(source, start, starts[after] if after < len(starts) else None)

    return finder


def _field_texts(texts: Iterable[tuple[str, Location]], source: SourceText, starts: list[int],
                 scope: Scope) -> Iterator[Problem]:
    """``text_problems`` for texts in fields of ``source``, each found within its field."""
    for text, start in texts:
        after = bisect.bisect_right(starts, source.index_of(start))
        finder = Finder(source, start, starts[after] if after < len(starts) else None)
        yield from text_problems(text, finder, scope, True)


def _field_replies(texts: Iterable[tuple[str, Location]], source: SourceText, starts: list[int],
                   scope: Scope) -> Iterator[Problem]:
    for text, start in texts:
        after = bisect.bisect_right(starts, source.index_of(start))
        yield from bare_address_problems(
            text, Finder(source, start, starts[after] if after < len(starts) else None), scope)


def check_texts(ctx: GuideContext) -> Iterator[Problem]:
    """Every text of the tree, and the tree's own contacts."""
    starts = _value_starts(_tree_items(ctx.tree), ctx.source)
    yield from _field_texts(tree_texts(ctx.tree), ctx.source, starts, ctx.scope)
    yield from _field_replies(reply_texts(ctx.tree), ctx.source, starts, ctx.scope)
    for contact in ctx.tree.contacts.values():
        yield from contact_problems(contact, ctx.scope.allows_host)


def contacts_file_problems(contacts: Mapping[str, Contact], scope: Scope) -> Iterator[Problem]:
    """The checks of the shared contacts file: the same as for a tree's own contacts."""
    for contact in contacts.values():
        yield from contact_problems(contact, scope.allows_host)


def _missing_guide_page(url: str, scope: Scope) -> tuple[str, str] | None:
    """(base, id) when a site link `/<base>/<id>/` names a node that guide does not have."""
    if not is_site_relative(url) or not url.startswith("/"):
        return None
    parts = [part for part in url.split("#", 1)[0].split("?", 1)[0].split("/") if part]
    if parts and parts[-1] == "index.md":
        parts.pop()
    for base, pages in scope.guide_pages.items():
        depth = base.count("/") + 1
        if "/".join(parts[:depth]) == base and len(parts) == depth + 1 and parts[depth] not in pages:
            return base, parts[depth]
    return None
