"""Importing tests never reach the network: only loopback connections, and no DNS lookups.

The importer can fetch web pages, so a test that got an address wrong could reach a real server,
or the cloud metadata service, from the machine running the tests. Every test here runs behind
`network_guard`: a connection to anything but loopback, or a lookup of a name that is not an
address literal, fails the test. Tests stub DNS through the `resolve=` parameter of `fetch_page`.
"""

import ipaddress
import socket
from dataclasses import dataclass, field

import pytest


class BlockedNetworkAccess(AssertionError):
    """A test tried to leave the machine. An AssertionError, so no `except OSError` hides it."""


@dataclass
class NetworkGuard:
    connections: list = field(default_factory=list)  # every address a socket connected to
    lookups: list = field(default_factory=list)  # every host looked up through getaddrinfo
    blocked: list = field(default_factory=list)  # what was refused; the test fails if any


@pytest.fixture(autouse=True)
def network_guard(monkeypatch):
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo
    real_gethostbyname = socket.gethostbyname
    real_gethostbyname_ex = socket.gethostbyname_ex

    def allow_destination(sock, address):
        guard.connections.append(address)
        if not _is_loopback_destination(address):
            guard.blocked.append(address)
            sock.close()  # create_connection only closes it on OSError
            raise BlockedNetworkAccess(f"A test tried to connect to {address!r}; only loopback.")

    def allow_lookup(host):
        guard.lookups.append(host)
        if not _is_address_literal(host, real_getaddrinfo):
            guard.blocked.append(host)
            raise BlockedNetworkAccess(f"A test tried to look up {host!r}; stub the resolver.")

    def connect(sock, address):
        allow_destination(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        allow_destination(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        allow_lookup(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        allow_lookup(host)
        return real_gethostbyname(host)

    def gethostbyname_ex(host):
        allow_lookup(host)
        return real_gethostbyname_ex(host)

    # socket.socket.connect also serves socket.create_connection and ssl.SSLSocket.connect.
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "gethostbyname", gethostbyname)
    monkeypatch.setattr(socket, "gethostbyname_ex", gethostbyname_ex)
    yield guard
    assert not guard.blocked, f"network access outside loopback was attempted: {guard.blocked}"


def _is_loopback_destination(address) -> bool:
    if isinstance(address, str | bytes):
        return True  # a Unix socket path: on this machine by definition
    try:
        return ipaddress.ip_address(address[0].split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: connect() would look it up, so it is refused


def _is_address_literal(host, real_getaddrinfo) -> bool:
    """True when getaddrinfo can answer without asking DNS ("127.0.0.1", "0x7f.1", "::1")."""
    if host is None:
        return True
    try:
        real_getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (OSError, UnicodeError):
        return False
    return True
