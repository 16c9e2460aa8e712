"""Sources an import can start from, each turned into a `SourceDocument` for the text parser.

- `document.py`: `SourceDocument`, what every reader returns, and `UnreadableSource`;
- `pdf.py`: a PDF's text layer, page by page, without running headers and footers;
- `word.py`: a Word (.docx) file's paragraphs, bold runs, headings and lists;
- `web.py`: a saved or fetched web page: its main content, metadata and comment thread;
- `fetch.py`: fetching a link safely (public addresses only, bounded in time and size).
"""

from .document import SourceDocument, UnreadableSource

__all__ = ["SourceDocument", "UnreadableSource"]
