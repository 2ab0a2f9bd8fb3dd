"""TextRenderer skips Markdown for one plain line: the HTML must be what Markdown gives."""

from __future__ import annotations

import html

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text import TextRenderer

PIECES = st.sampled_from([
    "a", "Word", "é", "’", "😀", " ", "  ", ".", ",", ";", ":", "?", "!", "'", '"', "(", ")", "/",
    "-", "&", "&amp;", "&#38;", "%", "$", "@", "1", "1. ", "2) ", "- ", "+ ", "* ", "*", "_", "[", "]",
    "<b>", ">", "#", "|", "{", "}", "~", "=", "\\", "`", "\n", "\t", "\r", "\u2028", "\xa0", "---",
    "http://example.org", "{{ contacts.help.phone }}",
])


def markdown_only(renderer: TextRenderer, text: str) -> str:
    """What block() gave before the fast path: always Markdown."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    from generator.contacts import expand

    return md.convert(html.escape(expand(text, renderer.contacts), quote=False))


@settings(max_examples=800, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_block_is_markdown(text: str) -> None:
    renderer = TextRenderer({})
    assert str(renderer.block(text, "troubleshoot/x/")) == markdown_only(renderer, text)


def test_plain_line_fast_and_markup_still_rendered() -> None:
    renderer = TextRenderer({})
    assert renderer.block("I can't log in: it says (locked)", "") == "<p>I can't log in: it says (locked)</p>"
    assert renderer.block("Tom & Jerry", "") == "<p>Tom &amp; Jerry</p>"
    assert renderer.block("1. First", "") == "<ol>\n<li>First</li>\n</ol>"
    assert renderer.block("Tap **Forgot**", "") == "<p>Tap <strong>Forgot</strong></p>"
