"""Two imports saved at the same moment, on PostgreSQL: both succeed, neither duplicates.

PostgreSQL only: it is where two transactions truly run at once (SQLite lets one writer in at
a time), and where `transcript_import` serialises them with advisory locks. Each import runs
in its own thread and connection; a barrier starts them together, and a pause between each
look-up and its insert (the slug's) makes sure that, without the locks, both would look before
either inserts.
"""

import threading
import time

import pytest
from django.db import connection

from interviews.importing import services
from interviews.importing.drafts import SpeakerChoice, TranscriptDraft
from interviews.importing.services import ImportOutcome, export_import, transcript_import
from interviews.models import Interview, Outlet, Topic
from interviews.transcript.model import ParsedTurn
from people.models import Person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Long enough for the other thread to reach the same look-up when nothing holds it back.
RACE_WINDOW_SECONDS = 0.5


@pytest.fixture(autouse=True)
def slow_slugs(monkeypatch):
    """Every new slug is chosen, then held for a moment before its row is inserted."""
    unique_slug = services.unique_slug

    def slow_unique_slug(*args, **kwargs):
        slug = unique_slug(*args, **kwargs)
        time.sleep(RACE_WINDOW_SECONDS)
        return slug

    monkeypatch.setattr(services, "unique_slug", slow_unique_slug)


def at_once(*imports) -> list[ImportOutcome | BaseException]:
    """Run each import in its own thread (and database connection), started together."""
    barrier = threading.Barrier(len(imports))
    results: list = [None] * len(imports)

    def run(index, do_import):
        try:
            barrier.wait(timeout=10)
            results[index] = do_import()
        except BaseException as error:  # reported by the test, not lost in the thread
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(imports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def judy_draft(source_url: str = "") -> TranscriptDraft:
    return TranscriptDraft(
        title="Judy Hart on tides",
        turns=[
            ParsedTurn(speaker="Q", kind="question", text="Why tides?"),
            ParsedTurn(speaker="Judy", kind="answer", text="Because the moon."),
        ],
        speakers=[
            SpeakerChoice(label="Q", role=""),
            SpeakerChoice(label="Judy", new_name="Judy Hart", role="interviewee"),
        ],
        source_url=source_url,
    )


def test_two_imports_of_one_title_and_one_new_person_both_succeed(db):
    results = at_once(
        lambda: transcript_import(draft=judy_draft(), how="Imported from paste"),
        lambda: transcript_import(draft=judy_draft(), how="Imported from paste"),
    )

    assert all(isinstance(result, ImportOutcome) for result in results), results
    assert sorted(Interview.objects.values_list("slug", flat=True)) == [
        "judy-hart-on-tides",
        "judy-hart-on-tides-2",
    ]
    judy = Person.objects.get()  # one person, created by whichever import came first
    assert judy.slug == "judy-hart"
    assert sorted(len(result.people_created) for result in results) == [0, 1]
    assert {i.turns.get(kind="answer").speaker for i in Interview.objects.all()} == {judy}


def test_two_imports_of_one_source_url_make_one_interview(db):
    url = "https://example.org/judy-hart"
    results = at_once(
        lambda: transcript_import(draft=judy_draft(url)),
        lambda: transcript_import(draft=judy_draft(url)),
    )

    assert all(isinstance(result, ImportOutcome) for result in results), results
    assert sorted(result.created for result in results) == [False, True]
    assert Interview.objects.get().source_url == url
    assert Person.objects.count() == 1


def test_two_json_imports_of_one_export_share_its_new_outlet_topics_and_people(db):
    export = {
        "schema": "interview-archive/1",
        "title": "Judy Hart on tides",
        "slug": "judy-hart-on-tides",
        "outlet": {"name": "The Tide Review", "slug": "tide-review"},
        "topics": [{"name": "Oceans", "slug": "oceans"}, {"name": "Moons", "slug": "moons"}],
        "interviewees": [{"name": "Judy Hart", "slug": "judy-hart"}],
        "turns": [
            {"position": 1, "kind": "question", "text": "Why tides?"},
            {
                "position": 2,
                "kind": "answer",
                "text": "Because the moon.",
                "speaker": {"name": "Judy Hart", "slug": "judy-hart"},
            },
        ],
    }
    # The other one names its topics the other way round: the locks are still taken in one
    # order, so the two cannot deadlock.
    reversed_topics = {**export, "topics": list(reversed(export["topics"]))}

    results = at_once(
        lambda: export_import(data=export),
        lambda: export_import(data=reversed_topics),
    )

    assert all(isinstance(result, ImportOutcome) for result in results), results
    assert Interview.objects.count() == 2
    assert len(set(Interview.objects.values_list("slug", flat=True))) == 2
    assert (Outlet.objects.count(), Topic.objects.count(), Person.objects.count()) == (1, 2, 1)
