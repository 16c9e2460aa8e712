"""Small text helpers shared by the parser: line normalisation, sentence ends, decoration.

Nothing here looks further than one line, so every helper runs in time linear in its input.
"""

from __future__ import annotations

import html
import re
import unicodedata

PAGE_BREAK = "\f"

# C0/C1 control characters other than tab, newline and form feed carry no text: a NUL or a
# stray escape from a PDF tool is dropped rather than kept inside a turn.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAK_RE = re.compile(r"\r\n|[\r\x0b\x1c\x1d\x1e\x85\u2028\u2029]")

SENTENCE_END = ".?!…"
_CLOSERS = "\"'”’»)]*_"  # what may follow a sentence's final mark: quotes, brackets, emphasis


def word_list(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of `text`: long word lists read better as one string."""
    return tuple(text.split())


def normalise(text: str) -> str:
    """One "\\n" per line break ("<br>" too), a form feed on a line of its own, no control
    characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _LINE_BREAK_RE.sub("\n", text)
    if "<" in text:
        text = BREAK_TAG_RE.sub("\n", text)  # pasted HTML: "<br>" is a line break
    if PAGE_BREAK in text:
        text = text.replace(PAGE_BREAK, "\n" + PAGE_BREAK + "\n")
    return _CONTROL_RE.sub("", text)


def split_lines(text: str) -> list[str]:
    return normalise(text).split("\n")


def final_mark(text: str) -> str:
    """The last character of `text` that is not a closing quote, bracket or emphasis mark."""
    end = len(text)
    while end and (text[end - 1] in _CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[end - 1] if end else ""


def ends_sentence(text: str) -> bool:
    return final_mark(text) in SENTENCE_END if text else False


def ends_question(text: str) -> bool:
    return final_mark(text) in "?？"


def word_count(text: str) -> int:
    return len(text.split())


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_upper_text(text: str) -> bool:
    """True for "LARRY KING" or "THIS IS A RUSH TRANSCRIPT": letters present, none lowercase."""
    found = False
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                return False
            found = True
    return found


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare names: "François" ~ "FRANCOIS"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def starts_lowercase(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "\"'“‘(«":
            return False
    return False


_WRAPPERS = ("**", "__", "*", "_")


def strip_emphasis(text: str) -> tuple[str, bool]:
    """Remove emphasis that wraps the whole of `text` ("**What now?**" -> "What now?").

    Only a wrapper that opens at the start, closes at the end and does not occur inside counts,
    so "**Q:** text" or "*a* and *b*" are left alone.
    """
    for mark in _WRAPPERS:
        size = len(mark)
        if (
            len(text) > 2 * size
            and text.startswith(mark)
            and text.endswith(mark)
            and mark not in text[size:-size]
            and not text[size].isspace()
            and not text[-size - 1].isspace()
        ):
            if size == 1 and text[size] == mark:  # "**" seen as "*" + "*..."
                continue
            return text[size:-size], True
    return text, False


_BULLET_MARKS = "•·▪◦‣●○■□➤➢►▸-*–"
_NUMBERED_RE = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]\s+\S")


def bullet_item(text: str) -> tuple[str, bool] | None:
    """("• rest", False) for a bulleted line, (line, True) for a numbered one, else None."""
    if len(text) >= 2 and text[0] in _BULLET_MARKS and text[1] in " \t\u00a0":
        if text[0] == "*" and text.endswith("*") and text.count("*") > 1:
            return None  # "* emphasis *" is not a bullet in practice
        rest = text[2:].strip()
        return ("• " + rest, False) if rest else None
    if text[:1].isdigit() and _NUMBERED_RE.match(text):
        return text, True
    return None


def is_rule(text: str) -> bool:
    """A horizontal rule: "---", "* * *", "___", "===", "• • •"."""
    compact = text.replace(" ", "")
    return len(compact) >= 3 and compact[0] in "-*_=•~·—" and compact == compact[0] * len(compact)


def has_word_chars(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


# --- HTML pasted as text ---------------------------------------------------------------------

# A character reference: "&amp;", "&#39;", "&#x2019;". Only a closed one (with its ";") counts,
# so "AT&T" or "?a=1&b=2" stay as written.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "<br>", "<br />": a line break, however it is written.
BREAK_TAG_RE = re.compile(r"<br\s{0,3}/?>[ \t]{0,200}\n?", re.IGNORECASE)
# The inline and block tags of pasted HTML. A tag's attributes must look like attributes
# ('name="value"'), so a stage direction such as "<i laugh>" or "<inaudible>" is not one.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|br|center|cite|code|dd|del|div|dl|dt|em|figcaption|figure|font|"
    "h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|sup|"
    "table|tbody|td|th|thead|tr|tt|u|ul|wbr"
)
_ATTRIBUTE = (
    r"\s{1,20}[A-Za-z_:][\w:.-]{0,40}\s{0,3}=\s{0,3}"
    r"""(?:"[^"<>]{0,500}"|'[^'<>]{0,500}'|[^\s"'<>]{1,500})"""
)
_TAG_RE = re.compile(
    rf"<(?:/(?:{_TAG_NAMES})\s{{0,3}}|(?:{_TAG_NAMES})(?:{_ATTRIBUTE}){{0,20}}\s{{0,3}}/?)>",
    re.IGNORECASE,
)
# A permalink anchor: "<a name="x" href="#x">#</a>" holds no text, only a sign.
_SIGN_ANCHOR_RE = re.compile(
    rf"<a(?:{_ATTRIBUTE}){{0,20}}\s{{0,3}}>[^\w<>]{{0,8}}</a\s{{0,3}}>", re.IGNORECASE
)
_LIST_ITEM_RE = re.compile(r"\s{0,40}<li(?:" + _ATTRIBUTE + r"){0,20}\s{0,3}>", re.IGNORECASE)
_BLOCK_START_RE = re.compile(
    r"\s{0,40}<(?:p|div|li|ul|ol|h[1-6]|blockquote|table|tr|pre|center|section|figure)\b",
    re.IGNORECASE,
)
_BLOCK_END_RE = re.compile(
    r"</(?:p|div|li|ul|ol|h[1-6]|blockquote|table|tr|pre|center|section|figure)\s{0,3}>\s{0,40}$",
    re.IGNORECASE,
)


_HTML_EVIDENCE_RE = re.compile(
    rf"</(?:{_TAG_NAMES})\s{{0,3}}>|<(?:{_TAG_NAMES})(?:{_ATTRIBUTE}){{1,20}}\s{{0,3}}/?>",
    re.IGNORECASE,
)


def holds_html(text: str) -> bool:
    """Whether a document shows HTML markup: a closing tag ("</p>") or a tag with attributes.

    Without either, "<B>" or "<N>" are some other convention (an old mail reader's codes) and
    are left as written."""
    return "<" in text and bool(_HTML_EVIDENCE_RE.search(text))


_SPACE_RUN_RE = re.compile(r"[ \t]{2,}")


def decode_entities(text: str) -> str:
    """ "I&#39;m", "&quot;", "&amp;", "&#8217;", "&nbsp;" read as the characters they stand for."""
    if "&" not in text:
        return text
    return _ENTITY_RE.sub(_decode_entity, text)


def _decode_entity(match: re.Match) -> str:
    found = match.group(0)
    if found.lower() == "&nbsp;":
        return " "
    decoded = html.unescape(found)
    if decoded == found or _CONTROL_RE.search(decoded) or decoded in "\n\r\f":
        return found
    return decoded


def strip_html(text: str, tags: bool = True) -> str:
    """One line of pasted HTML as the text it shows: tags out (unless `tags` is false),
    character references decoded.

    A list item ("<li>") becomes a bullet; a permalink anchor ("<a href="#x">#</a>") goes with
    its sign. Anything that is not a known HTML tag ("<laughter>", "<v Ann>") stays.
    """
    if tags and "<" in text:
        if _LIST_ITEM_RE.match(text):
            text = "• " + text[_LIST_ITEM_RE.match(text).end() :]
        if "</a" in text or "</A" in text:
            text = _SIGN_ANCHOR_RE.sub("", text)
        text = _TAG_RE.sub("", text)
    text = decode_entities(text)
    if tags and "  " in text:
        text = _SPACE_RUN_RE.sub(" ", text)  # HTML shows a run of spaces as one
    return text


def html_block_edges(text: str) -> tuple[bool, bool]:
    """Whether a line opens with a block tag ("<p>", "<div>") and whether it closes one."""
    if "<" not in text:
        return False, False
    return bool(_BLOCK_START_RE.match(text)), bool(_BLOCK_END_RE.search(text))


def unescape_brackets(text: str) -> str:
    """Markdown's escaped brackets ("\\[00:12:01\\]") as the brackets they show."""
    if "\\" not in text:
        return text
    return text.replace("\\[", "[").replace("\\]", "]")
