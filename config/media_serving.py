"""MEDIA_URL served from MEDIA_ROOT by the site itself, with HTTP Range requests.

Why not django.views.static.serve: it answers every request with the whole file, and a browser
seeking in a recording asks for a byte range (`Range: bytes=1048576-`); without a 206 it cannot
seek at all in some browsers, and in others downloads from the start. Used in development and
where settings.MEDIA_SERVED_BY_APP says so; in the documented production setup nginx serves
/media/ (with ranges of its own) and requests never reach this view.

One range at a time: a request for several (`bytes=0-1,5-6`) gets the whole file, as RFC 9110
allows, rather than a multipart answer no player asks for. Files are streamed in blocks, never
read whole.
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# The recordings' and figures' formats, whatever the system's mime.types lacks (Opus, VTT).
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# What a browser may show in place; anything else in the media folder is offered as a download,
# so that no file there can act as a page of this site.
_SHOWN_IN_PLACE = ("audio/", "video/", "image/", "text/vtt")
_ONE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOCK_SIZE = 64 * 1024
UNSATISFIABLE = "unsatisfiable"


class _ByteRange:
    """A file read from `start` for `length` bytes, as FileResponse reads a file: no `name`,
    `tell` or `fileno`, so that neither FileResponse nor a server's sendfile sends more."""

    def __init__(self, file, start: int, length: int):
        file.seek(start)
        self._file = file
        self._left = length

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size is None or size < 0 else min(size, self._left)
        block = self._file.read(size)
        self._left -= len(block)
        return block

    def close(self) -> None:
        self._file.close()


def requested_range(header: str, size: int) -> tuple[int, int] | str | None:
    """The one byte range `header` asks for, as (first, last) inclusive, within a file of
    `size` bytes; None when the header asks for the whole file (absent, several ranges, or
    not a byte range: RFC 9110 lets a server ignore those); "unsatisfiable" when it asks only
    for bytes past the end (UNSATISFIABLE).
    """
    match = _ONE_RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first_text, last_text = match.groups()
    if not first_text:
        if not last_text:
            return None  # "bytes=-": not a range at all
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None  # invalid: ignored, as RFC 9110 says
    if first >= size:
        return UNSATISFIABLE
    return first, min(last, size - 1)


def _media_file(path: str) -> Path:
    """The file under MEDIA_ROOT that `path` names; 404 for anything else (a folder, a
    missing file, or a path that leads out of the folder, by `..` or by a symbolic link)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        found = (root / path).resolve()
        # is_file() raises, not answers False, for a name too long for the file system.
        is_file = found.is_file()
    except (OSError, ValueError):
        raise Http404("No such file.") from None
    if not found.is_relative_to(root) or found == root or not is_file:
        raise Http404("No such file.")
    return found


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return (
        CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


@require_safe
def serve_media(request, path: str):
    """A file from MEDIA_ROOT: whole (200), a byte range of it (206), or 416 for a range past
    its end; HEAD gives the same headers without the body. 404 unless the site serves its
    media itself (settings.MEDIA_SERVED_BY_APP)."""
    if not settings.MEDIA_SERVED_BY_APP:
        raise Http404("Media are not served here.")
    found = _media_file(path)
    stat = found.stat()
    size = stat.st_size
    last_modified = http_date(stat.st_mtime)
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    wanted = requested_range(request.headers.get("Range", ""), size)
    # If-Range: a range of the file only as it was when the client read the rest of it.
    if_range = request.headers.get("If-Range")
    if if_range and parse_http_date_safe(if_range) != int(stat.st_mtime):
        wanted = None
    headers = {"Accept-Ranges": "bytes", "Last-Modified": last_modified}
    content_type = _content_type(found)
    if not content_type.startswith(_SHOWN_IN_PLACE):
        headers["Content-Disposition"] = "attachment"
    if wanted == UNSATISFIABLE:
        headers["Content-Range"] = f"bytes */{size}"
        return HttpResponse(status=416, headers=headers)
    if wanted is None:
        status, first, length = 200, 0, size
    else:
        first, last = wanted
        status, length = 206, last - first + 1
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        return HttpResponse(status=status, headers=headers, content_type=content_type)
    response = FileResponse(
        _ByteRange(found.open("rb"), first, length),
        status=status,
        content_type=content_type,
        headers=headers,
    )
    response.block_size = BLOCK_SIZE
    return response
