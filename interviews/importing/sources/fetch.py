"""Fetch the web page an editor links to, without letting the link reach inside our network.

The server fetches whatever URL an editor types, so a careless or hostile link could make it read
the cloud metadata service, the database or an admin panel on the internal network (server-side
request forgery). Every hop, redirects included, is checked before anything is sent: http or https
only, no credentials in the URL, and every address the host resolves to must be globally routable,
unless the host is on the site's own allow-list. The connection then goes to the very address that
was checked, so a second DNS answer (DNS rebinding) cannot swap in an internal one.

Time and size are bounded too: a socket timeout for each connect and read, an overall deadline that
cuts a slow-drip server off, and at most `max_bytes` of body, compressed or not.

Pure Python standard library, no Django import, like the other sources.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Collection
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from interviews.importing.sources.document import UnreadableSource

MAX_URL_LENGTH = 2000
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
CHUNK_SIZE = 64 * 1024
# The overall deadline, as a multiple of the per-operation timeout: enough for a connect, a TLS
# handshake and a read that each take nearly the timeout, not enough for a drip to go on forever.
DEADLINE_FACTOR = 3
DEFAULT_PORTS = {"http": 80, "https": 443}
# NAT64 gateways forward 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d, internal ones included.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
HTML_STARTS = (b"<!doctype html", b"<html", b"<head")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL after redirects
    content_type: str  # "text/html", lower-case, no parameters
    charset: str  # from the Content-Type header, "" if none
    body: bytes


class FetchRefused(UnreadableSource):
    """The page was not fetched; the message says why, for the editor."""


@dataclass(frozen=True)
class _Target:
    """One hop's URL, checked: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) host, lower-case, without brackets
    port: int
    addresses: tuple[str, ...]  # every address the host resolved to, all checked
    request_path: str  # path and query, percent-encoded


def system_resolve(host, port, *, type):
    """`socket.getaddrinfo`, looked up when called, so that a test can stub it module-wide."""
    return socket.getaddrinfo(host, port, type=type)


def fetch_page(
    url: str,
    *,
    allowed_hosts: Collection[str] = (),
    timeout: float = 10.0,
    max_bytes: int = 5 * 1024 * 1024,
    max_redirects: int = 5,
    resolve: Callable = system_resolve,
    user_agent: str = "InterviewArchive-Importer/1.0",
) -> FetchedPage:
    """Fetch `url` and return the page, or raise `FetchRefused` with a sentence for the editor."""
    if isinstance(allowed_hosts, str):  # one host given bare would otherwise allow its letters
        allowed_hosts = [allowed_hosts]
    allowed = {_normal_allowed_host(host) for host in allowed_hosts}
    deadline = _Deadline(timeout * DEADLINE_FACTOR)
    current = url.strip()
    for _hop in range(max_redirects + 1):
        target = _checked_target(current, allowed=allowed, resolve=resolve)
        exchange = _Exchange(target, timeout=timeout, deadline=deadline, user_agent=user_agent)
        with exchange:
            response = exchange.response
            if response.status not in REDIRECT_STATUSES:
                return exchange.page(max_bytes=max_bytes)
            current = _redirect_location(target, response)
    times = "time" if max_redirects == 1 else "times"
    raise FetchRefused(
        f"{url} redirected more than {max_redirects} {times}; give the page's final address."
    )


# Checking a URL before anything is sent


def _checked_target(url: str, *, allowed: set[str], resolve: Callable) -> _Target:
    if len(url) > MAX_URL_LENGTH:
        raise FetchRefused(f"The address is longer than {MAX_URL_LENGTH:,} characters: {url[:80]}…")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"{url} is not a valid web address ({error}).") from error
    scheme = parts.scheme.lower()
    if not scheme:
        raise FetchRefused(f"{url} is not a full web address; give one that starts with https://.")
    if scheme not in DEFAULT_PORTS:
        raise FetchRefused(
            f"{url} is a {scheme}: address; only http and https pages can be fetched."
        )
    if parts.username is not None or parts.password is not None:
        # Not echoed: the message may be logged, and the password with it.
        raise FetchRefused(
            f"The address of {parts.hostname} contains a user name or password; "
            "give the address without them."
        )
    host = _ascii_host(parts.hostname or "", url)
    port = port or DEFAULT_PORTS[scheme]
    addresses = _resolved_addresses(host, port, resolve=resolve)
    if host not in allowed:
        _refuse_internal(host, addresses, url)
    return _Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port,
        addresses=tuple(str(address) for address in addresses),
        request_path=_request_path(parts.path, parts.query),
    )


def _ascii_host(host: str, url: str) -> str:
    """The host as the wire and the allow-list see it: lower-case ASCII, IDN names encoded."""
    if not host:
        raise FetchRefused(f"{url} has no host name.")
    invalid = FetchRefused(f"{url} has a host name that is not valid: {host!r}.")
    if ":" in host:  # an IPv6 literal: urlsplit already removed the brackets
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError as error:
            raise invalid from error
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise invalid from error
    # What names and IPv4 forms are made of; the IDNA codec lets spaces and controls through.
    if not re.fullmatch(r"[a-z0-9._-]+", ascii_host):
        raise invalid
    return ascii_host


def _normal_allowed_host(host: str) -> str:
    """An allow-list entry as `_ascii_host` writes hosts: "Bücher.example", "[::1]" match."""
    host = host.strip().removeprefix("[").removesuffix("]")
    try:
        return _ascii_host(host, url=host)
    except FetchRefused:
        return host  # an entry that is no valid host never matches a URL's host


def _resolved_addresses(host: str, port: int, *, resolve: Callable) -> list:
    literal = _literal_address(host)
    if literal is not None:
        return [literal]
    try:
        answers = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as error:
        raise _unresolved(host) from error
    addresses = [ipaddress.ip_address(answer[4][0]) for answer in answers]
    if not addresses:
        raise _unresolved(host)
    return addresses


def _unresolved(host: str) -> FetchRefused:
    return FetchRefused(f"Could not find the server {host}: the name does not resolve.")


def _literal_address(host: str):
    """The address a numeric host stands for, in any form the C library accepts.

    "2130706433", "0x7f.1" and "017700000001" all mean 127.0.0.1 to `inet_aton`, which
    getaddrinfo uses, so they are read the same way here rather than passed to a resolver.
    A trailing dot ("127.0.0.1.") is read as browsers read it, as the same address.
    """
    host = host.removesuffix(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not re.fullmatch(r"[0-9a-fx.]+", host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _refuse_internal(host: str, addresses: list, url: str) -> None:
    for address in addresses:
        if not _is_public(address):
            shown = host if _is_written_as(host, address) else f"{host} ({address})"
            raise FetchRefused(
                f"{url} points to an internal address, {shown}; "
                "only public web pages can be fetched."
            )


def _is_written_as(host: str, address) -> bool:
    try:
        return ipaddress.ip_address(host) == address
    except ValueError:
        return False


def _is_public(address) -> bool:
    embedded = _embedded_ipv4(address)
    if embedded is not None and not _is_public(embedded):
        return False
    # is_global alone lets multicast through (224.0.0.0/4 is not in the private registry).
    return address.is_global and not address.is_multicast


def _embedded_ipv4(address):
    """The IPv4 address an IPv6 one forwards to: mapped, 6to4, Teredo client, or NAT64."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _request_path(path: str, query: str) -> str:
    """Path and query, with what http.client refuses (spaces, non-ASCII) percent-encoded."""
    reserved = "/%:@!$&'()*+,;=-._~"
    request_path = quote(path or "/", safe=reserved)
    if query:
        request_path += "?" + quote(query, safe=reserved + "?")
    return request_path


def _redirect_location(target: _Target, response) -> str:
    location = response.getheader("Location")
    if not location:
        raise FetchRefused(
            f"The server answered {response.status} for {target.url} without saying where to go."
        )
    try:
        return urljoin(target.url, location.strip())
    except ValueError as error:
        raise FetchRefused(
            f"{target.url} redirected to an address that is not valid: {location}."
        ) from error


# One request and its answer


class _Deadline:
    """The whole fetch's time limit, enforced by shutting the socket down when it passes.

    A socket timeout only bounds each read; a server sending a byte a second never trips it.
    Shutting the connection down from a timer wakes any blocked read, in the headers, the TLS
    handshake or the body alike.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.passed = False
        self._timer: threading.Timer | None = None
        self._watched: socket.socket | None = None

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        # A duplicate of the descriptor: TLS wrapping detaches the original socket object, and
        # shutting down any descriptor of a connection shuts the connection down.
        self._watched = sock.dup()
        # The socket goes to the timer as an argument: stop() may clear `_watched` as it fires.
        self._timer = threading.Timer(self.remaining(), self._expire, args=(self._watched,))
        self._timer.daemon = True
        self._timer.start()

    def check(self) -> None:
        if self.passed or self.remaining() <= 0:
            self.passed = True
            raise TimeoutError("deadline passed")

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._watched is not None:
            self._watched.close()
        self._timer = self._watched = None

    def _expire(self, watched: socket.socket) -> None:
        self.passed = True
        # OSError: already closed, the fetch finished as the timer fired.
        with suppress(OSError):
            watched.shutdown(socket.SHUT_RDWR)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP/1.1 to the address that was checked, never to a second DNS answer for the host."""

    def __init__(self, target: _Target, *, timeout: float, deadline: _Deadline):
        super().__init__(target.host, target.port, timeout=timeout)
        self.target = target
        self.deadline = deadline

    def connect(self) -> None:
        sock = self._connect_to_checked_address()
        self.deadline.watch(sock)
        self.sock = self.secured(sock)

    def secured(self, sock: socket.socket) -> socket.socket:
        return sock

    def _connect_to_checked_address(self) -> socket.socket:
        last_error: OSError | None = None
        for address in self.target.addresses:
            timeout = min(self.timeout, max(self.deadline.remaining(), 0.001))
            try:
                return socket.create_connection((address, self.target.port), timeout=timeout)
            except OSError as error:
                last_error = error
        raise last_error


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443  # so that the Host header leaves out ":443"

    def secured(self, sock: socket.socket) -> socket.socket:
        # The certificate is checked against the host name from the URL, not the address.
        context = ssl.create_default_context()
        return context.wrap_socket(sock, server_hostname=self.target.host)


class _Exchange:
    """One GET on one checked target; every failure on the way becomes a `FetchRefused`."""

    def __init__(self, target: _Target, *, timeout: float, deadline: _Deadline, user_agent: str):
        self.target = target
        self.timeout = timeout
        self.deadline = deadline
        self.user_agent = user_agent
        self.connection: http.client.HTTPConnection | None = None
        self.response: http.client.HTTPResponse | None = None

    def __enter__(self) -> _Exchange:
        connection_class = (
            _PinnedHTTPSConnection if self.target.scheme == "https" else _PinnedHTTPConnection
        )
        try:
            with _failures_refused(self):
                # Inside: http.client refuses some hosts (a space in the name) as it is built.
                self.connection = connection_class(
                    self.target, timeout=self.timeout, deadline=self.deadline
                )
                self.deadline.check()
                self.connection.request("GET", self.target.request_path, headers=self._headers())
                self.response = self.connection.getresponse()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.deadline.stop()
        if self.connection is not None:
            self.connection.close()

    def page(self, *, max_bytes: int) -> FetchedPage:
        response = self.response
        url = self.target.url
        if not 200 <= response.status < 300:
            reason = f"{response.status} {response.reason}".strip()
            raise FetchRefused(f"The server answered {reason} for {url}.")
        declared_type = _declared_type(response)
        if declared_type and declared_type not in PAGE_TYPES:
            raise FetchRefused(
                f"The link gives {declared_type}, not a web page; "
                "download the file and upload it instead."
            )
        if response.length is not None and response.length > max_bytes:
            raise _too_large(url, max_bytes)
        with _failures_refused(self):
            body = _decoded(self._body(max_bytes), response, url=url, max_bytes=max_bytes)
        content_type = declared_type or _sniffed_type(body, url)
        return FetchedPage(
            url=url,
            content_type=content_type,
            charset=response.msg.get_content_charset() or "",
            body=body,
        )

    def _headers(self) -> dict[str, str]:
        return {
            "User-Agent": self.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": "identity",
            "Connection": "close",
        }

    def _body(self, max_bytes: int) -> bytes:
        chunks: list[bytes] = []
        received = 0
        while True:
            # read1 returns after one read from the socket, so the deadline is checked between
            # reads however slowly the bytes come; read(n) would wait for all n of them.
            chunk = self.response.read1(CHUNK_SIZE)
            self.deadline.check()
            if not chunk:
                # read1 treats a connection closed before Content-Length as the end.
                if self.response.length:
                    raise http.client.IncompleteRead(b"".join(chunks), self.response.length)
                return b"".join(chunks)
            received += len(chunk)
            if received > max_bytes:
                raise _too_large(self.target.url, max_bytes)
            chunks.append(chunk)


@contextmanager
def _failures_refused(exchange: _Exchange):
    """Turns whatever the network, TLS or HTTP layers raise into a sentence for the editor.

    UnicodeError is a ValueError; anything else escaping is a bug here, not a fault of the page.
    """
    try:
        yield
    except FetchRefused:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchRefused(_failure_sentence(error, exchange)) from error


def _failure_sentence(error: Exception, exchange: _Exchange) -> str:
    host = exchange.target.host
    if exchange.deadline.passed:
        return (
            f"The server at {host} took longer than {exchange.deadline.seconds:g} seconds "
            f"to send {exchange.target.url}."
        )
    if isinstance(error, TimeoutError):
        return f"The server at {host} took longer than {exchange.timeout:g} seconds to answer."
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = (error.verify_message or error.reason or "").rstrip(".")
        return f"The certificate of {host} could not be verified: {reason}."
    if isinstance(error, ssl.SSLError):
        return f"Could not make a secure (https) connection to {host}: {_ssl_reason(error)}."
    if isinstance(error, ConnectionRefusedError):
        return f"Could not connect to {host}: connection refused."
    if isinstance(error, http.client.RemoteDisconnected):
        return f"The server at {host} closed the connection without answering."
    if isinstance(error, http.client.IncompleteRead):
        return f"The server at {host} stopped sending {exchange.target.url} before its end."
    if isinstance(error, http.client.HTTPException):
        return f"The server at {host} did not answer like a web server."
    if isinstance(error, OSError):
        return f"Could not connect to {host}: {error.strerror or error}."
    return f"Could not fetch {exchange.target.url}: {error}."


def _ssl_reason(error: ssl.SSLError) -> str:
    return (error.reason or str(error)).replace("_", " ").lower()


# What the answer is


def _declared_type(response) -> str:
    """The Content-Type's media type, lower-case without parameters; "" when there is none."""
    value = response.msg.get("Content-Type") or ""  # the first, as get_content_charset reads
    return value.split(";", 1)[0].strip().lower()


def _sniffed_type(body: bytes, url: str) -> str:
    start = body.removeprefix(UTF8_BOM).lstrip()[:16].lower()
    if start.startswith(HTML_STARTS):
        return "text/html"
    raise FetchRefused(
        f"{url} does not say what it is and does not look like a web page; "
        "download the file and upload it instead."
    )


def _decoded(body: bytes, response, *, url: str, max_bytes: int) -> bytes:
    """The body with a gzip or deflate Content-Encoding undone, never past `max_bytes`.

    We ask for identity, but some servers compress anyway. The output is bounded as it is
    produced (`max_length`), so a small compression bomb cannot fill the memory.
    """
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding == "identity":
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchRefused(f"The server sent {url} compressed as {encoding}, which cannot be read.")
    try:
        return _bounded_decompress(body, encoding, url=url, max_bytes=max_bytes)
    except zlib.error as error:
        raise FetchRefused(
            f"The server sent {url} compressed, and it could not be unpacked."
        ) from error


def _bounded_decompress(body: bytes, encoding: str, *, url: str, max_bytes: int) -> bytes:
    # +32: gzip or zlib header, whichever is there; "deflate" servers sometimes send raw deflate.
    wbits = zlib.MAX_WBITS | 32
    if encoding == "deflate" and not _has_zlib_header(body):
        wbits = -zlib.MAX_WBITS
    decompressor = zlib.decompressobj(wbits)
    output = decompressor.decompress(body, max_bytes + 1)
    if len(output) > max_bytes:
        raise _too_large(url, max_bytes)
    if not decompressor.eof:  # cut short: the page would be silently incomplete
        raise zlib.error("truncated stream")
    return output


def _has_zlib_header(body: bytes) -> bool:
    return len(body) >= 2 and body[0] & 0x0F == 8 and int.from_bytes(body[:2], "big") % 31 == 0


def _too_large(url: str, max_bytes: int) -> FetchRefused:
    return FetchRefused(
        f"The page is larger than {_size(max_bytes)}, the most the importer reads: {url}."
    )


def _size(count: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count:,} bytes"
