"""Filters that turn the archive's plain text into HTML, escaping every piece of it.

Transcripts, intros and comments are stored as plain text: paragraphs separated by a blank line,
list items on lines that start with "•", "-" or "*" and a space. The HTML is built only from
escaped text and fixed tags, which is what makes it safe to mark as such.
"""

import html
import re
from urllib.parse import urlsplit

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
BULLET = re.compile(r"^\s*[•*-][ \t]+(?P<item>.*\S)")


# A web address in a comment: up to the next space or quote; trailing punctuation is the sentence's.
WEB_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?'\")]}"


def _escaped(line: str) -> str:
    return html.escape(line)


def _linked(line: str) -> str:
    """The line escaped, with each web address in it a link that passes no reputation."""
    pieces, start = [], 0
    for match in WEB_ADDRESS.finditer(line):
        address = match.group().rstrip(TRAILING_PUNCTUATION)
        # "(see https://example.org/a_(b))" keeps the parenthesis that belongs to the address.
        while match.group()[len(address) : len(address) + 1] == ")" and address.count(
            "("
        ) > address.count(")"):
            address += ")"
        end = match.start() + len(address)
        pieces.append(html.escape(line[start : match.start()]))
        shown = html.escape(address)
        pieces.append(f'<a href="{shown}" rel="nofollow ugc noopener">{shown}</a>')
        start = end
    pieces.append(html.escape(line[start:]))
    return "".join(pieces)


# The pieces below are plain strings of escaped text and fixed tags, joined as such: a page
# renders hundreds of them, and format_html would escape each piece once more for nothing.


def _paragraph_html(lines: list[str], render_line) -> str:
    return "<p>" + "<br>".join(map(render_line, lines)) + "</p>"


def _list_html(items: list[str], render_line) -> str:
    return "<ul>" + "".join(f"<li>{render_line(item)}</li>" for item in items) + "</ul>"


def _block_html(block: str, render_line=_escaped) -> str:
    """One block: runs of plain lines become paragraphs, runs of bullet lines a list."""
    if "\n" not in block and not BULLET.match(block):
        return _paragraph_html([block.strip()], render_line)  # most blocks: one plain line
    runs: list[tuple[str, list[str]]] = []
    for raw_line in block.split("\n"):
        line = raw_line.strip()
        bullet = BULLET.match(raw_line)
        last_kind = runs[-1][0] if runs else None
        if bullet:
            if last_kind == "list":
                runs[-1][1].append(bullet["item"].strip())
            else:
                runs.append(("list", [bullet["item"].strip()]))
        elif last_kind == "list" and raw_line[:1].isspace():
            # An indented line under an item is the item wrapped onto a second line.
            runs[-1][1][-1] += " " + line
        elif last_kind == "paragraph":
            runs[-1][1].append(line)
        else:
            runs.append(("paragraph", [line]))
    render_run = {"list": _list_html, "paragraph": _paragraph_html}
    return "\n".join(render_run[kind](lines, render_line) for kind, lines in runs)


def _text_html(text, render_line) -> SafeString:
    if text is None:
        return mark_safe("")
    normalised = str(text).replace("\r\n", "\n").replace("\r", "\n")
    blocks = [block.strip("\n") for block in BLANK_LINE.split(normalised) if block.strip()]
    # Every piece was escaped where it was cut from the text: the whole is safe.
    return mark_safe("\n".join(_block_html(block, render_line) for block in blocks))


@register.filter
def paragraphs(text) -> SafeString:
    """Plain text as HTML paragraphs and lists; a single line break is kept as <br>."""
    return _text_html(text, _escaped)


@register.filter
def comment_text(text) -> SafeString:
    """A reader's comment as `paragraphs` makes it, its web addresses as nofollow links."""
    return _text_html(text, _linked)


@register.filter
def web_url(url) -> str:
    """The URL if it is an http(s) address, else "": a stored "javascript:" link must not run.

    Forms validate URLs, but imported rows and fixtures never pass through a form.
    """
    url = str(url or "").strip()
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return ""
    return url if scheme.lower() in {"http", "https"} else ""
