"""Page furniture: the text a browser copies along with an article and that is nobody's speech.

Rules look at the shape of one short line (navigation words, "15 min read", breadcrumbs, share
buttons, lines of bare punctuation, cookie and newsletter prompts) and, for the end of a page, at
the structure of what follows the conversation (a run of teaser blocks: titles, "N min",
"Name's photo", "See more").
"""

from __future__ import annotations

import re
from itertools import pairwise

from .text import has_word_chars, starts_lowercase, word_count, word_list

# Past this many words a line is prose; the line rules below never drop it.
_SHORT_WORDS = 12

_NAVIGATION = frozenset(
    """skip to main content|skip to content|skip to navigation|skip to main navigation|
    jump to navigation|jump to content|skip navigation|menu|main menu|open menu|close menu|
    toggle navigation|navigation|search|close|sign in|log in|login|sign up|register|subscribe|
    subscribe now|share|share this|share this article|share this post|share this story|
    share on facebook|share on twitter|share on linkedin|tweet|facebook|twitter|x|linkedin|
    reddit|email|e-mail|print|whatsapp|pinterest|telegram|copy link|link copied|advertisement|
    sponsored|ad|back to top|read more|see more|show more|load more|view all|view more|
    related|related articles|related posts|related stories|related content|more from|
    you may also like|you might also like|recommended|recommended for you|popular|trending|
    most popular|most read|leave a reply|leave a comment|post a comment|add a comment|
    accept|accept all|accept cookies|reject all|cookie settings|manage cookies|like this|
    like|loading|next|previous|next post|previous post|next article|previous article|home|
    listen|play|pause|download|show transcript|hide transcript|table of contents|contents|
    follow|follow us|newsletter|get the app|open in app|all posts|top|share via|tags|topics|
    filed under|categories|about the author|written by|cancel reply|submit|post comment|
    more|see all|explore|blog|articles|podcast|podcasts|episodes|clap|claps|save|bookmark|end|
    read later|save for later|
    end of transcript|transcript|###|-30-""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# Longer prompts, recognised by a phrase anywhere in a line of at most _PROMPT_WORDS words.
_PROMPT_WORDS = 45
_PROMPT_RE = re.compile(
    r"we use cookies|this (?:site|website) uses cookies|cookie policy"
    r"|by continuing to (?:use|browse)|accept (?:all )?cookies"
    r"|sign up for (?:our|the) newsletter|subscribe to (?:our|the) newsletter"
    r"|get (?:our|the) newsletter|enter your email|delivered (?:straight )?to your inbox"
    r"|your email address will not be published|required fields are marked"
    r"|save my name, email|all rights reserved|privacy policy|terms of (?:use|service)"
    r"|^©|^copyright\s+(?:©\s*)?\d{4}|^this is a rush transcript"
    r"|^(?:transcribed|transcription|transcript|captions?) by\b",
    re.IGNORECASE,
)

# "Back to top", "← Return to the blog": a link back, short and unfinished; "back to fight
# another day." is a wrapped sentence's last line.
_BACK_WORDS = 8
_BACK_RE = re.compile(r"[←«‹<\s]{0,4}(?:Return|Back|Go back|RETURN|BACK|GO BACK) to\b")

# "15 min read", "Dec 2017 · 15 min read", "5 minute listen", "12 min".
_READ_TIME_RE = re.compile(
    r"(?:^|[\s·•|,\-–—])\d{1,3}\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?"
    r"(?:\s+(?:read|listen|watch|video|audio))?\s*$",
    re.IGNORECASE,
)
# "Jane Doe's photo", "Photo of Jane Doe", "avatar": image alt texts a browser copies.
_PHOTO_ALT_RE = re.compile(
    r"(?:'s|’s|s'|s’)\s+(?:photo|picture|avatar|profile picture|headshot)$"
    r"|^(?:photo|picture|avatar|headshot) of\b|^avatar$",
    re.IGNORECASE,
)
_MORE_RE = re.compile(r"^(?:(?:see|read|load|show|view)\s+(?:more|all)[\W_]*)+$", re.IGNORECASE)
_RELATED_HEADING_RE = re.compile(
    r"^(?:related\b|more (?:from|in|on|like this|stories|episodes|articles)\b"
    r"|also (?:on|in|from)\b|elsewhere on\b|you (?:may|might) also\b|recommended\b"
    r"|read next\b|up next\b|further reading\b|popular\b|trending\b|latest\b|recent posts\b)",
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATORS = (" > ", " / ", " » ", " › ", " → ", " | ", " • ", " · ")
# A comment-form or comment-count line that ends the article ("Leave a Reply", "12 Comments").
_THREAD_START_RE = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|before you leave a comment"
    r"|join the (?:discussion|conversation)|comments are closed|discussion"
    r"|\d{1,5}\s+(?:comments?|responses?|replies|thoughts)\b)",
    re.IGNORECASE,
)


# A page footer: nothing after it is the article's.
_FOOTER_RE = re.compile(r"^(?:©|copyright\b|\(c\)\s*\d{4})|all rights reserved", re.IGNORECASE)


def is_footer(text: str) -> bool:
    return word_count(text) <= _PROMPT_WORDS and bool(_FOOTER_RE.search(text[:400]))


# What a page of licence or copyright terms is made of: a copyright mark, rights reserved,
# copying forbidden, permission, a licence, the terms, and where to write or call about them.
# Each kind counts once: a page that only says "copyright" often is a memoir about copyright.
_TERMS_KINDS = (
    re.compile(r"©|\bcopyright\b|\(c\)\s*\d{4}", re.IGNORECASE),
    re.compile(r"\brights\s+(?:are\s+)?reserved\b", re.IGNORECASE),
    re.compile(r"\b(?:reproduc|republish|redistribut|retrieval system)", re.IGNORECASE),
    re.compile(r"\bpermission\b", re.IGNORECASE),
    re.compile(r"\blicen[cs]", re.IGNORECASE),
    re.compile(r"\bterms\s+(?:and|&)\s+conditions\b|\bterms of (?:use|service)\b", re.IGNORECASE),
    re.compile(
        r"[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.|https?://|\b(?:tel|telephone|phone|fax)\s*:",
        re.IGNORECASE,
    ),
)
_TERMS_KINDS_NEEDED = 4


def _terms_kinds(text: str) -> set[int]:
    """Which kinds of licence-terms wording (see _TERMS_KINDS) `text` holds."""
    return {kind for kind, pattern in enumerate(_TERMS_KINDS) if pattern.search(text)}


def is_terms_page(blocks: list[str]) -> bool:
    """Whether the paragraphs `blocks` are a page of copyright or licence terms ("This
    transcript is the copyright of ...", "may not be reproduced", "Telephone: ..."): most of
    its words in paragraphs that use that wording, and most kinds of it used."""
    kinds: set[int] = set()
    terms_words = 0
    for block in blocks:
        found = _terms_kinds(block)
        kinds |= found
        if found:
            terms_words += word_count(block)
    total = sum(word_count(block) for block in blocks)
    return len(kinds) >= _TERMS_KINDS_NEEDED and 2 * terms_words >= total > 0


# Where to write or call: a contact field's name, and the values such a field holds.
_CONTACT_KEYS = frozenset(
    word_list("tel telephone phone fax email e-mail mail web website url mobile cell address")
)
_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
_URL = r"(?:https?://|www\.)\S{1,300}"
_PHONE = r"\+?\(?\d[\d ().-]{5,18}\d"
_CONTACT_VALUE_RE = re.compile(
    rf"{_EMAIL}|{_URL}|{_PHONE}|\b(?:{'|'.join(sorted(_CONTACT_KEYS))})\s{{0,3}}:", re.IGNORECASE
)
_CONTACT_RE = re.compile(
    rf"{_EMAIL}|{_URL}|\b(?:tel|telephone|phone|fax)\s{{0,3}}[.:]\s{{0,3}}{_PHONE}",
    re.IGNORECASE,
)


def is_contact_field(key: str, value: str) -> bool:
    """Whether "key: value" is contact details ("Telephone: 020 7033 9773", "Email: ...", "Web:
    www.x.org"): a field, never a speaker's label."""
    if key.casefold() in _CONTACT_KEYS:
        return True
    # The value is addresses and numbers alone ("info@x.org Web: www.x.org"), with no words.
    found = _CONTACT_VALUE_RE.match(value.strip()) is not None
    return found and word_count(_CONTACT_VALUE_RE.sub(" ", value)) == 0


def holds_contact_details(text: str) -> bool:
    """Whether the line gives an e-mail address, a web address or a telephone number."""
    return bool(_CONTACT_RE.search(text))


def _plain(text: str) -> str:
    return " ".join(text.strip(" .:…*_#>-–—").casefold().split())


def is_read_time(text: str) -> bool:
    return len(text) <= 80 and bool(_READ_TIME_RE.search(text))


def is_photo_alt(text: str) -> bool:
    return len(text) <= 80 and bool(_PHOTO_ALT_RE.search(text.strip()))


def is_teaser_marker(text: str) -> bool:
    """What marks a block of "related articles": reading times, author photos, "See more"."""
    if len(text) > 80:
        return False
    return is_read_time(text) or is_photo_alt(text) or bool(_MORE_RE.match(text))


def is_related_heading(text: str) -> bool:
    return word_count(text) <= 6 and bool(_RELATED_HEADING_RE.match(text))


def starts_comment_thread(text: str) -> bool:
    return word_count(text) <= 12 and bool(_THREAD_START_RE.match(text))


def is_breadcrumb(text: str) -> bool:
    """ "Home > Blog > AI", "Home / Blog", or "HomeBlogDeep Learning" (links run together)."""
    if word_count(text) > 12 or text.endswith((".", "?", "!")):
        return False
    for separator in _BREADCRUMB_SEPARATORS:
        if text.count(separator) >= 1 and len(text.split(separator)) >= 2:
            parts = [part.strip() for part in text.split(separator)]
            if all(part and word_count(part) <= 4 and part[0].isupper() for part in parts):
                return len(parts) >= 3 or parts[0].casefold() in ("home", "start", "main")
    # Words run together where the links were: two or more lower-to-upper joins in one token.
    for token in text.split():
        joins = sum(1 for a, b in pairwise(token) if a.islower() and b.isupper())
        if joins >= 2 and token[:1].isupper() and token.isalpha():
            return True
    return False


# A page template's tag on its own line: "{% irc %}", "{%- include util.html -%}",
# "{{< chat >}}": the page's machinery, never shown as text.
_TEMPLATE_TAG_RE = re.compile(
    r"\{%-?\s{0,3}[a-z_]{1,30}[^{}]{0,80}-?%\}|\{\{<\s{0,3}/?[a-z_]{1,30}[^{}]{0,80}>\}\}"
)


def is_template_tag(text: str) -> bool:
    return text[:1] == "{" and _TEMPLATE_TAG_RE.fullmatch(text) is not None


# Where the web reader set aside a box standing in the article (a teaser, a download box): the
# box is not the talk, but like a subheading it ends the turn before it.
BOX_MARK = "<!-- box set aside -->"


def is_box_mark(text: str) -> bool:
    return text.strip() == BOX_MARK


# "<-- prev | next -->", "« Previous | Index | Next »": a page's links to its neighbours in a row.
_ROW_SEPARATOR_RE = re.compile(r"\s[|•·]\s")
_ARROWS = " <>-–—=«»‹›←→[]()"
_ROW_WORDS = frozenset(("prev", "previous", "next", "index", "up", "top", "home", "contents"))


def _is_link_row(text: str) -> bool:
    pieces = [piece.strip(_ARROWS).casefold() for piece in _ROW_SEPARATOR_RE.split(text)]
    return len(pieces) >= 2 and all(piece in _ROW_WORDS for piece in pieces)


def line_furniture(text: str) -> str | None:
    """Why the stripped line `text` is furniture wherever it appears, or None.

    Only short lines qualify, so a sentence of speech that mentions "share" or "cookies" stays.
    """
    if not text:
        return None
    if text.startswith("<!--") and text.endswith("-->") and "-->" not in text[4:-3]:
        return "markup"  # "<!--pagebreak-->": a note to the publishing system
    if not has_word_chars(text):
        return "punctuation"  # ", , , ,", "|", "***"
    if is_template_tag(text):
        return "template"
    words = word_count(text)
    if "_____" in text and words <= _SHORT_WORDS + 4:
        return "form"  # "Email ______", "______ What are you looking for?": a form's field
    # A menu item has no full stop: "Home." or "Next!" is somebody's answer.
    finished = text.endswith((".", "!", "?")) and not text.endswith("...")
    if words <= _SHORT_WORDS and not finished and _plain(text) in _NAVIGATION:
        return "navigation"
    if words <= _SHORT_WORDS and not finished and _is_link_row(text):
        return "navigation"
    # "for 5 minutes." in lower case with its full stop ends a wrapped sentence.
    tail = finished and starts_lowercase(text)
    if words <= _SHORT_WORDS and is_read_time(text) and not tail:
        return "read time"
    if is_photo_alt(text):
        return "photo"
    if words <= 6 and _MORE_RE.match(text):
        return "more"
    if words <= _PROMPT_WORDS and _PROMPT_RE.search(text[:600]):
        return "prompt"
    if words <= _BACK_WORDS and not finished and _BACK_RE.match(text):
        return "navigation"
    return None


# What a page or an export appends after the talk and nobody says: a transcription credit
# ("Transcribed by https://otter.ai"), share and listen buttons, a wiki's "Retrieved from ...".
# (An editor's note on the editing is the closing note: roles.split_closing.)
_TRAILER_RE = re.compile(
    r"^(?:transcribed|transcription|transcript|captions?|captioning) (?:by|powered by)\b"
    r"|^retrieved from\b"
    r"|^to order (?:a |an )?(?:video|videotape|tape|copy|transcript|dvd)\b"
    # "END OF INTERVIEW", "[End of transcript]": an oral history's last line.
    r"|^end of (?:the )?(?:interview|transcript|recording|oral history|session)s?\b[\w .,:-]{0,40}$"
    r"|^share(?: this(?: \w+)?)?\s*[:|]"
    r"|^(?:listen|subscribe|follow(?: us)?|find us)(?: to (?:us|the show|the podcast))? on\b"
    r".{0,200}\b(?:apple podcasts|itunes|spotify|google podcasts|overcast|pocket casts"
    r"|stitcher|youtube|castbox|podcast addict)",
    re.IGNORECASE,
)
_LEADING_TIME_RE = re.compile(r"[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?\s+")
_SOCIAL = frozenset(
    word_list(
        """facebook twitter x linkedin reddit email e-mail whatsapp pinterest telegram mastodon
        bluesky threads instagram tiktok youtube print copy link"""
    )
)
_ABOUT_RE = re.compile(r"About (?:the )?[A-Z][\w&.'’-]{0,40}(?: [\w&.'’-]{1,40}){0,4}")


# "6:14 P.M. EST", "END 6:14 P.M. EST", "END  11:02 a.m. EDT": when the event ended, under it.
_CLOSING_TIME_RE = re.compile(
    r"(?:END )?\(?\d{1,2}:\d{2} ?[AaPp]\.? ?[Mm]\.?(?: [A-Z]{1,5})?\)?\.?"
)


def is_closing_time(text: str) -> bool:
    # The gaps are any width: a centred "END            3:55 P.M. PDT" is spaced out to fit.
    text = " ".join(text.strip(" *_").split())
    return len(text) <= 30 and _CLOSING_TIME_RE.fullmatch(text) is not None


def is_trailer(text: str) -> bool:
    """Whether the stripped line `text` is boilerplate that follows a transcript's talk
    (a transcription credit, even after a time; share or listen links; the clock time the
    event ended at)."""
    if not text or word_count(text) > 30:
        return False
    if is_closing_time(text):
        return True
    text = _LEADING_TIME_RE.sub("", text, count=1) if text[:1] in "[(0123456789" else text
    text = text.strip(" ()[]*_")
    if re.search(r"[.!?]\s+[A-Z]", text):
        return False  # more than a note: "Edited for clarity. Jo Roe writes in Porto."
    if _TRAILER_RE.search(text):
        return True
    # "Facebook | Twitter | Email": share buttons in a row.
    pieces = [piece.strip() for piece in re.split(r"[|•·,/]", text.casefold()) if piece.strip()]
    return len(pieces) >= 2 and all(piece in _SOCIAL for piece in pieces)


# The earlier mail a reply quotes under the answers: Outlook's "-----Original Message-----",
# a forward's "---------- Forwarded message ---------" or "Begin forwarded message:".
_QUOTED_MAIL_RE = re.compile(
    r"-{2,40}\s?(?:original message|forwarded message)\s?-{2,40}|begin forwarded message:?",
    re.IGNORECASE,
)


# What a mail program or a mailing list appends under a message: "Sent from my iPhone", a
# confidentiality disclaimer, the list's unsubscribe lines.
_MAIL_FOOTER_RE = re.compile(
    r"^(?:sent from my \w|get outlook for \w|sent from (?:mail|outlook|yahoo mail|gmail) for\b"
    r"|(?:confidentiality|privacy)(?: notice| statement| warning)?\s?:|disclaimer\s?:"
    r"|this (?:e-?mail|message|communication|transmission)\b.{0,120}"
    r"\b(?:confidential|privileged|intended (?:solely |only )?for)"
    r"|(?:p\s)?please consider the environment before printing"
    r"|(?:to )?unsubscribe\b|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|newsletter)\b)",
    re.IGNORECASE,
)


def is_mail_footer(text: str) -> bool:
    return _MAIL_FOOTER_RE.match(text.strip(" *_")) is not None


_WIKI_TAIL_RE = re.compile(r"retrieved from\s{1,3}[\"“']?https?://", re.IGNORECASE)


def starts_wiki_tail(text: str) -> bool:
    """ "Retrieved from "https://..."": a wiki's footer begins; its menus and links follow."""
    return _WIKI_TAIL_RE.match(text.strip(" *_")) is not None


# "On Mon, Mar 13, 2023 at 4:10 PM Jo Roe <jo@example.org> wrote:": a reply's attribution.
_ATTRIBUTION_RE = re.compile(r"on\s.{4,200}\swrote:", re.IGNORECASE)


def is_attribution(text: str) -> bool:
    return len(text) <= 260 and _ATTRIBUTION_RE.fullmatch(text.strip()) is not None


def starts_quoted_mail(text: str) -> bool:
    return len(text) <= 100 and _QUOTED_MAIL_RE.fullmatch(text.strip(" *_")) is not None


def is_about_heading(text: str) -> bool:
    """ "About Acme Media", "About the Harbour Trust": the heading of a press-kit paragraph."""
    return (
        word_count(text) <= 6
        and final_mark_free(text)
        and bool(_ABOUT_RE.fullmatch(text.strip(" #*_:")))
    )


_END_MARK_RE = re.compile(r"(?:#\s?){3}|-\s?30\s?-|-?\s?###\s?-?|\(?ends?\)?|--", re.IGNORECASE)


def is_end_mark(text: str) -> bool:
    """ "###", "-30-", "ENDS": the mark a press release puts after its text; "-- ", the line
    above a mail's or a post's signature."""
    return len(text) <= 12 and _END_MARK_RE.fullmatch(text.strip()) is not None


def final_mark_free(text: str) -> bool:
    return not text.rstrip(" *_").endswith((".", "?", "!", ","))
