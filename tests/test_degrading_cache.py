"""While Redis does not answer, the site runs uncached (config/degrading_cache.py).

The caches point at a port nothing listens on, so every connection to "Redis" is refused at once:
what the site meets while Redis is stopped or restarting.
"""

import logging

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from config import degrading_cache, ratelimit
from config.degrading_cache import CacheUnavailable


@pytest.fixture
def redis_down(settings, closed_port):
    """Both caches on a Redis that refuses connections; each test starts with it untried."""
    location = f"redis://127.0.0.1:{closed_port}/0"
    settings.CACHES = {
        "default": {"BACKEND": "config.degrading_cache.DegradingRedisCache", "LOCATION": location},
        "pages": {
            "BACKEND": "config.degrading_cache.DegradingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "pages",
        },
    }
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 600
    settings.FACET_CACHE_SECONDS = 600
    degrading_cache._down_until.clear()
    ratelimit._process_counters.clear()
    yield location
    degrading_cache._down_until.clear()
    ratelimit._process_counters.clear()


def cache_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "config.degrading_cache"]


def test_reads_miss_writes_are_dropped_and_counting_says_it_cannot(redis_down):
    assert cache.get("anything", "default") == "default"
    assert cache.set("anything", 1) is None
    assert cache.add("anything", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("computed", lambda: 42) == 42
    assert cache.delete("anything") is False
    with pytest.raises(CacheUnavailable):
        cache.incr("counter")
    with pytest.raises(CacheUnavailable):
        cache.decr("counter")


def test_public_pages_render_uncached(client, redis_down, make_interview, make_topic, caplog):
    interview = make_interview("Bees and their keepers", turns=4, comments=2)
    topic = make_topic("Beekeeping")
    interview.topics.add(topic)
    pages = [
        reverse("interviews:list"),  # facet counts, the page cache
        interview.get_absolute_url(),  # the turns' and comments' fragment cache too
        reverse("interviews:list") + "?q=bees",
        topic.get_absolute_url(),
    ]
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            for page in pages:
                response = client.get(page)
                assert response.status_code == 200, page
    assert "Bees and their keepers" in client.get(interview.get_absolute_url()).content.decode()
    assert "Comment number 2" in client.get(interview.get_absolute_url()).content.decode()
    # Once per process and retry window, not once per request.
    assert len(cache_warnings(caplog)) == 1


def test_redis_is_tried_again_after_the_retry_window(redis_down, monkeypatch, caplog):
    now = [1000.0]
    monkeypatch.setattr(degrading_cache.time, "monotonic", lambda: now[0])
    with caplog.at_level(logging.WARNING):
        cache.get("a")
        cache.get("b")
        assert not caches["pages"].is_available()
        now[0] += degrading_cache.RETRY_SECONDS + 0.1
        assert caches["pages"].is_available()
        cache.get("c")
    assert len(cache_warnings(caplog)) == 2


def post_comment(client, interview, text):
    return client.post(
        reverse("interviews:comment_create", args=[interview.slug]),
        {"author_name": "Ana Ruiz", "author_url": "", "text": text},
    )


def test_comments_are_posted_and_still_rate_limited_per_process(
    client, redis_down, make_interview, settings
):
    settings.COMMENT_RATE_LIMIT = "2/600"
    interview = make_interview()
    statuses = [post_comment(client, interview, f"Comment {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert interview.comments.count() == 2


def test_the_rate_limit_counts_in_redis_again_when_it_returns(redis_down, monkeypatch):
    rule = ratelimit.RateLimit(limit=1, seconds=600)
    assert ratelimit.rate_limit_hit(action="comment", client="a", rule=rule) == 0
    assert ratelimit.rate_limit_hit(action="comment", client="a", rule=rule) > 0
    # Redis back: the shared counters (here the process's memory, as Redis would be) take over.
    monkeypatch.setattr(ratelimit, "cache", LocMemCache("shared-counters", {}))
    assert ratelimit.rate_limit_hit(action="comment", client="a", rule=rule) == 0


def test_an_admin_login_does_not_need_the_cache(client, redis_down, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
