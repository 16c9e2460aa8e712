"""Per-client rate limits: so many actions in a window, then the seconds left to wait."""

import time

from django.test import RequestFactory

from config.ratelimit import RateLimit, client_key, rate_limit_hit

THREE_A_MINUTE = RateLimit(limit=3, seconds=60)


def test_a_rule_is_read_from_its_setting():
    assert RateLimit.from_text("5/600") == RateLimit(limit=5, seconds=600)


def test_a_rule_without_seconds_counts_per_minute():
    assert RateLimit.from_text("5") == RateLimit(limit=5, seconds=60)


def test_the_actions_up_to_the_limit_go_ahead_and_the_next_waits():
    hits = [rate_limit_hit(action="comment", client="a", rule=THREE_A_MINUTE) for _ in range(4)]

    assert hits[:3] == [0, 0, 0]
    assert 1 <= hits[3] <= 60


def test_clients_and_actions_count_apart():
    for _ in range(3):
        rate_limit_hit(action="comment", client="a", rule=THREE_A_MINUTE)

    assert rate_limit_hit(action="comment", client="b", rule=THREE_A_MINUTE) == 0
    assert rate_limit_hit(action="search", client="a", rule=THREE_A_MINUTE) == 0


def test_a_new_window_lets_the_client_go_ahead_again(monkeypatch):
    for _ in range(4):
        rate_limit_hit(action="comment", client="a", rule=THREE_A_MINUTE)
    later = time.time() + THREE_A_MINUTE.seconds + 1
    # The local-memory cache reads the same clock to expire the window's keys.
    monkeypatch.setattr(time, "time", lambda: later)

    assert rate_limit_hit(action="comment", client="a", rule=THREE_A_MINUTE) == 0


def test_the_client_key_names_the_client_without_its_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")

    key = client_key(request)

    assert key == client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.9"))
    assert key != client_key(RequestFactory().get("/", REMOTE_ADDR="198.51.100.7"))
    assert "203.0.113.9" not in key
