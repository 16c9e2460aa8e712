"""Facet counts from the cache: kept under the archive's version, so every save shows at once."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.archive_version import archive_changed, archive_version
from interviews.models import Interview, Participation, Turn


@pytest.fixture
def facet_cache(settings):
    settings.FACET_CACHE_SECONDS = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "facet-cache-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


def facets_shown(client, **params) -> dict[str, dict[str, int]]:
    response = client.get(reverse("interviews:list"), params)
    assert response.status_code == 200
    return {
        facet.name: {option.label: option.count for option in facet.options}
        for facet in response.context["facets"]
    }


@pytest.fixture
def archive(make_interview, make_topic, make_outlet, make_person, committed):
    with committed():
        keras = make_topic("Keras")
        outlet = make_outlet("PyImageSearch")
        guest = make_person("François Chollet")
        first = make_interview(topics=[keras], outlet=outlet, interviewee=guest)
        second = make_interview(topics=[keras], outlet=outlet)
    return {"topic": keras, "outlet": outlet, "guest": guest, "interviews": [first, second]}


def test_a_second_request_reads_the_facets_from_the_cache(client, archive, facet_cache):
    with CaptureQueriesContext(connection) as first:
        shown = facets_shown(client)
    with CaptureQueriesContext(connection) as second:
        again = facets_shown(client)

    assert again == shown
    # Both read the archive's version; the second does without the five grouped counts.
    assert len(second.captured_queries) == len(first.captured_queries) - 5


# The list filtered by a topic and a year: the topic by its slug, the version, the count, the
# page's ids and the page, the page's interviewers, interviewees and topics; then the five facets,
# unless the cache has them. However many interviews there are. And first the version once more,
# read for the page cache (interviews/http_caching.py), off here.
FILTERED_LIST_MISS = 1 + 13
FILTERED_LIST_HIT = FILTERED_LIST_MISS - 5


@pytest.mark.parametrize("interviews", [1, 30])
def test_the_filtered_list_costs_the_same_queries_for_any_number_of_interviews(
    client, make_interview, make_topic, facet_cache, django_assert_max_num_queries, interviews
):
    keras = make_topic("Keras")
    for _ in range(interviews):
        make_interview(topics=[keras], turns=6, published_on=datetime.date(2020, 5, 1))
    url = reverse("interviews:list")
    params = {"topic": keras.slug, "year": 2020}

    with django_assert_max_num_queries(FILTERED_LIST_MISS):
        assert client.get(url, params).status_code == 200
    with django_assert_max_num_queries(FILTERED_LIST_HIT):
        response = client.get(url, params)

    assert response.context["page"].paginator.count == interviews


def _unpublish(archive):
    archive["interviews"][0].status = Interview.Status.DRAFT
    archive["interviews"][0].save()


def _rename_topic(archive):
    archive["topic"].name = "Keras 3"
    archive["topic"].save()


def _rename_outlet(archive):
    archive["outlet"].name = "PyImageSearch Weekly"
    archive["outlet"].save()


def _rename_person(archive):
    archive["guest"].name = "Francois Chollet"
    archive["guest"].save()


def _add_participation(archive):
    Participation.objects.create(
        interview=archive["interviews"][1],
        person=archive["guest"],
        role=Participation.Role.INTERVIEWEE,
        position=1,
    )


def _remove_topic(archive):
    archive["interviews"][1].topics.remove(archive["topic"])


def _bulk_unpublish(archive):
    Interview.objects.filter(pk=archive["interviews"][1].pk).update(status=Interview.Status.DRAFT)


@pytest.mark.parametrize(
    "change",
    [
        _unpublish,
        _rename_topic,
        _rename_outlet,
        _rename_person,
        _add_participation,
        _remove_topic,
        _bulk_unpublish,
    ],
)
def test_every_save_changes_the_facets_shown(client, archive, facet_cache, committed, change):
    before = facets_shown(client)

    with committed():
        change(archive)

    assert facets_shown(client) != before


def test_a_saved_turn_changes_the_facets_of_a_search(client, archive, facet_cache, committed):
    before = facets_shown(client, q="zebra")
    # A facet with nothing to choose is left out.
    assert "topic" not in before

    with committed():
        Turn.objects.create(
            interview=archive["interviews"][0], position=99, text="A zebra crossed the road."
        )

    assert facets_shown(client, q="zebra")["topic"] == {"Keras": 1}


def test_a_saved_comment_moves_the_version_the_facets_are_kept_under(
    archive, make_interview, committed
):
    # Comments show in no facet, but they are on interview pages, whose ETag is the version.
    with committed():
        interview = make_interview(comments=0)
    version, _ = archive_version()

    with committed():
        interview.comments.create(author_name="Reader", text="Thanks!", position=1)

    assert archive_version()[0] == version + 1


def test_the_version_moves_once_for_a_whole_transaction(archive, committed):
    version, _ = archive_version()

    with committed() as callbacks, transaction.atomic():
        _rename_topic(archive)
        _rename_outlet(archive)
        _bulk_unpublish(archive)

    assert len(callbacks) == 1
    assert archive_version()[0] == version + 1


def test_a_rolled_back_savepoint_leaves_no_bump_behind(archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                _rename_topic(archive)
                raise RuntimeError
        except RuntimeError:
            pass
        # The bump of the savepoint went with it; this change schedules its own.
        archive_changed()

    assert len(callbacks) == 1


def test_a_cache_that_fails_only_costs_the_counts(client, archive, settings):
    settings.FACET_CACHE_SECONDS = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    assert facets_shown(client)["topic"] == {"Keras": 2}
