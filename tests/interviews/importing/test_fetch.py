"""`fetch_page`: fetching an editor's link without letting it reach inside the network.

Pages come from a local server on 127.0.0.1, reached only through `allowed_hosts`; every other
address is stubbed through `resolve=` and refused before any connection, which `network_guard`
(conftest.py) checks: a connection outside loopback fails the test.
"""

import datetime
import gzip
import http.server
import ipaddress
import socket
import ssl
import threading
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.importing.sources.document import UnreadableSource
from interviews.importing.sources.fetch import FetchedPage, FetchRefused, fetch_page

from .conftest import BlockedNetworkAccess

PAGE = b"<!DOCTYPE html><html><head><title>An interview</title></head><body>Hello</body></html>"
LOOPBACK = frozenset({"127.0.0.1"})
PUBLIC_ADDRESS = "93.184.216.34"  # example.org's; never connected to (the guard would fail)


# A local server with one handler per kind of answer


def _send(handler, status, body=b"", headers=()):
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    if not any(name.lower() == "content-length" for name, _ in headers):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _stream_until_stopped(handler, chunk, *, pause=0.0, limit_seconds=20):
    """Writes `chunk` until the client hangs up (or, as a safety net, for `limit_seconds`)."""
    ends = time.monotonic() + limit_seconds
    try:
        while time.monotonic() < ends:
            handler.wfile.write(chunk)
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass  # the client stopped reading: what the test wanted


def _page(handler):
    _send(handler, 200, PAGE, [("Content-Type", "text/html; charset=utf-8")])


def _redirect_chain(handler):
    hops = int(handler.path.rsplit("/", 1)[1])
    location = "/page" if hops == 0 else f"/redirect/{hops - 1}"
    _send(handler, 302, headers=[("Location", location)])


def _redirect_with_status(handler):
    status = int(handler.path.rsplit("/", 1)[1])
    _send(handler, status, headers=[("Location", "/page")])


def _loop(handler):
    _send(handler, 302, headers=[("Location", "/loop")])


def _to_private(handler):
    _send(handler, 302, headers=[("Location", "http://internal.example/admin")])


def _to_file(handler):
    _send(handler, 301, headers=[("Location", "file:///etc/passwd")])


def _redirect_without_location(handler):
    _send(handler, 302)


def _typed(content_type, body=PAGE):
    def handle(handler):
        _send(handler, 200, body, [("Content-Type", content_type)])

    return handle


def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    _stream_until_stopped(handler, b"<p>" + b"x" * 65_536 + b"</p>")


def _huge_length(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(10**9))
    handler.end_headers()
    _stream_until_stopped(handler, b"x" * 65_536)


def _drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    _stream_until_stopped(handler, b"x", pause=0.05)


def _drip_headers(handler):
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    _stream_until_stopped(handler, b"x", pause=0.05)


def _short(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(PAGE[:10])


def _silent(handler):
    time.sleep(3)


def _missing(handler):
    _send(handler, 404, b"<html>Not here</html>", [("Content-Type", "text/html")])


def _untyped_html(handler):
    _send(handler, 200, b"\xef\xbb\xbf\n  <!doctype HTML>\n<html><body>Hi</body></html>")


def _untyped_binary(handler):
    _send(handler, 200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def _encoded(encoding, body):
    def handle(handler):
        headers = [("Content-Type", "text/html"), ("Content-Encoding", encoding)]
        _send(handler, 200, body, headers)

    return handle


def _chunked(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for part in (PAGE[:20], PAGE[20:]):
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
    handler.wfile.write(b"0\r\n\r\n")


ROUTES = {
    "/page": _page,
    "/redirect/": _redirect_chain,
    "/status/": _redirect_with_status,
    "/loop": _loop,
    "/to-private": _to_private,
    "/to-file": _to_file,
    "/no-location": _redirect_without_location,
    "/pdf": _typed("application/pdf", b"%PDF-1.7\n"),
    "/json": _typed("application/json", b"{}"),
    "/text": _typed("text/plain", b"Q: Hello?\nA: Hi."),
    "/xhtml": _typed("application/xhtml+xml", PAGE),
    "/latin": _typed("Text/HTML; Charset=ISO-8859-1", "<html>é</html>".encode("latin-1")),
    "/endless": _endless,
    "/huge-length": _huge_length,
    "/drip": _drip,
    "/drip-headers": _drip_headers,
    "/silent": _silent,
    "/short": _short,
    "/missing": _missing,
    "/untyped-html": _untyped_html,
    "/untyped-binary": _untyped_binary,
    "/gzip": _encoded("gzip", gzip.compress(PAGE)),
    "/deflate": _encoded("deflate", zlib.compress(PAGE)),
    "/raw-deflate": _encoded("deflate", zlib.compress(PAGE, wbits=-zlib.MAX_WBITS)),
    "/gzip-bomb": _encoded("gzip", gzip.compress(b"\0" * 2_000_000)),
    "/corrupt-gzip": _encoded("gzip", b"\x1f\x8b\x08\x00garbage"),
    "/brotli": _encoded("br", b"\x0b\x02\x80"),
    "/chunked": _chunked,
}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        self.close_connection = True
        path = self.path.split("?", 1)[0]
        for prefix, handle in ROUTES.items():
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                return handle(self)
        return _send(self, 404)

    def log_message(self, *args):
        pass


class _LocalServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests = []

    def server_bind(self):
        # HTTPServer.server_bind asks for the fully qualified name: a reverse DNS lookup.
        http.server.socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def url(self, path, scheme="http"):
        return f"{scheme}://127.0.0.1:{self.server_port}{path}"


def _serving(server):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    return thread


@pytest.fixture
def server():
    local = _LocalServer()
    thread = _serving(local)
    yield local
    local.shutdown()
    local.server_close()
    thread.join(5)


class StubResolver:
    """getaddrinfo's shape for a fixed table of names; each answer can be a list of answers."""

    def __init__(self, table):
        self.table = table
        self.calls = []

    def __call__(self, host, port, *, type):
        self.calls.append(host)
        answers = self.table[host]
        if callable(answers):
            answers = answers()
        if answers is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [_answer(address, port, type) for address in answers]


def _answer(address, port, type):
    if ":" in address:
        return (socket.AF_INET6, type, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, type, 6, "", (address, port))


def _no_lookup(host, port, *, type):
    raise AssertionError(f"{host} should not have been looked up")


# Pages that are fetched


def test_fetches_an_html_page_from_an_allowed_host(server, network_guard):
    page = fetch_page(server.url("/page"), allowed_hosts=LOOPBACK)
    assert page == FetchedPage(
        url=server.url("/page"), content_type="text/html", charset="utf-8", body=PAGE
    )
    assert network_guard.connections == [("127.0.0.1", server.server_port)]


def test_sends_a_plain_get_with_the_expected_headers(server):
    fetch_page(server.url("/page?q=a b&é=1"), allowed_hosts=LOOPBACK, user_agent="Tester/2")
    path, headers = server.requests[0]
    assert path == "/page?q=a%20b&%C3%A9=1"
    assert headers["Host"] == f"127.0.0.1:{server.server_port}"
    assert headers["User-Agent"] == "Tester/2"
    assert headers["Accept"] == "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    assert headers["Accept-Encoding"] == "identity"
    assert headers["Connection"] == "close"


def test_an_allowed_name_is_resolved_and_sent_as_the_host(server):
    resolver = StubResolver({"intranet.example.org": ["127.0.0.1"]})
    url = f"http://Intranet.Example.org:{server.server_port}/page"
    page = fetch_page(url, allowed_hosts={"INTRANET.example.org"}, resolve=resolver)
    assert page.body == PAGE
    assert server.requests[0][1]["Host"] == f"intranet.example.org:{server.server_port}"


def test_allowed_ipv6_hosts_match_however_written():
    with pytest.raises(FetchRefused, match="Could not connect to ::1"):
        fetch_page("http://[0:0::1]:9/", allowed_hosts={"[::0001]"}, timeout=0.5)


def test_an_international_host_is_sent_encoded(server):
    resolver = StubResolver({"xn--bcher-kva.example": ["127.0.0.1"]})
    url = f"http://bücher.example:{server.server_port}/page"
    fetch_page(url, allowed_hosts={"Bücher.example"}, resolve=resolver)
    assert resolver.calls == ["xn--bcher-kva.example"]
    assert server.requests[0][1]["Host"] == f"xn--bcher-kva.example:{server.server_port}"


@pytest.mark.parametrize(
    ("path", "content_type", "charset"),
    [
        ("/text", "text/plain", ""),
        ("/xhtml", "application/xhtml+xml", ""),
        ("/latin", "text/html", "iso-8859-1"),
        ("/untyped-html", "text/html", ""),
    ],
)
def test_accepts_web_pages_and_plain_text(server, path, content_type, charset):
    page = fetch_page(server.url(path), allowed_hosts=LOOPBACK)
    assert (page.content_type, page.charset) == (content_type, charset)


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate", "/chunked"])
def test_undoes_compression_and_chunking(server, path):
    assert fetch_page(server.url(path), allowed_hosts=LOOPBACK).body == PAGE


def test_follows_five_redirects_to_the_final_address(server):
    page = fetch_page(server.url("/redirect/4"), allowed_hosts=LOOPBACK)
    assert page.url == server.url("/page")
    assert [path for path, _ in server.requests] == [
        "/redirect/4",
        "/redirect/3",
        "/redirect/2",
        "/redirect/1",
        "/redirect/0",
        "/page",
    ]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_follows_each_kind_of_redirect(server, status):
    page = fetch_page(server.url(f"/status/{status}"), allowed_hosts=LOOPBACK)
    assert page.url == server.url("/page")


# Addresses refused before any connection


def test_the_local_server_is_refused_without_the_allow_list(server, network_guard):
    with pytest.raises(FetchRefused, match="internal address"):
        fetch_page(server.url("/page"))
    assert network_guard.connections == []
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[fe80::1]/",
        "http://[fd12:3456::1]/",
        "http://[64:ff9b::a00:1]/",  # NAT64 to 10.0.0.1
        "http://[2002:c0a8:0101::1]/",  # 6to4 from 192.168.1.1
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://255.255.255.255/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0x7f.1/",
        "http://017700000001/",
        "http://127.1/",
        "https://127.0.0.1:8443/",
        "HTTP://127.0.0.1/",
        "http://127.0.0.1./",
        "http://0x7f.1./",
        "http://１２７.０.０.１/",  # full-width digits: IDNA folds them to ASCII
    ],
)
def test_internal_address_literals_are_refused(network_guard, url):
    with pytest.raises(FetchRefused, match=r"points to an internal address") as refused:
        fetch_page(url, resolve=_no_lookup)
    assert url in str(refused.value)
    assert network_guard.connections == []


@pytest.mark.parametrize(
    ("answers", "named"),
    [
        (["192.168.1.5"], "192.168.1.5"),
        ([PUBLIC_ADDRESS, "10.1.2.3"], "10.1.2.3"),
        (["2606:2800:220:1::1", "::1"], "::1"),
        (["169.254.169.254"], "169.254.169.254"),
    ],
)
def test_a_name_resolving_to_any_internal_address_is_refused(network_guard, answers, named):
    resolver = StubResolver({"news.example.com": answers})
    with pytest.raises(FetchRefused) as refused:
        fetch_page("https://news.example.com/interview", resolve=resolver)
    assert str(refused.value) == (
        f"https://news.example.com/interview points to an internal address, "
        f"news.example.com ({named}); only public web pages can be fetched."
    )
    assert network_guard.connections == []


def test_a_password_in_the_address_is_not_repeated_in_the_refusal():
    with pytest.raises(FetchRefused) as refused:
        fetch_page("https://editor:s3cret@example.org/", resolve=_no_lookup)
    assert str(refused.value) == (
        "The address of example.org contains a user name or password; "
        "give the address without them."
    )


def test_the_allow_list_matches_the_host_exactly(network_guard):
    resolver = StubResolver({"intranet.example.org.evil.com": ["10.0.0.2"]})
    with pytest.raises(FetchRefused, match="internal address"):
        fetch_page(
            "http://intranet.example.org.evil.com/",
            allowed_hosts={"intranet.example.org"},
            resolve=resolver,
        )
    assert network_guard.connections == []


def test_a_name_that_does_not_resolve_is_refused():
    resolver = StubResolver({"gone.example": None})
    with pytest.raises(FetchRefused, match=r"Could not find the server gone\.example"):
        fetch_page("http://gone.example/", resolve=resolver)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "is a file: address; only http and https"),
        ("gopher://x/", "is a gopher: address"),
        ("ftp://x/", "is a ftp: address"),
        ("data:text/html,<p>hi</p>", "is a data: address"),
        ("javascript:alert(1)", "is a javascript: address"),
        ("example.org/interview", "is not a full web address"),
        ("//example.org/interview", "is not a full web address"),
        ("http:///interview", "has no host name"),
        ("http://user:pw@example.org/", "contains a user name or password"),
        ("http://user@example.org/", "contains a user name or password"),
        ("http://example.org:99999/", "is not a valid web address"),
        ("http://[::1/", "is not a valid web address"),
        ("http://" + "a" * 64 + ".example/", "has a host name that is not valid"),
        ("http://exa mple.org/", "has a host name that is not valid: 'exa mple.org'"),
        ("http://exa\x01mple.org/", r"has a host name that is not valid: 'exa\\x01mple.org'"),
        ("http://example.org/" + "a" * 2000, "longer than 2,000 characters"),
    ],
)
def test_urls_that_are_not_plain_web_addresses_are_refused(network_guard, url, message):
    with pytest.raises(FetchRefused, match=message):
        fetch_page(url, resolve=_no_lookup)
    assert network_guard.connections == []


def test_the_connection_goes_to_the_address_that_was_checked(network_guard):
    """DNS rebinding: a second lookup answering 127.0.0.1 must not be what is connected to."""
    answers = iter([[PUBLIC_ADDRESS], ["127.0.0.1"]])
    resolver = StubResolver({"rebind.example": lambda: next(answers)})
    # The guard stops the connection to the public address: proof that it was the one tried.
    with pytest.raises(BlockedNetworkAccess):
        fetch_page("http://rebind.example/", resolve=resolver)
    assert resolver.calls == ["rebind.example"]
    assert network_guard.connections == [(PUBLIC_ADDRESS, 80)]
    network_guard.blocked.clear()


# Redirects, checked again at each hop


def test_a_redirect_to_an_internal_name_is_refused_before_connecting(server, network_guard):
    resolver = StubResolver({"internal.example": ["10.0.0.7"]})
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/to-private"), allowed_hosts=LOOPBACK, resolve=resolver)
    assert "http://internal.example/admin points to an internal address" in str(refused.value)
    assert "10.0.0.7" in str(refused.value)
    assert network_guard.connections == [("127.0.0.1", server.server_port)]


def test_a_redirect_to_a_file_is_refused(server):
    with pytest.raises(FetchRefused, match="file:///etc/passwd is a file: address"):
        fetch_page(server.url("/to-file"), allowed_hosts=LOOPBACK)


def test_more_than_five_redirects_are_refused(server):
    with pytest.raises(FetchRefused, match="redirected more than 5 times"):
        fetch_page(server.url("/redirect/5"), allowed_hosts=LOOPBACK)
    assert len(server.requests) == 6


def test_a_redirect_loop_is_refused(server):
    with pytest.raises(FetchRefused, match=r"/loop redirected more than 5 times"):
        fetch_page(server.url("/loop"), allowed_hosts=LOOPBACK)
    assert len(server.requests) == 6


def test_the_redirect_limit_can_be_lowered(server):
    with pytest.raises(FetchRefused, match=r"/redirect/2 redirected more than 1 time;"):
        fetch_page(server.url("/redirect/2"), allowed_hosts=LOOPBACK, max_redirects=1)


def test_a_redirect_without_a_location_is_refused(server):
    with pytest.raises(FetchRefused, match=r"answered 302 .* without saying where to go"):
        fetch_page(server.url("/no-location"), allowed_hosts=LOOPBACK)


# Answers that are not a page to import


def test_an_error_status_is_refused_with_the_status(server):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/missing"), allowed_hosts=LOOPBACK)
    assert str(refused.value) == f"The server answered 404 Not Found for {server.url('/missing')}."


@pytest.mark.parametrize(
    ("path", "kind"), [("/pdf", "application/pdf"), ("/json", "application/json")]
)
def test_other_content_types_are_refused(server, path, kind):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url(path), allowed_hosts=LOOPBACK)
    assert str(refused.value) == (
        f"The link gives {kind}, not a web page; download the file and upload it instead."
    )


def test_an_untyped_binary_body_is_refused(server):
    with pytest.raises(FetchRefused, match="does not look like a web page"):
        fetch_page(server.url("/untyped-binary"), allowed_hosts=LOOPBACK)


def test_a_body_without_length_is_cut_off_past_the_limit(server):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match=r"The page is larger than 195\.312 KB"):
        fetch_page(server.url("/endless"), allowed_hosts=LOOPBACK, max_bytes=200_000)
    assert time.monotonic() - started < 5


def test_a_declared_length_over_the_limit_is_refused_before_reading(server):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/huge-length"), allowed_hosts=LOOPBACK)
    assert str(refused.value) == (
        f"The page is larger than 5 MB, the most the importer reads: {server.url('/huge-length')}."
    )


def test_a_compression_bomb_is_cut_off_at_the_limit(server):
    with pytest.raises(FetchRefused, match=r"The page is larger than 976\.562 KB"):
        fetch_page(server.url("/gzip-bomb"), allowed_hosts=LOOPBACK, max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("path", "message"),
    [("/corrupt-gzip", "could not be unpacked"), ("/brotli", "compressed as br")],
)
def test_compression_that_cannot_be_undone_is_refused(server, path, message):
    with pytest.raises(FetchRefused, match=message):
        fetch_page(server.url(path), allowed_hosts=LOOPBACK)


# Slow, absent and broken servers


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_slow_drip_is_cut_off_at_the_overall_deadline(server, path):
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url(path), allowed_hosts=LOOPBACK, timeout=0.6)
    # A byte every 0.05 s never trips the 0.6 s read timeout: only the overall deadline stops it.
    assert str(refused.value) == (
        f"The server at 127.0.0.1 took longer than 1.8 seconds to send {server.url(path)}."
    )
    assert time.monotonic() - started < 3


def test_a_server_that_does_not_answer_times_out(server):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/silent"), allowed_hosts=LOOPBACK, timeout=0.3)
    assert str(refused.value) == "The server at 127.0.0.1 took longer than 0.3 seconds to answer."


def test_a_closed_port_is_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"http://127.0.0.1:{port}/", allowed_hosts=LOOPBACK)
    assert str(refused.value) == "Could not connect to 127.0.0.1: connection refused."


def test_a_page_cut_short_is_refused(server):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/short"), allowed_hosts=LOOPBACK)
    assert str(refused.value) == (
        f"The server at 127.0.0.1 stopped sending {server.url('/short')} before its end."
    )


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"SSH-2.0-OpenSSH_9.6\r\n", "did not answer like a web server."),
        (b"", "closed the connection without answering."),
    ],
)
def test_a_server_that_does_not_speak_http_is_refused(reply, message):
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        thread = threading.Thread(target=_answer_once, args=(listener, reply), daemon=True)
        thread.start()
        with pytest.raises(FetchRefused) as refused:
            fetch_page(f"http://127.0.0.1:{port}/", allowed_hosts=LOOPBACK)
        thread.join(5)
    assert str(refused.value) == f"The server at 127.0.0.1 {message}"


def _answer_once(listener, reply):
    connection, _ = listener.accept()
    with connection:
        connection.recv(4096)
        connection.sendall(reply)


# https


def test_https_to_a_plain_http_server_is_a_clear_tls_refusal(server):
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server.url("/page", scheme="https"), allowed_hosts=LOOPBACK)
    assert str(refused.value).startswith(
        "Could not make a secure (https) connection to 127.0.0.1: "
    )


def test_https_with_a_self_signed_certificate_is_refused(tmp_path):
    local = _LocalServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed_certificate(tmp_path))
    local.socket = context.wrap_socket(local.socket, server_side=True)
    thread = _serving(local)
    try:
        with pytest.raises(FetchRefused) as refused:
            fetch_page(local.url("/page", scheme="https"), allowed_hosts=LOOPBACK)
    finally:
        local.shutdown()
        local.server_close()
        thread.join(5)
    assert str(refused.value).startswith("The certificate of 127.0.0.1 could not be verified: ")
    assert "self-signed" in str(refused.value)


def _self_signed_certificate(directory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = directory / "cert.pem", directory / "key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


# Whatever the URL, only FetchRefused comes out


def test_refusals_are_unreadable_sources():
    assert issubclass(FetchRefused, UnreadableSource)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(lambda rest: "http://" + rest, st.text(max_size=60)),
        st.builds(lambda rest: "https://[" + rest, st.text(max_size=30)),
    )
)
def test_any_text_is_refused_never_raised(monkeypatch_connections, url):
    for address in ("10.9.9.9", PUBLIC_ADDRESS):  # refused before connecting, then at connecting
        with pytest.raises(FetchRefused):
            fetch_page(url, resolve=StubResolver(_EveryName(address)))


class _EveryName(dict):
    def __init__(self, address):
        super().__init__()
        self.address = address

    def __missing__(self, host):
        return [self.address]


@pytest.fixture
def monkeypatch_connections(monkeypatch):
    """A public literal in a random URL is connected to: refuse it as a closed port would."""

    def refused(address, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "create_connection", refused)


# The guard itself: without it, a wrong address in a test would reach the network


def test_the_guard_blocks_connections_outside_loopback(network_guard):
    with pytest.raises(BlockedNetworkAccess):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    assert network_guard.blocked == [("192.0.2.1", 80)]
    network_guard.blocked.clear()


def test_the_guard_blocks_real_dns_lookups_through_the_default_resolver(network_guard):
    with pytest.raises(BlockedNetworkAccess):
        fetch_page("http://example.org/")
    assert network_guard.blocked == ["example.org"]
    network_guard.blocked.clear()
