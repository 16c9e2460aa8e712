"""The importing corpus (`corpus/`, see its README): each file with its provenance and text."""

from __future__ import annotations

import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
ROOT = Path(__file__).resolve().parents[3]


def corpus_entries(kind: str) -> list[tuple[Path, dict]]:
    """(file, provenance) of every `<kind>_*` file that has a text version to compare with."""
    entries = []
    for provenance_path in sorted(CORPUS.glob(f"{kind}_*.json")):
        provenance = json.loads(provenance_path.read_text(encoding="utf-8"))
        source = provenance_path.with_suffix(f".{kind}")
        if provenance.get("text_version") and source.exists():
            entries.append((source, provenance))
    return entries


def text_version(provenance: dict) -> str:
    """The same interview as text: a file of this corpus, or of the text corpus (by its path
    from the repository's root)."""
    # "pdf_x.txt: how it was made" names the file before its colon.
    name = provenance["text_version"].split(": ", 1)[0].strip()
    path = CORPUS / name if (CORPUS / name).exists() else ROOT / name
    return path.read_text(encoding="utf-8")


def without_inline_marks(text: str) -> str:
    """Text without Markdown's inline marks and with its whitespace collapsed: a Markdown text
    version writes "_a title_" and "[gEDA](http://...)" where a Word file has italics and a
    link, and a page has <em> and <a>."""
    text = re.sub(r"\[([^\[\]\n]+)\]\([^)\n]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_]", "", text).split())
