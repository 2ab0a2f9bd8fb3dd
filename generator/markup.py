"""What in Markdown could run script: raw HTML and event handlers outside the code Markdown
shows as text. Read by the checks of tree texts and articles and by the settings of
mkdocs.yml (a `copyright` is Markdown too)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from generator.problems import Location, Problem

# Raw HTML that runs or loads code, or sends the reader elsewhere, whatever its attributes.
_RAW_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|form|meta|link|"
                      r"portal|animate|set)\b", re.IGNORECASE)
# An event handler: in a tag (`<img onerror=`, `<svg/onload=`, `"onclick=`) or in a Markdown
# attribute list (`{ onclick=... }`, `{:onclick=...}`), which attr_list copies into the page.
_EVENT_HANDLER = re.compile(r"(?<![^\s/\"'{:])on[a-z]+\s*=", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[A-Za-z!?/]")  # where raw HTML (a tag, a comment) may begin
# Code Markdown shows as text. Only what Markdown surely treats as code is skipped: a block
# between two identical ``` or ~~~ lines, and `single-backtick` spans not opened by \`.
_FENCE_OPEN = re.compile(r"^(```|~~~)[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*)$", re.MULTILINE)
_FENCE_CLOSE = re.compile(r"^(```|~~~)[ ]*$", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<![\\`])`[^`\n]+`(?!`)")


def raw_html_problems(text: str, where: Callable[[str], Location]) -> Iterator[Problem]:
    """HT215: HTML in an article that could run script. Linear in the text's length."""
    scanned = outside_code(text)
    found = [(m, "raw HTML") for m in _RAW_TAG.finditer(scanned)]
    found += [(m, "event handler") for m in _EVENT_HANDLER.finditer(scanned)]
    for match, what in sorted(found, key=lambda item: item[0].start()):
        # The rest of the line, not just `onclick=`, finds this very spot, not an earlier one.
        needle = text[match.start():match.start() + 80].split("\n", 1)[0]
        yield Problem(where(needle), "HT215", f"{what} `{match.group(0).strip()}` could run "
                      "script", "write it in Markdown; see `allow_raw_html` in the README if "
                      "you really need HTML")


def outside_code(text: str) -> str:
    """``text`` with the code Markdown surely shows as text blanked out, every other
    character where it was.

    A code span is code only outside HTML: inside a raw HTML block, or in a tag's attribute
    (`<a title="`" onclick="...`">`), its backticks are just characters. So code spans are
    skipped only before the first raw HTML; fenced blocks always are.
    """
    closes: dict[str, list[int]] = {"```": [], "~~~": []}
    for match in _FENCE_CLOSE.finditer(text):
        closes[match.group(1)].append(match.start())
    pieces: list[str] = []
    done = 0
    for match in _FENCE_OPEN.finditer(text):
        ends = closes[match.group(1)]
        later = bisect.bisect_right(ends, match.start())
        if match.start() < done or later == len(ends):
            continue  # inside a block already skipped, or never closed: then it is not code
        end = text.find("\n", ends[later])
        end = len(text) if end < 0 else end
        pieces += [text[done:match.start()], _blank(text[match.start():end])]
        done = end
    fenced = "".join([*pieces, text[done:]])
    first_html = _ANY_TAG.search(_CODE_SPAN.sub(lambda m: _blank(m.group(0)), fenced))
    limit = first_html.start() if first_html else len(fenced)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)) if m.start() < limit else m.group(0), fenced)


def _blank(code: str) -> str:
    return re.sub(r"[^\n]", " ", code)
