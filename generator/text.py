"""Tree text (Markdown) to safe HTML: raw HTML escaped, contacts filled in, links made relative."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping

import markdown
from markupsafe import Markup

from generator.contacts import ContactButtons, expand
from generator.links import link_problem
from generator.model import Contact
from generator.strings import ENGLISH

_HREF = re.compile(r'(href|src)="([^"]*)"')
_SMS = re.compile(r"sms:\+?\d+(?:\?body=[A-Za-z0-9%._~-]*)?")
_SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
# One line of words and everyday punctuation, which Markdown turns into <p>line</p> and
# nothing else: no character it reads as a mark (`*_[]<>#|{}~=+\\ and backticks), no
# entity but those html.escape wrote, no list or block start, no tab, control character
# or surrounding space.
_PLAIN_LINE = re.compile(
    r"(?!\d+[.)]\s)"
    r"[^\s\x00-\x1f`*_\[\]<>#|{}~=+\\&-]"
    r"(?:[^\s\x00-\x1f`*_\[\]<>#|{}~=+\\&]| |&(?:amp|lt|gt);)*"
    r"(?<! )\Z")
# Stands for a call button while the text is escaped and converted: private-use characters
# no author types, which neither html.escape nor Markdown changes.
_CALL_MARK = "\ue000call{}\ue001"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-root directory URLs)."""
    target, _, fragment = to_url.partition("#")
    rel = posixpath.relpath("/" + target, "/" + from_url)
    rel = "./" if rel == "." else rel + ("/" if target.endswith("/") or not target else "")
    return rel + (f"#{fragment}" if fragment else "")


def markdown_target_url(href: str) -> str | None:
    """The site URL of a Markdown-file link (``recovery/reset.md#x``), else None."""
    path, _, fragment = href.partition("#")
    if not path.endswith(".md") or "://" in path:
        return None
    path = path.lstrip("/")
    if path.endswith("index.md"):
        url = path[: -len("index.md")]
    else:
        url = path[: -len(".md")] + "/"
    return url + (f"#{fragment}" if fragment else "")


class TextRenderer:
    """Renders tree text for one page at a time; knows the page's URL to relativise links."""

    def __init__(self, contacts: Mapping[str, Contact], prefix: str = "",
                 call_label: str = ENGLISH["call_contact"],
                 main_only: frozenset[str] = frozenset(),
                 text_label: str = ENGLISH["text_contact"],
                 full_url: Callable[[str], str] | None = None) -> None:
        self.contacts = contacts
        # A link to a page of the site also carries the page's full address, which a
        # printout shows after it (`data-ht-full`).
        self.full_url = full_url
        self.prefix = prefix  # a language's folder (`es/`): site paths in its text lead there
        self.main_only = main_only  # ... except to main-language pages its language leaves out
        self.buttons = ContactButtons(call_label, text_label)
        self.md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        # The same text appears on many pages (titles in routes, help links): convert once.
        self._html: dict[str, str] = {}
        self._plain: dict[str, str] = {}

    def block(self, text: str | None, page_url: str) -> Markup:
        if not text:
            return Markup("")
        out = self._html.get(text)
        if out is None:
            # Escaping first makes raw HTML in the tree show as text; Markdown still works.
            # Call and text buttons are the one markup a placeholder writes: marked, then put back.
            buttons: list[str] = []

            def button(contact: Contact, field: str) -> str:
                buttons.append(self.buttons(contact, field))
                return _CALL_MARK.format(len(buttons) - 1)
            source = html.escape(expand(text, self.contacts, button=button), quote=False)
            if _PLAIN_LINE.match(source):  # nothing for Markdown to do: skip its parser
                out = f"<p>{source}</p>"
            else:
                self.md.reset()
                out = self.md.convert(source)
            for number, made in enumerate(buttons):
                out = out.replace(_CALL_MARK.format(number), made)
            self._html[text] = out
        return Markup(self._links(out, page_url) if '="' in out else out)

    def inline(self, text: str | None, page_url: str) -> Markup:
        out = str(self.block(text, page_url))
        match = _SINGLE_PARAGRAPH.match(out)
        return Markup(match.group(1) if match else out)

    def plain(self, text: str | None) -> str:
        """Text for attributes and titles: Markdown marks and tags removed."""
        if not text:
            return ""
        found = self._plain.get(text)
        if found is None:
            rendered = str(self.inline(text, ""))
            found = self._plain[text] = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
        return found

    def _links(self, out: str, page_url: str) -> str:
        def fix(match: re.Match[str]) -> str:
            attr, href = match.group(1), html.unescape(match.group(2))
            if _SMS.fullmatch(href):  # a text button's own address (contacts.sms_uri)
                return match.group(0)
            if link_problem(href):  # the checks reject these; never emit them
                return f'{attr}="#"'
            target = markdown_target_url(href)
            if target is None and href.startswith("/") and not href.startswith("//"):
                path = href.lstrip("/").split("#", 1)[0].split("?", 1)[0]
                target = ("" if path in self.main_only else self.prefix) + href.lstrip("/")
            extra = ""
            if target is not None:
                href = relative_url(page_url, target)
                if self.full_url is not None and attr == "href":
                    extra = f' data-ht-full="{html.escape(self.full_url(target))}"'
            if href.startswith("https://") and attr == "href":
                extra = ' rel="noopener"'
            return f'{attr}="{html.escape(href)}"{extra}'
        return _HREF.sub(fix, out)
