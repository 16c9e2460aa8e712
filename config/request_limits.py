"""How large a request body may be: Django's defaults for everyone, more for staff in the admin.

Django reads one DATA_UPLOAD_MAX_MEMORY_SIZE and one DATA_UPLOAD_MAX_NUMBER_FIELDS for every
request, and both the public forms (a comment, the admin login) and anonymous visitors should
get its defaults, 2.5 MB and 1,000 fields. The admin's transcript import (a 2 MB paste and its
preview) and an interview's change form (fields for every turn) need more. Settings are shared
by every thread of a worker, so they are never changed per request: instead, for a form posted
to the admin by a signed-in, active staff member, RequestLimitsMiddleware reads the body itself,
up to ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE, and fills request.POST and request.FILES before anything
reads them. Django's parser, and with it its limits, never runs for such a request.

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
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.http import HttpResponse, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
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


def public_limits() -> BodyLimits:
    return BodyLimits(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)


def admin_limits() -> BodyLimits:
    return BodyLimits(
        settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE,
        settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS,
        admin=True,
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


def too_big(limits: BodyLimits, length: int) -> bool:
    return limits.max_bytes is not None and length > limits.max_bytes


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
            if too_big(limits, length):
                raise RequestDataTooBig("Content-Length is over the request body limit.")
            if limits.admin:
                read_form(request, limits)
        except RequestDataTooBig as error:
            # Answered here rather than by handler400, which DEBUG replaces by a 400 debug page.
            logger.warning("%s (%s bytes announced): %s", error, length, request.path)
            request._mark_post_parse_error()
            return too_large_response(limits)
        return self.get_response(request)


def read_form(request, limits: BodyLimits) -> None:
    """Fill request.POST and request.FILES from the body, as Django would, with `limits`."""
    if request.content_type == URLENCODED and (request.encoding or "utf-8").lower() != "utf-8":
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
    encoding = request.encoding or settings.DEFAULT_CHARSET
    if request.content_type == URLENCODED:
        post, files = urlencoded_form(raw, limits), MultiValueDict()
    else:
        post, files = multipart_form(raw, request.META.get("CONTENT_TYPE", ""), encoding, limits)
    request._post, request._files = post, files


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


def multipart_form(
    raw: bytes, content_type: str, encoding: str, limits: BodyLimits
) -> tuple[QueryDict, MultiValueDict]:
    """A multipart/form-data body as Django's MultiPartParser reads it, with `limits`.

    Django's parser reads its limits from settings only. The body is already in memory (at
    most the admin's limit), so it is split on its boundary here and files arrive in
    request.FILES as InMemoryUploadedFile, the upload object Django makes for small files.
    """
    try:
        content_type.encode("ascii")
    except UnicodeEncodeError as error:
        raise MultiPartParserError("Non-ASCII Content-Type in a multipart form.") from error
    _, options = parse_header_parameters(content_type)
    boundary = options.get("boundary") or ""
    if not BOUNDARY.fullmatch(boundary):
        raise MultiPartParserError("Invalid boundary in a multipart form.")
    form = QueryDict(mutable=True, encoding=encoding)
    files = MultiValueDict()
    fields = file_count = 0
    # Each part follows CRLF, "--", the boundary; the first one may open the body.
    sections = (b"\r\n" + raw).split(b"\r\n--" + boundary.encode("ascii"))
    for section in sections[1:]:
        if section.startswith(b"--"):
            break  # The closing delimiter: what follows is the epilogue.
        # The rest of the delimiter's line (spaces at most), then headers, a blank line, content.
        _, _, part = section.partition(b"\r\n")
        head, blank_line, content = part.partition(b"\r\n\r\n")
        if not blank_line:
            continue
        headers = part_headers(head)
        disposition = headers.get("content-disposition", ("", {}))[1]
        if "name" not in disposition:
            continue
        fields += 1
        if limits.max_fields is not None and fields > limits.max_fields:
            raise TooManyFieldsSent("The form has more fields than its limit.")
        name = disposition["name"].strip()
        base64_encoded = (
            headers.get("content-transfer-encoding", ("", {}))[0].strip().lower() == "base64"
        )
        if not disposition.get("filename"):
            if base64_encoded:
                # As Django: a field that is not base64 after all keeps what was sent.
                with contextlib.suppress(binascii.Error):
                    content = base64.b64decode(content)
            form.appendlist(name, content.decode(encoding, errors="replace"))
            continue
        file_count += 1
        max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        if max_files is not None and file_count > max_files:
            raise TooManyFilesSent("The form has more files than its limit.")
        file_name = safe_file_name(disposition["filename"])
        if not file_name:
            continue
        if base64_encoded:
            try:
                content = base64.b64decode(content, validate=False)
            except binascii.Error as error:
                raise MultiPartParserError("Could not decode base64 data.") from error
        file_type, file_type_options = headers.get("content-type", ("", {}))
        files.appendlist(
            name,
            InMemoryUploadedFile(
                file=BytesIO(content),
                field_name=name,
                name=file_name,
                content_type=file_type,
                size=len(content),
                charset=file_type_options.get("charset"),
                content_type_extra=file_type_options,
            ),
        )
    form._mutable = False
    return form, files


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


def too_large_response(limits: BodyLimits) -> HttpResponse:
    """413, saying what the limit is and what to do instead; rendered without the request."""
    context = {
        "limit": size_text(limits.max_bytes),
        "admin": limits.admin,
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
        return too_large_response(limits)
    context = {
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "max_fields": f"{limits.max_fields:,}" if limits.max_fields is not None else "",
        "too_many_files": isinstance(exception, TooManyFilesSent),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    }
    body = loader.get_template("400.html").render(context)
    return HttpResponse(body, status=400)
