"""Who the client is, for the rate limits: its address, seen through the proxies we trust."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from config.client_address import client_address

PROXY = "10.0.0.2"


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_trusted_proxy_names_the_client(behind_proxy):
    assert client_address(request_from(PROXY, "203.0.113.9")) == "203.0.113.9"


def test_a_client_cannot_choose_its_address_through_the_proxy(behind_proxy):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert client_address(request_from(PROXY, "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_a_header_from_an_untrusted_address_is_ignored(behind_proxy):
    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.0.0.3"]
    assert client_address(request_from(PROXY, "203.0.113.9, 10.0.0.3")) == "203.0.113.9"


def test_a_trusted_proxy_without_the_header_is_the_client(behind_proxy):
    assert client_address(request_from(PROXY)) == PROXY


def test_login_throttling_sees_the_same_client(behind_proxy):
    assert get_client_ip_address(request_from(PROXY, "203.0.113.9")) == "203.0.113.9"
