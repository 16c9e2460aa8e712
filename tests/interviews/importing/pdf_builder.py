"""Small PDFs for tests, written byte by byte: text lines placed where a page shows them.

    build_pdf([[TextAt(72, 740, "Oral History of Jane Roe"), TextAt(72, 700, "Q: Hello.")]])

Coordinates are PDF points from the page's bottom-left corner (a Letter page is 612 x 792).
Horizontal rules (a table's borders) are drawn with RuleAt. Text is drawn in Helvetica with
WinAnsi encoding (Windows-1252), and the ligatures ﬁ, ﬂ and ﬃ.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

PAGE_WIDTH = 612
PAGE_HEIGHT = 792


@dataclass
class TextAt:
    x: float
    y: float
    text: str
    size: float = 11


@dataclass
class RuleAt:
    """A horizontal line drawn from `x0` to `x1` at height `y`: a table's border."""

    x0: float
    x1: float
    y: float


def build_pdf(
    pages: list[list[TextAt | RuleAt]],
    *,
    image_pages: frozenset[int] = frozenset(),
    info: dict[str, str] | None = None,
    compressed_padding: int | None = None,
) -> bytes:
    """A PDF with one page per list of lines; pages whose index is in `image_pages` also show
    a grey image over the whole page (what a scanner writes). With `compressed_padding`, each
    page's content is Flate-compressed, after that many spaces (which draw nothing)."""
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree's number is known
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [129 /fi 141 /fl 143 /ffi] >> >>"
    )
    image = add(
        _stream(
            b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8",
            bytes(range(64)),
        )
    )
    page_tree = len(objects) + 1 + 2 * len(pages)
    kids: list[int] = []
    for index, lines in enumerate(pages):
        content = _content(lines, with_image=index in image_pages)
        if compressed_padding is None:
            stream = add(_stream(b"<<", content))
        else:
            packed = zlib.compress(content + b" " * compressed_padding, 9)
            stream = add(_stream(b"<< /Filter /FlateDecode", packed))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (page_tree, PAGE_WIDTH, PAGE_HEIGHT, stream, font, image)
            )
        )
    add(
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    info_ref = b""
    if info:
        entries = b" ".join(
            b"/%s (%s)" % (key.encode("ascii"), _escape(value)) for key, value in info.items()
        )
        info_ref = b" /Info %d 0 R" % add(b"<< " + entries + b" >>")
    return _file(objects, catalog, info_ref)


def _content(lines: list[TextAt | RuleAt], *, with_image: bool) -> bytes:
    drawn = [b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (PAGE_WIDTH, PAGE_HEIGHT)] if with_image else []
    for line in lines:
        if isinstance(line, RuleAt):
            ends = (_number(line.x0), _number(line.y), _number(line.x1), _number(line.y))
            drawn.append(b"0.5 w %s %s m %s %s l S" % ends)
            continue
        drawn.append(
            b"BT /F1 %s Tf %s %s Td (%s) Tj ET"
            % (_number(line.size), _number(line.x), _number(line.y), _escape(line.text))
        )
    return b"\n".join(drawn)


def _stream(dictionary_start: bytes, data: bytes) -> bytes:
    return dictionary_start + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _file(objects: list[bytes], catalog: int, info_ref: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(objects) + 1, catalog, info_ref)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# Codes WinAnsi leaves unused, given to the ligatures a typesetter draws as one glyph.
_LIGATURE_CODES = {"ﬁ": b"\x81", "ﬂ": b"\x8d", "ﬃ": b"\x8f"}


def _escape(text: str) -> bytes:
    raw = b"".join(_LIGATURE_CODES.get(ch) or ch.encode("cp1252") for ch in text)
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _number(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".")
