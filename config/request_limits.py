"""How large a request body may be: Django's defaults for everyone, more for staff in the admin.

Django reads one DATA_UPLOAD_MAX_MEMORY_SIZE and one DATA_UPLOAD_MAX_NUMBER_FIELDS for every
request, and both the public forms (a comment, the admin login) and anonymous visitors should
get its defaults, 2.5 MB and 1,000 fields. The admin's transcript import (a 2 MB paste and its
preview) and an interview's change form (fields for every turn) need more. Settings are shared
by every thread of a worker, so they are never changed per request: instead, for a form posted
to the admin by a signed-in, active staff member, RequestLimitsMiddleware reads the body itself,
up to ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE, and fills request.POST and request.FILES before anything
reads them. Django's parser, and with it its limits, never runs for such a request.

Files are never held whole in memory: a multipart body is read as a stream, part by part, and
each file goes through Django's upload handlers (request.upload_handlers: in memory up to
FILE_UPLOAD_MAX_MEMORY_SIZE, else a temporary file on disk), as Django's own parser does. So an
admin multipart body may be larger than the fields' limit by the largest upload the admin takes,
MEDIA_MAX_UPLOAD_BYTES (a recording); its fields still count against the fields' limit.

A body over its limit is refused with 413, whether Content-Length announces it up front or the
body turns out larger while it is read; more fields than the limit is a 400. Both pages say
that nothing was read or saved (bad_request, Django's handler400). Up front the whole body
counts, files included, where Django would let files through: no public form takes a file.
"""

import base64
import binascii
import contextlib
import dataclasses
import html
import logging
import re
from io import BytesIO
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadhandler import SkipFile, StopFutureHandlers, StopUpload
from django.http import HttpResponse, QueryDict, UnreadablePostError
from django.http.multipartparser import (
    FIELD,
    FILE,
    ChunkIter,
    LazyStream,
    MultiPartParserError,
    Parser,
    exhaust,
)
from django.template import loader
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters

from interviews.forms import COMMENT_TEXT_MAX
from interviews.transcript.source import MAX_TRANSCRIPT_BYTES

logger = logging.getLogger(__name__)

MULTIPART = "multipart/form-data"
URLENCODED = "application/x-www-form-urlencoded"
# What a boundary may be (RFC 2046), as Django's own multipart parser checks it.
BOUNDARY = re.compile(r"[ -~]{0,200}[!-~]")


@dataclasses.dataclass(frozen=True)
class BodyLimits:
    """The most a request body may hold; None is no limit, as in Django's settings."""

    max_bytes: int | None
    max_fields: int | None
    # Signed-in staff posting a form to the admin: this module parses the body, not Django.
    admin: bool = False
    # What files may add to a multipart body: they stream to disk, never held in memory.
    max_file_bytes: int = 0

    def body_limit(self, content_type: str) -> int | None:
        """The largest body of this content type, files included."""
        if self.max_bytes is None:
            return None
        return self.max_bytes + (self.max_file_bytes if content_type == MULTIPART else 0)


class FieldsTooBig(RequestDataTooBig):
    """A multipart form's fields (not its files) are over the fields' limit."""


def public_limits() -> BodyLimits:
    return BodyLimits(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)


def admin_limits() -> BodyLimits:
    return BodyLimits(
        settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE,
        settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS,
        admin=True,
        # A recording is the largest file the admin takes; the form says when one is too large.
        max_file_bytes=max(settings.MEDIA_MAX_UPLOAD_BYTES, settings.IMPORT_MAX_FILE_BYTES),
    )


def limits_for(request) -> BodyLimits:
    """The admin's limits for a form a signed-in, active staff member posts to the admin."""
    if (
        request.method == "POST"
        and request.content_type in (MULTIPART, URLENCODED)
        and request.path.startswith(reverse("admin:index"))
        # Last: reading the user reads the session and the user's row.
        and request.user.is_active
        and request.user.is_staff
    ):
        return admin_limits()
    return public_limits()


def announced_length(request) -> int:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0:
        raise BadRequest("The Content-Length header is not a length.")
    return length


def too_big(limits: BodyLimits, length: int, content_type: str = URLENCODED) -> bool:
    limit = limits.body_limit(content_type)
    return limit is not None and length > limit


class RequestLimitsMiddleware:
    """Refuses a body over its limit up front; parses the admin's forms with the admin's limits.

    Goes after AuthenticationMiddleware (it reads request.user). CsrfViewMiddleware, wherever
    it stands, checks the token in process_view, after this has filled request.POST, so a
    form parsed here is checked like any other.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = announced_length(request)
        limits = limits_for(request)
        # For bad_request, which must not read the user (the session may be what failed).
        request.body_limits = limits
        try:
            if too_big(limits, length, request.content_type):
                raise RequestDataTooBig("Content-Length is over the request body limit.")
            if limits.admin:
                read_form(request, limits)
        except RequestDataTooBig as error:
            # Answered here rather than by handler400, which DEBUG replaces by a 400 debug page.
            logger.warning("%s (%s bytes announced): %s", error, length, request.path)
            request._mark_post_parse_error()
            whole_body = not isinstance(error, FieldsTooBig)
            return too_large_response(limits, request.content_type if whole_body else URLENCODED)
        return self.get_response(request)


def read_form(request, limits: BodyLimits) -> None:
    """Fill request.POST and request.FILES from the body, as Django would, with `limits`."""
    if request.content_type == MULTIPART:
        # Read as a stream: files go to the upload handlers, and the body cannot be read
        # again afterwards (request.body raises), as after Django's own multipart parsing.
        request._post, request._files = multipart_form(request, limits)
        return
    if request.encoding and request.encoding.lower() != "utf-8":
        # As Django: RFC 1866 says a urlencoded form is always UTF-8.
        raise BadRequest("A urlencoded form must be UTF-8.")
    try:
        # One byte more than the limit tells a body over it, without reading all of it.
        raw = request.read() if limits.max_bytes is None else request.read(limits.max_bytes + 1)
    except OSError as error:
        raise UnreadablePostError(*error.args) from error
    if too_big(limits, len(raw)):
        raise RequestDataTooBig("The request body is over its limit.")
    # As request.body would leave them: the body stays readable.
    request._body = raw
    request._stream = BytesIO(raw)
    request._post, request._files = urlencoded_form(raw, limits), MultiValueDict()


def urlencoded_form(raw: bytes, limits: BodyLimits) -> QueryDict:
    """QueryDict(raw), with `limits.max_fields` instead of DATA_UPLOAD_MAX_NUMBER_FIELDS."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # As QueryDict: some user agents send Latin-1 anyway.
        text = raw.decode("iso-8859-1")
    try:
        pairs = parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", max_num_fields=limits.max_fields
        )
    except ValueError as error:
        # parse_qsl raises ValueError only for too many fields (strict_parsing is off).
        raise TooManyFieldsSent("The form has more fields than its limit.") from error
    form = QueryDict(mutable=True, encoding="utf-8")
    for name, value in pairs:
        form.appendlist(name, value)
    form._mutable = False
    return form


class CappedBody:
    """The request body read through a counter: past `limit` bytes, RequestDataTooBig.

    Content-Length was checked up front; this holds when the body is longer than announced
    (a chunked body has no length) and turns a broken connection into UnreadablePostError.
    """

    def __init__(self, request, limit: int | None):
        self.request = request
        self.limit = limit
        self.read_so_far = 0

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.request.read(size)
        except OSError as error:
            raise UnreadablePostError(*error.args) from error
        self.read_so_far += len(data)
        if self.limit is not None and self.read_so_far > self.limit:
            raise RequestDataTooBig("The request body is over its limit.")
        return data


def multipart_form(request, limits: BodyLimits) -> tuple[QueryDict, MultiValueDict]:
    """A multipart/form-data body as Django's MultiPartParser reads it, with `limits`.

    Django's parser reads its limits from settings only, so the body is read here, with
    Django's own stream pieces (LazyStream, Parser), part by part: fields are decoded into
    request.POST within the fields' limit, files go through the request's upload handlers
    (a temporary file on disk past FILE_UPLOAD_MAX_MEMORY_SIZE), so that nothing holds a large
    upload in memory.
    """
    content_type = request.META.get("CONTENT_TYPE", "")
    try:
        content_type.encode("ascii")
    except UnicodeEncodeError as error:
        raise MultiPartParserError("Non-ASCII Content-Type in a multipart form.") from error
    _, options = parse_header_parameters(content_type)
    boundary = options.get("boundary") or ""
    if not BOUNDARY.fullmatch(boundary):
        raise MultiPartParserError("Invalid boundary in a multipart form.")
    encoding = request.encoding or settings.DEFAULT_CHARSET
    handlers = request.upload_handlers
    length = announced_length(request)
    for handler in handlers:
        # Each handler decides here whether it takes the files (the memory one, by the length).
        handled = handler.handle_raw_input(
            request, request.META, length, boundary.encode("ascii"), encoding
        )
        if handled is not None:
            return handled[0], handled[1]
    body = CappedBody(request, limits.body_limit(MULTIPART))
    chunk_size = min(
        [2**31 - 4] + [handler.chunk_size for handler in handlers if handler.chunk_size]
    )
    stream = LazyStream(ChunkIter(body, chunk_size))
    form = QueryDict(mutable=True, encoding=encoding)
    files = MultiValueDict()
    counts = {"fields": 0, "files": 0, "field_bytes": 0}
    try:
        for item_type, headers, part in Parser(stream, boundary.encode("ascii")):
            _read_part(item_type, headers, part, form, files, counts, limits, encoding, handlers)
    except StopUpload as stop:
        _close_files(files)
        if not stop.connection_reset:
            exhaust(body)
    except BaseException:
        _close_files(files)
        for handler in handlers:
            if hasattr(handler, "file"):
                handler.file.close()
        raise
    exhaust(body)
    any(handler.upload_complete() for handler in handlers)
    form._mutable = False
    return form, files


def _read_part(item_type, headers, part, form, files, counts, limits, encoding, handlers) -> None:
    """One part of the body into `form` or `files`, counted against `limits`."""
    disposition = headers.get("content-disposition", ("", {}))[1]
    if item_type not in (FIELD, FILE) or "name" not in disposition:
        exhaust(part)
        return
    counts["fields"] += 1
    if limits.max_fields is not None and counts["fields"] > limits.max_fields:
        raise TooManyFieldsSent("The form has more fields than its limit.")
    name = disposition["name"].decode(encoding, errors="replace").strip()
    base64_encoded = headers.get("content-transfer-encoding", ("", {}))[0].strip().lower() == (
        "base64"
    )
    if item_type == FIELD:
        room = None if limits.max_bytes is None else limits.max_bytes - counts["field_bytes"] + 1
        content = part.read(room) if room is None or room > 0 else b""
        exhaust(part)
        # Counted as Django counts: the name and "&=" as in a urlencoded form.
        counts["field_bytes"] += len(content) + len(name) + 2
        if limits.max_bytes is not None and counts["field_bytes"] > limits.max_bytes:
            raise FieldsTooBig("The form's fields are over their limit.")
        if base64_encoded:
            # As Django: a field that is not base64 after all keeps what was sent.
            with contextlib.suppress(binascii.Error):
                content = base64.b64decode(content)
        form.appendlist(name, content.decode(encoding, errors="replace"))
        return
    counts["files"] += 1
    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    if max_files is not None and counts["files"] > max_files:
        raise TooManyFilesSent("The form has more files than its limit.")
    file_name = safe_file_name(disposition["filename"].decode(encoding, errors="replace"))
    if not file_name:
        exhaust(part)
        return
    upload = _receive_file(part, headers, name, file_name, base64_encoded, handlers)
    if upload is not None:
        files.appendlist(name, upload)


def _receive_file(part, headers, name, file_name, base64_encoded, handlers):
    """Feed a file part to the upload handlers chunk by chunk; the file one of them made."""
    file_type, file_type_options = headers.get("content-type", ("", {}))
    options = {key: value.decode("latin-1") for key, value in file_type_options.items()}
    try:
        content_length = int(headers.get("content-length", ("", {}))[0])
    except ValueError:
        content_length = None
    counters = [0] * len(handlers)
    try:
        for handler in handlers:
            try:
                handler.new_file(
                    name,
                    file_name,
                    file_type.strip(),
                    content_length,
                    options.get("charset"),
                    options,
                )
            except StopFutureHandlers:
                break
        remainder = b""
        for chunk in part:
            if base64_encoded:
                # Decoded in whole groups of four characters; the rest waits for the next chunk.
                stripped = remainder + b"".join(chunk.split())
                aligned = len(stripped) // 4 * 4
                remainder = stripped[aligned:]
                try:
                    chunk = base64.b64decode(stripped[:aligned])
                except binascii.Error as error:
                    raise MultiPartParserError("Could not decode base64 data.") from error
            for index, handler in enumerate(handlers):
                chunk_length = len(chunk)
                chunk = handler.receive_data_chunk(chunk, counters[index])
                counters[index] += chunk_length
                if chunk is None:
                    break
        if remainder:
            raise MultiPartParserError("Could not decode base64 data.")
    except SkipFile:
        exhaust(part)
        return None
    for index, handler in enumerate(handlers):
        upload = handler.file_complete(counters[index])
        if upload is not None:
            return upload
    return None


def _close_files(files: MultiValueDict) -> None:
    """Close (and so delete, for temporary files) what a refused body had uploaded."""
    for _, uploads in files.lists():
        for upload in uploads:
            upload.close()


def part_headers(head: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    """A part's headers by lower-case name, each as (value, parameters); bad lines are skipped."""
    headers = {}
    for line in head.split(b"\r\n"):
        try:
            name, colon, value = line.decode("utf-8").partition(":")
            if colon:
                headers[name.strip().lower()] = parse_header_parameters(value)
        except ValueError:  # Not UTF-8, or a parameter in an unknown charset.
            continue
    return headers


def safe_file_name(file_name: str) -> str | None:
    """As Django's MultiPartParser.sanitize_file_name: no directories, nothing unprintable."""
    file_name = html.unescape(file_name)
    file_name = file_name.rsplit("/")[-1]
    file_name = file_name.rsplit("\\")[-1]
    file_name = "".join(char for char in file_name if char.isprintable())
    return None if file_name in {"", ".", ".."} else file_name


def size_text(size: int | None) -> str:
    """2.5 MB, 16 MB, 512 kB: a limit as the pages give it."""
    if size is None:
        return "no limit"
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    if size >= 1024:
        return f"{round(size / 1024):g} kB"
    return f"{size:,} bytes"


def too_large_response(limits: BodyLimits, content_type: str = URLENCODED) -> HttpResponse:
    """413, saying what the limit is and what to do instead; rendered without the request."""
    context = {
        "limit": size_text(limits.body_limit(content_type)),
        "admin": limits.admin,
        "media_limit": size_text(settings.MEDIA_MAX_UPLOAD_BYTES),
        "transcript_limit": size_text(MAX_TRANSCRIPT_BYTES),
        "comment_limit": f"{COMMENT_TEXT_MAX:,}",
    }
    return HttpResponse(loader.get_template("413.html").render(context), status=413)


def bad_request(request, exception):
    """Django's handler400: 413 for a body over its limit, 400 otherwise, each saying why.

    Rendered without the request: the session and its cookies may be what could not be read.
    """
    limits = getattr(request, "body_limits", None) or public_limits()
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(limits, getattr(request, "content_type", "") or "")
    context = {
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "max_fields": f"{limits.max_fields:,}" if limits.max_fields is not None else "",
        "too_many_files": isinstance(exception, TooManyFilesSent),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    }
    body = loader.get_template("400.html").render(context)
    return HttpResponse(body, status=400)
