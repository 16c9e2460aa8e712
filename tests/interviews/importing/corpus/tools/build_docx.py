"""Build the corpus's Word files from two real interviews in tests/transcript/corpus.

No public .docx of an openly licensed interview was found, so these are made the way a writer's
Word manuscript of the article looks: the title in Word's "Title" style, a "By ..." line, bold
questions or bold speaker labels, questions as headings where the article has them, captions
in the "Caption" style, block quotes in the "Quote" style, links as real hyperlinks, and the
magazine's name and licence in the page header and footer. What the magazine's layout added
around the text (pull quotes, sidebar boxes) is left out, as a manuscript would not have it.

Run from the repository root:

    python tests/interviews/importing/corpus/tools/build_docx.py

The output is deterministic apart from the zip's timestamps (python-docx sets none of its own
beyond the core properties, which are fixed here).
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[5]
TEXT_CORPUS = ROOT / "tests" / "transcript" / "corpus"
OUT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "docx_fsm-knuth.docx": "magazine-qa_fsm-knuth.md",
    "docx_fsm-open-graphics-part2.docx": "magazine-qa_fsm-open-graphics-part2.md",
}
_INLINE_RE = re.compile(
    r"\*\*(?P<bold>[^*]+)\*\*|_(?P<under>[^_]+)_|\*(?P<star>[^*]+)\*"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
_LABEL_RE = re.compile(r"\*\*(?P<label>[^*]{1,40}:)\*\*\s*(?P<rest>.*)")
_PLACEHOLDER_RE = re.compile(r"=([A-Z_]+)=(.*)")
_FIXED_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The article's YAML front matter (flat "key: 'value'" lines) and the lines after it."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    end = lines.index("---", 1)
    fields = {}
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip().strip("'")
    return fields, lines[end + 1 :]


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """A real w:hyperlink with its relationship: python-docx has no call for writing one."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def add_inline(paragraph, text: str, bold: bool = False) -> None:
    """Markdown's inline bold, italics and links as Word runs and hyperlinks."""
    position = 0
    for found in _INLINE_RE.finditer(text):
        if found.start() > position:
            paragraph.add_run(text[position : found.start()]).bold = bold or None
        if found.group("bold"):
            paragraph.add_run(found.group("bold")).bold = True
        elif found.group("link"):
            add_hyperlink(paragraph, found.group("link"), found.group("url"))
        else:
            run = paragraph.add_run(found.group("under") or found.group("star"))
            run.italic = True
            run.bold = bold or None
        position = found.end()
    if position < len(text):
        paragraph.add_run(text[position:]).bold = bold or None


def add_block(document, line: str) -> None:
    """One Markdown paragraph (one line in these files) as a Word paragraph."""
    if line.startswith("# "):
        document.add_heading(line[2:].strip(), level=1)
    elif line.startswith(">"):
        add_inline(document.add_paragraph(style="Quote"), line.lstrip("> "))
    elif line.startswith(("- ", "* ")):
        add_inline(document.add_paragraph(style="List Bullet"), line[2:])
    elif line.startswith("**") and line.endswith("**") and "**" not in line[2:-2]:
        add_inline(document.add_paragraph(), line[2:-2], bold=True)
    elif label := _LABEL_RE.fullmatch(line):
        paragraph = document.add_paragraph()
        paragraph.add_run(label.group("label")).bold = True
        paragraph.add_run(" ")
        add_inline(paragraph, label.group("rest"))
    else:
        add_inline(document.add_paragraph(), line)


def build(markdown: str) -> docx.Document:
    fields, lines = front_matter(markdown.splitlines())
    document = docx.Document()
    properties = document.core_properties
    properties.title = fields.get("title", "")
    properties.author = fields.get("authors", "")
    properties.created = properties.modified = _FIXED_DATE
    properties.last_modified_by = properties.author
    issue = fields.get("issue", "").replace("issue_", "Issue ").replace(" 0", " ")
    section = document.sections[0]
    section.header.paragraphs[0].text = f"Free Software Magazine · {issue}"
    section.footer.paragraphs[
        0
    ].text = f"freesoftwaremagazine.com · licence: {fields.get('license', '').upper()}"
    document.add_paragraph(fields.get("title", ""), style="Title")
    document.add_paragraph(f"By {fields.get('authors', '')}")
    in_sidebar = False
    for raw in lines:
        line = raw.strip()
        placeholder = _PLACEHOLDER_RE.fullmatch(line)
        keyword = placeholder.group(1) if placeholder else ""
        if keyword.endswith("_START") or keyword.endswith("_END"):
            in_sidebar = keyword.endswith("_START")  # the layout's sidebars: left out
            continue
        if in_sidebar or not line or line == "<!--break-->" or keyword == "ZOOM":
            continue
        if line == "<!--pagebreak-->":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif keyword == "IMAGE":
            caption = placeholder.group(2).rstrip("=").partition("=")[2]
            document.add_paragraph(caption, style="Caption")
        else:
            add_block(document, line)
    return document


def main() -> int:
    for name, source in ARTICLES.items():
        document = build((TEXT_CORPUS / source).read_text(encoding="utf-8"))
        document.save(OUT / name)
        print(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
