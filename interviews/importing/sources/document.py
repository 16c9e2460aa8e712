"""What every kind of source becomes before the text parser reads it: a `SourceDocument`.

A PDF, a Word file, a saved web page or a fetched link is turned into the text an editor would
have pasted, in the shapes the parser already reads (Markdown-like: "**bold**" labels and
questions, "# headings", "• " list items, "![caption]()" for a figure's caption that does not
say it is one), plus what the source's structure says better than flat text: the page's own
metadata and its reader comments, read from their markup with their nesting.

Pure Python with no Django import, like the parser, so that each reader can be tested and
fuzzed alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interviews.transcript.model import ParsedComment, ParsedTranscript, PartialDate


class UnreadableSource(ValueError):
    """The source cannot be read as an interview; the message is meant for the editor."""


@dataclass
class SourceDocument:
    text: str  # what the text parser reads
    kind: str  # "text", "pdf", "docx" or "html"
    title: str = ""  # the source's own title: og:title, <title>, the document's properties
    byline: str = ""  # who wrote it, as the source names them ("Adrian Rosebrock")
    published: str = ""  # ISO 8601 date: "2018-07-02", "2018-07" or ""
    source_url: str = ""  # the page's canonical address
    # Reader comments read from the markup, in page order with their replies; None when the
    # source has no comment markup (the parser then looks for a thread in the text).
    comments: list[ParsedComment] | None = None
    # Text the extraction left out of `text` (page menus, sidebars, running page headers), one
    # line each: shown to the editor with the parser's own set-aside lines, so nothing is lost.
    set_aside: list[str] = field(default_factory=list)
    # What the extraction did that the editor should know ("Removed a running header from 12
    # pages"), shown with the parser's warnings.
    notes: list[str] = field(default_factory=list)

    def apply_to(self, parsed: ParsedTranscript) -> ParsedTranscript:
        """The parse of `text`, completed with what the source's structure says.

        The page's own metadata fills what it names (a page's og:title is its title even when
        the text's first line is a menu); comments read from markup replace any the parser
        guessed from the text; the lines the extraction left out join the parser's set-aside
        lines, and its notes the parser's warnings, so the editor sees both."""
        if self.title:
            parsed.title = self.title
        if self.byline and not parsed.byline:
            parsed.byline = self.byline
        published = _partial_date(self.published)
        if published is not None:
            parsed.published = published
        if self.source_url:
            parsed.metadata["source_url"] = self.source_url
        if self.comments is not None:
            parsed.comments = self.comments
        parsed.ignored = [*self.set_aside, *parsed.ignored]
        parsed.warnings = [*self.notes, *parsed.warnings]
        return parsed


def _partial_date(text: str) -> PartialDate | None:
    # A page's metadata may hold anything; a date that is not one is left out.
    try:
        return PartialDate.from_iso(text)
    except ValueError:
        return None
