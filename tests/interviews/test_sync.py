"""The admin's sync page: an editor times an interview's turns against its recording."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from config.archive_version import archive_version
from interviews import sync
from interviews.importing.forms import PreciseTimestampField
from interviews.models import Recording, Turn
from interviews.sync import TimestampSyncError, turn_timestamps_sync
from interviews.transcript.model import precise_timestamp_text

S = datetime.timedelta(seconds=1)


@pytest.fixture
def recorded_interview(make_interview):
    """An interview with `turns` turns and a recording of `minutes` minutes (None: unknown)."""

    def make(*, turns=4, minutes: int | None = 10, **fields):
        interview = make_interview(turns=turns, **fields)
        Recording.objects.create(
            interview=interview,
            external_url="https://media.example.org/talk.mp3",
            duration=None if minutes is None else datetime.timedelta(minutes=minutes),
        )
        return interview

    return make


def sync_url(interview) -> str:
    return reverse("admin:interviews_interview_sync", args=[interview.pk])


def turns_of(interview) -> list[Turn]:
    return list(interview.turns.order_by("position"))


def stamps_of(interview) -> list[datetime.timedelta | None]:
    return [turn.timestamp for turn in turns_of(interview)]


def post_times(client, interview, times: list[str], **extra):
    """Post one time per turn, in order, as the page's form does."""
    data = {f"stamp-{turn.pk}": time for turn, time in zip(turns_of(interview), times, strict=True)}
    return client.post(sync_url(interview), {**data, **extra})


def row_errors(response) -> dict[int, str]:
    """{turn position: the error text shown in its row}, from the page's HTML."""
    found = {}
    html = response.content.decode()
    for position, row in re.findall(r'<tr id="turn-(\d+)"(.*?)</tr>', html, re.S):
        errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', row, re.S)
        if errors:
            found[int(position)] = re.sub(r"<[^>]+>", "", errors[0]).strip()
    return found


# --- Times as an editor types them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:23", 83),
        ("00:01:23.5", 83.5),
        ("83", 83),
        ("1:02:03,25", 3723.25),
        ("0", 0),
        ("  0:07.125 ", 7.125),
        ("100:00:00", 360000),
    ],
)
def test_a_typed_time_is_read_to_the_millisecond(text, seconds):
    assert PreciseTimestampField().clean(text) == datetime.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1:23.4567", "is not a time"),
        ("-5", "is not a time"),
        ("1e3", "is not a time"),
        ("١:٢٣", "is not a time"),
        ("²", "is not a time"),
        ("9" * 16, "is not a time"),
        ("1:60", "minutes and seconds go up to 59"),
        ("100:00:00.001", "more than 100 hours"),
        ("12\x00", "Null characters are not allowed"),
        ("1" * 17, "at most 16 characters"),
    ],
)
def test_a_bad_time_is_refused_with_a_reason(text, message):
    with pytest.raises(Exception) as refused:
        PreciseTimestampField().clean(text)
    assert message in " ".join(refused.value.messages)


def test_a_blank_time_is_no_time():
    assert PreciseTimestampField().clean("  ") is None


@pytest.mark.parametrize("seconds", [0, 0.5, 83, 83.25, 3723.456, 359999.999])
def test_a_stamp_shown_on_the_page_reads_back_as_the_same_time(seconds):
    offset = datetime.timedelta(seconds=seconds)
    assert PreciseTimestampField().clean(precise_timestamp_text(offset)) == offset


def test_whole_seconds_stay_whole_in_the_import():
    # The import's field is the same grammar without fractions.
    from interviews.importing.forms import TimestampField

    assert TimestampField().clean("1:23") == 83
    with pytest.raises(Exception, match="not a time"):
        TimestampField().clean("1:23.5")


# --- The rule: times never go back along the transcript ---------------------------------------


def test_each_time_is_compared_with_the_nearest_time_above_it():
    ordered = [(11, 1, 10 * S), (12, 2, 50 * S), (13, 3, 20 * S), (14, 4, 30 * S)]
    [found] = sync.timestamps_out_of_order(ordered)
    assert (found.turn_id, found.earlier_than_position) == (13, 2)
    assert found.message.startswith("Earlier than turn 2 (00:00:50)")


def test_blank_times_are_skipped_and_equal_times_allowed():
    ordered = [(1, 1, 10 * S), (2, 2, None), (3, 3, 10 * S), (4, 4, None), (5, 5, 9 * S)]
    [found] = sync.timestamps_out_of_order(ordered)
    assert (found.turn_id, found.earlier_than_position) == (5, 3)


# --- The page ---------------------------------------------------------------------------------


def test_the_page_shows_the_player_and_the_turns_with_their_times(
    editor_client, recorded_interview
):
    interview = recorded_interview(turns=3)
    Turn.objects.filter(interview=interview, position=2).update(timestamp=83.5 * S)

    response = editor_client.get(sync_url(interview))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<audio id="sync-media"' in html
    assert 'src="https://media.example.org/talk.mp3"' in html
    assert html.count('class="sync-time"') == 3
    second = turns_of(interview)[1]
    assert re.search(rf'name="stamp-{second.pk}"[^>]*value="00:01:23.5"', html)
    assert "Answer number 2." in html
    assert "js/admin_sync.js" in html and "css/admin_sync.css" in html
    assert "<script>" not in html and "style=" not in html


def test_a_video_recording_plays_in_a_video_element(editor_client, recorded_interview):
    interview = recorded_interview()
    Recording.objects.filter(interview=interview).update(kind=Recording.Kind.VIDEO)
    assert '<video id="sync-media"' in editor_client.get(sync_url(interview)).content.decode()


def test_the_interview_page_links_to_the_sync_page_only_with_a_recording(
    editor_client, make_interview, recorded_interview
):
    with_recording, without = recorded_interview(), make_interview()
    for interview, linked in ((with_recording, True), (without, False)):
        url = reverse("admin:interviews_interview_change", args=[interview.pk])
        html = editor_client.get(url).content.decode()
        assert ("Sync timestamps with the recording" in html) is linked
        assert (sync_url(interview) in html) is linked


def test_without_a_recording_the_page_says_so_and_links_back(editor_client, make_interview):
    interview = make_interview(turns=2)

    response = editor_client.get(sync_url(interview))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This interview has no recording" in html
    assert reverse("admin:interviews_interview_change", args=[interview.pk]) in html

    posted = post_times(editor_client, interview, ["1", "2"])
    assert posted.status_code == 400
    assert stamps_of(interview) == [None, None]


@pytest.mark.parametrize("object_id", ["987654", "abc", "99999999999999999999999", "-1"])
def test_an_unknown_interview_goes_back_to_the_admin_with_a_message(editor_client, db, object_id):
    response = editor_client.get(f"/admin/interviews/interview/{object_id}/sync/", follow=True)
    assert response.redirect_chain[-1] == (reverse("admin:index"), 302)
    assert "doesn’t exist" in response.content.decode()


def test_a_nul_in_the_interviews_id_is_refused_before_the_admin(editor_client, db):
    # config/malformed_input.py answers a NUL in any path, before a view or a query.
    assert editor_client.get("/admin/interviews/interview/1%00/sync/").status_code == 400


# --- Saving -----------------------------------------------------------------------------------


def test_saving_writes_the_times_and_records_them_in_the_history(
    editor, editor_client, recorded_interview
):
    interview = recorded_interview(turns=4)

    response = post_times(editor_client, interview, ["0:05", "00:00:12.5", "", "1:02"])

    assert response.status_code == 302
    assert response["Location"] == sync_url(interview)
    assert stamps_of(interview) == [5 * S, 12.5 * S, None, 62 * S]
    description = "Timestamps synchronised with the recording (3 of 4 turns stamped, 3 changed)."
    assert description in editor_client.get(response["Location"]).content.decode()
    revision = Version.objects.get_for_object(interview).latest("pk").revision
    assert (revision.comment, revision.user) == (description, editor)
    recorded = {
        version.object_id: version.field_dict["timestamp"]
        for version in revision.version_set.filter(content_type__model="turn")
    }
    assert recorded == {str(turn.pk): turn.timestamp for turn in turns_of(interview)}
    history = reverse("admin:interviews_interview_history", args=[interview.pk])
    assert description in editor_client.get(history).content.decode()
    assert LogEntry.objects.get(object_id=str(interview.pk)).change_message == description


def test_a_save_moves_the_archive_version_so_cached_pages_show_the_times(
    editor_client, recorded_interview, committed
):
    with committed():
        interview = recorded_interview(turns=2)
    before, _ = archive_version()

    with committed():
        post_times(editor_client, interview, ["1", "2"])

    assert archive_version()[0] > before


def test_the_state_before_the_first_change_is_kept_to_revert_to(editor_client, recorded_interview):
    interview = recorded_interview(turns=2)
    post_times(editor_client, interview, ["1", "2"])

    first, _synced = Version.objects.get_for_object(interview).order_by("pk")
    assert first.revision.comment == "The state before its first change in the admin."
    first.revision.revert()
    assert stamps_of(interview) == [None, None]


def test_only_the_turns_whose_time_changes_are_written(editor_client, recorded_interview):
    interview = recorded_interview(turns=3)
    post_times(editor_client, interview, ["1", "2", "3"])

    response = post_times(editor_client, interview, ["00:00:01", "2", "4.5"])

    assert (
        "(3 of 3 turns stamped, 1 changed)"
        in editor_client.get(response["Location"]).content.decode()
    )
    assert stamps_of(interview) == [1 * S, 2 * S, 4.5 * S]


def test_saving_unchanged_times_records_nothing(editor_client, recorded_interview):
    interview = recorded_interview(turns=2)
    post_times(editor_client, interview, ["1", "2"])
    revisions = Version.objects.get_for_object(interview).count()

    response = post_times(editor_client, interview, ["0:01", "0:02"])

    assert "Nothing was changed" in editor_client.get(response["Location"]).content.decode()
    assert Version.objects.get_for_object(interview).count() == revisions


def test_times_that_go_back_are_marked_at_the_turn_and_nothing_is_saved(
    editor_client, recorded_interview
):
    interview = recorded_interview(turns=5)

    response = post_times(editor_client, interview, ["10", "50", "0:20", "", "30"])

    assert response.status_code == 200
    assert row_errors(response) == {
        3: "Earlier than turn 2 (00:00:50): times must not go back along the transcript."
    }
    html = response.content.decode()
    assert 'href="#turn-3"' in html
    # What the editor typed is kept, as typed.
    third = turns_of(interview)[2]
    assert re.search(rf'name="stamp-{third.pk}"[^>]*value="0:20"', html)
    assert re.search(rf'name="stamp-{third.pk}"[^>]*aria-invalid="true"', html)
    assert stamps_of(interview) == [None] * 5


def test_a_time_past_the_end_of_the_recording_is_marked(editor_client, recorded_interview):
    interview = recorded_interview(turns=3, minutes=2)

    response = post_times(editor_client, interview, ["1:00", "2:00", "2:00.5"])

    assert row_errors(response) == {3: "After the end of the recording (00:02:00)."}
    assert stamps_of(interview) == [None] * 3


def test_with_no_known_length_any_time_up_to_100_hours_is_taken(editor_client, recorded_interview):
    interview = recorded_interview(turns=2, minutes=None)
    post_times(editor_client, interview, ["1", "99:00:00"])
    assert stamps_of(interview) == [1 * S, 99 * 3600 * S]


def test_each_bad_field_is_marked_once_at_its_own_turn(editor_client, recorded_interview):
    interview = recorded_interview(turns=4)

    response = post_times(editor_client, interview, ["5", "abc", "3", "1:75"])

    errors = row_errors(response)
    assert set(errors) == {2, 3, 4}
    assert "is not a time" in errors[2]
    assert errors[3].startswith("Earlier than turn 1 (00:00:05)")
    assert "go up to 59" in errors[4]


# --- All or nothing ---------------------------------------------------------------------------


def test_nothing_is_saved_when_the_history_cannot_be_recorded(
    editor, recorded_interview, monkeypatch
):
    interview = recorded_interview(turns=2)

    def fail(*args, **kwargs):
        raise RuntimeError("the history's tables are unavailable")

    monkeypatch.setattr(sync, "interview_revision_record", fail)
    turns = turns_of(interview)
    with pytest.raises(RuntimeError):
        turn_timestamps_sync(
            interview=interview, timestamps={turns[0].pk: S, turns[1].pk: 2 * S}, user=editor
        )
    assert stamps_of(interview) == [None, None]


def test_the_service_checks_the_order_again_on_the_rows_it_locks(editor, recorded_interview):
    interview = recorded_interview(turns=2)
    first, second = turns_of(interview)
    with pytest.raises(TimestampSyncError, match="go back at turn 2"):
        turn_timestamps_sync(
            interview=interview, timestamps={first.pk: 5 * S, second.pk: 4 * S}, user=editor
        )
    assert stamps_of(interview) == [None, None]


def test_a_turn_added_since_the_page_was_loaded_refuses_the_save(editor_client, recorded_interview):
    interview = recorded_interview(turns=2)
    data = {f"stamp-{turn.pk}": "1" for turn in turns_of(interview)}
    Turn.objects.create(interview=interview, position=3, text="Added meanwhile.")

    response = editor_client.post(sync_url(interview), data)

    assert "The transcript has changed since this page was loaded" in response.content.decode()
    assert stamps_of(interview) == [None, None, None]


# --- Who may, and hostile input ---------------------------------------------------------------


def test_only_an_editor_who_may_change_interviews_reaches_it(
    client, django_user_model, recorded_interview
):
    interview = recorded_interview(turns=2)
    assert client.get(sync_url(interview)).status_code == 302  # to the login page

    reader = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_interview"))
    client.force_login(reader)
    assert client.get(sync_url(interview)).status_code == 403
    assert post_times(client, interview, ["1", "2"]).status_code == 403
    assert stamps_of(interview) == [None, None]


def test_a_post_without_the_csrf_token_is_refused(editor, recorded_interview):
    interview = recorded_interview(turns=2)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = post_times(client, interview, ["1", "2"])

    assert response.status_code == 403
    assert stamps_of(interview) == [None, None]


@pytest.mark.parametrize(
    "value",
    [
        "9" * 16,
        "99999999999999999999999999",
        "1\x002",
        "١٢",
        "-1",
        "1e9",
        "NaN",
        "inf",
        "0x10",
        "1:2:3:4",
        "<script>alert(1)</script>",
        "'; DROP TABLE interviews_turn; --",
    ],
)
def test_hostile_times_are_form_errors(editor_client, recorded_interview, value):
    interview = recorded_interview(turns=2)

    response = post_times(editor_client, interview, ["1", value])

    assert response.status_code == 200
    assert set(row_errors(response)) == {2}
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert stamps_of(interview) == [None, None]


@pytest.mark.parametrize(
    "extra_name", ["stamp-abc", "stamp-99999999999999999999999", "stamp-", "stamp-1\x00"]
)
def test_fields_for_turns_that_are_not_there_are_refused(
    editor_client, recorded_interview, extra_name
):
    interview = recorded_interview(turns=2)

    response = post_times(editor_client, interview, ["1", "2"], **{extra_name: "3"})

    assert response.status_code == 200
    assert "not in this interview: nothing was saved" in response.content.decode()
    assert stamps_of(interview) == [None, None]


def test_a_turn_of_another_interview_cannot_be_stamped_from_this_one(
    editor_client, recorded_interview, make_interview
):
    interview, other = recorded_interview(turns=2), make_interview(turns=1)
    [foreign] = turns_of(other)

    response = post_times(editor_client, interview, ["1", "2"], **{f"stamp-{foreign.pk}": "3"})

    assert "not in this interview" in response.content.decode()
    assert stamps_of(interview) == [None, None] and stamps_of(other) == [None]


# --- Cost -------------------------------------------------------------------------------------


def statements_but_batches(captured) -> int:
    """Queries run, counting a bulk write's further batches as one with its first.

    SQLite takes 999 parameters a statement, so reversion writes a revision's versions 142 at a
    time there (PostgreSQL: thousands); those batches are the only ones that follow the turns.
    """
    count, previous = 0, None
    for query in captured.captured_queries:
        kind = query["sql"].split("(")[0] if query["sql"].startswith(("INSERT", "UPDATE")) else None
        if kind is None or kind != previous:
            count += 1
        previous = kind
    return count


def test_the_page_and_a_save_cost_the_same_queries_for_5_or_200_turns(
    editor_client, recorded_interview, django_assert_max_num_queries
):
    # A first save reads the content types, which are then cached for every later one.
    post_times(editor_client, recorded_interview(turns=1, comments=2), ["1"])
    counts = []
    for size in (5, 200):
        interview = recorded_interview(turns=size, comments=4)
        with django_assert_max_num_queries(20) as page:
            assert editor_client.get(sync_url(interview)).status_code == 200
        data = {f"stamp-{turn.pk}": f"{turn.position}.5" for turn in turns_of(interview)}
        with django_assert_max_num_queries(55) as save:
            assert editor_client.post(sync_url(interview), data).status_code == 302
        assert stamps_of(interview) == [(n + 1.5) * S for n in range(size)]
        counts.append((len(page), statements_but_batches(save)))
    assert counts[0] == counts[1]
