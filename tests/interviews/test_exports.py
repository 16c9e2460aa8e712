"""Exports: an interview as Markdown, plain text and JSON, the list as JSON, and re-importing."""

import datetime
import json

import pytest
from django.urls import reverse

from interviews.exports import SCHEMA
from interviews.importing.drafts import draft_from_export
from interviews.importing.services import export_import, transcript_import
from interviews.models import Comment, Interview, Outlet, Recording, Topic, Turn
from interviews.templatetags.transcript_text import paragraphs
from interviews.transcript import parse
from interviews.transcript.threads import MAX_DEPTH
from people.models import Person

SEED_000 = "pyimagesearch-interview-francois-chollet-2018"
SEED_001 = "datacamp-interview-francois-chollet-2017"
SCRIPT = "<script>alert('x')</script>"
# The interview with its outlet, interviewers, interviewees, topics and turns; the comments.
EXPORT_QUERIES = 6
# The filters' own lookups (none here), the count, the page's ids, the page of interviews with
# outlets, their interviewers, interviewees and topics.
LIST_JSON_QUERIES = 6

FORMATS = {
    "md": ("text/markdown; charset=utf-8", "export.md"),
    "txt": ("text/plain; charset=utf-8", "export.txt"),
    "json": ("application/json", "export.json"),
}


def export_url(slug: str, export_format: str) -> str:
    return reverse(f"interviews:export_{export_format}", kwargs={"slug": slug})


def get_json(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)


def turn_rows(interview: Interview) -> list[tuple]:
    """What a reader sees of each turn: who speaks, what kind of turn, the text, in order."""
    return [
        (turn.position, turn.speaker.slug if turn.speaker else None, turn.kind, turn.text)
        for turn in interview.turns.select_related("speaker").order_by("position")
    ]


# --- The files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("export_format", FORMATS)
def test_an_export_is_a_download_with_its_type_and_file_name(client, sample_archive, export_format):
    content_type, _ = FORMATS[export_format]

    response = client.get(export_url(SEED_000, export_format))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{SEED_000}.{export_format}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("export_format", FORMATS)
def test_a_draft_has_no_export(client, make_interview, export_format):
    draft = make_interview(status=Interview.Status.DRAFT)

    assert client.get(export_url(draft.slug, export_format)).status_code == 404


def test_the_detail_page_links_to_its_exports(client, sample_archive):
    html = client.get(reverse("interviews:detail", args=[SEED_000])).content.decode()

    assert "Download:" in html
    for export_format, label in (("md", "Markdown"), ("txt", "Text"), ("json", "JSON")):
        assert f'<a href="{export_url(SEED_000, export_format)}" download>{label}</a>' in html


def test_the_markdown_has_the_metadata_every_turn_and_the_comments(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)

    markdown = client.get(export_url(SEED_000, "md")).content.decode()

    assert markdown.startswith("# An interview with Francois Chollet\n")
    assert "Published: 2 July 2018  \nOutlet: PyImageSearch  \n" in markdown
    assert "Interviewer: Adrian Rosebrock  \nInterviewee: François Chollet" in markdown
    assert f"Archived at: http://testserver{interview.get_absolute_url()}" in markdown
    for turn in interview.turns.select_related("speaker"):
        if turn.kind == Turn.Kind.CAPTION:
            assert f"*{turn.text}*" in markdown
        else:
            assert f"**{turn.speaker.name}:** {turn.text}" in markdown
    assert "## 43 comments" in markdown
    assert "- Zubair Ahmed · 2018-07-02 10:29 UTC" in markdown
    # A reply is a list nested under the comment it answers.
    assert "\n  - Adrian Rosebrock · 2018-07-02 11:56 UTC\n" in markdown


def test_the_markdown_reads_back_through_the_parser_to_the_same_interview(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)

    parsed = parse(client.get(export_url(SEED_000, "md")).content.decode())

    assert parsed.title == interview.title
    assert parsed.deck == interview.deck
    assert parsed.published.isoformat() == "2018-07-02"
    assert parsed.intro == interview.intro
    assert parsed.outro == interview.closing_note
    assert parsed.interviewers == ["Adrian Rosebrock"]
    expected = [
        (turn.speaker.name if turn.speaker else "", turn.kind, turn.text)
        for turn in interview.turns.select_related("speaker")
    ]
    assert [(turn.speaker, turn.kind, turn.text) for turn in parsed.turns] == expected
    assert sum(1 + len(comment.replies) for comment in parsed.comments) == 43


def test_the_byline_is_exported_and_reads_back(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)
    interview.byline = "Interview by Adrian Rosebrock"
    interview.save()

    markdown = client.get(export_url(SEED_000, "md")).content.decode()
    text = client.get(export_url(SEED_000, "txt")).content.decode()
    _, data = get_json(client, export_url(SEED_000, "json"))

    assert "Byline: Interview by Adrian Rosebrock" in text
    assert parse(markdown).byline == "Interview by Adrian Rosebrock"
    assert parse(text).byline == "Interview by Adrian Rosebrock"
    assert data["byline"] == "Interview by Adrian Rosebrock"
    assert draft_from_export(data=data).byline == "Interview by Adrian Rosebrock"


def test_the_plain_text_has_every_turn_and_reads_back_too(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_001)

    text = client.get(export_url(SEED_001, "txt")).content.decode()

    assert text.startswith("An Interview with François Chollet\n")
    assert "**" not in text
    assert "Published: December 2017\n" in text
    for turn in interview.turns.select_related("speaker"):
        assert f"{turn.speaker.name}: {turn.text}" in text
    print(text)
    parsed = parse(text)
    assert [turn.text for turn in parsed.turns] == [turn.text for turn in interview.turns.all()]


def test_stage_directions_and_timestamps_are_marked_in_the_text_exports(client, make_interview):
    interview = make_interview(turns=1)
    Turn.objects.create(interview=interview, position=2, kind=Turn.Kind.DIRECTION, text="Laughter")
    Turn.objects.create(
        interview=interview,
        position=3,
        kind=Turn.Kind.ANSWER,
        speaker_label="Guest",
        text="And then?",
        timestamp=datetime.timedelta(minutes=1, seconds=23),
    )

    text = client.get(export_url(interview.slug, "txt")).content.decode()
    markdown = client.get(export_url(interview.slug, "md")).content.decode()

    assert "\n[Laughter]\n" in text
    assert "\n[Laughter]\n" in markdown
    assert "[00:01:23] Guest: And then?" in text
    assert "[00:01:23] **Guest:** And then?" in markdown


def test_the_text_exports_are_not_html_so_markup_stays_as_written(client, make_interview):
    interview = make_interview(title=f"Title {SCRIPT}", turns=0)
    Turn.objects.create(interview=interview, position=1, speaker_label="Eve", text=f"Hi {SCRIPT}")

    for export_format in ("md", "txt"):
        response = client.get(export_url(interview.slug, export_format))
        body = response.content.decode()
        assert f"Hi {SCRIPT}" in body
        assert "&lt;" not in body
        # Served as text, never sniffed into HTML by a browser.
        assert response["Content-Type"].startswith(("text/markdown", "text/plain"))
        assert response["X-Content-Type-Options"] == "nosniff"


def test_bullet_lines_are_a_markdown_list_and_read_back_as_they_were(client, make_interview):
    interview = make_interview(turns=4, intro="In short:\n• bees\n• wasps")
    text = f"Three things:\n• one {SCRIPT}\n• two & more\n\nAnd a last paragraph."
    Turn.objects.filter(interview=interview, position=2).update(text=text)

    markdown = client.get(export_url(interview.slug, "md")).content.decode()

    # "•" is no list marker in Markdown: the items would run together into one paragraph.
    assert f":** Three things:\n- one {SCRIPT}\n- two & more\n\nAnd a last" in markdown
    assert "In short:\n- bees\n- wasps" in markdown
    assert "•" not in markdown
    parsed = parse(markdown)
    # Read back, the list is its own block: the same paragraph and list on the page.
    assert parsed.turns[1].text == text.replace(":\n•", ":\n\n•")
    assert paragraphs(parsed.turns[1].text) == paragraphs(text)


def test_line_breaks_inside_a_comment_are_hard_breaks_in_markdown(client, make_interview):
    interview = make_interview(turns=1)
    top = Comment.objects.create(
        interview=interview,
        author_name="Ana",
        text=f"Dear all,\nthanks {SCRIPT}.\n• a point\n• another\n\nBest,\nAna",
        status=Comment.Status.PUBLIC,
        position=1,
    )
    Comment.objects.create(
        interview=interview,
        parent=top,
        author_name="Ben",
        text="Line one\nLine two",
        status=Comment.Status.PUBLIC,
        position=2,
    )

    markdown = client.get(export_url(interview.slug, "md")).content.decode()
    text = client.get(export_url(interview.slug, "txt")).content.decode()

    # Two spaces end a line without ending the paragraph; the items are a list in the item.
    assert (
        f"  Dear all,  \n  thanks {SCRIPT}.  \n  - a point  \n  - another\n\n  Best,  \n  Ana\n"
    ) in markdown
    assert "\n    Line one  \n    Line two\n" in markdown
    # Plain text has no Markdown marks: its lines stay as written.
    assert "Dear all,\n    thanks" in text and "• a point\n" in text
    assert "  \n" not in text


# --- JSON -----------------------------------------------------------------------------------------


def test_the_json_export_follows_the_schema(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)

    response, data = get_json(client, export_url(SEED_000, "json"))

    assert response.status_code == 200
    assert data["schema"] == SCHEMA
    assert set(data) == {
        "schema", "title", "slug", "deck", "byline", "outlet", "published", "date_precision",
        "source_url", "url", "intro", "closing_note", "topics", "interviewers",
        "interviewees", "recording", "turns", "comments",
    }  # fmt: skip
    assert data["recording"] is None
    assert data["title"] == interview.title
    assert data["outlet"] == {
        "name": "PyImageSearch",
        "slug": "pyimagesearch",
        "url": "https://pyimagesearch.com/",
    }
    assert (data["published"], data["date_precision"]) == ("2018-07-02", "day")
    assert data["url"] == f"http://testserver{interview.get_absolute_url()}"
    assert {"name": "Keras", "slug": "keras"} in data["topics"]
    assert data["interviewers"] == [{"name": "Adrian Rosebrock", "slug": "adrian-rosebrock"}]
    assert data["interviewees"] == [{"name": "François Chollet", "slug": "francois-chollet"}]
    assert len(data["turns"]) == interview.turns.count()
    assert data["turns"][0] == {
        "position": 1,
        "anchor": "t1",
        "speaker": None,
        "speaker_label": "",
        "kind": "caption",
        "text": interview.turns.get(position=1).text,
        "timestamp": None,
        "figure": None,
    }
    assert data["turns"][2]["speaker"] == {"name": "François Chollet", "slug": "francois-chollet"}
    assert data["turns"][2]["speaker_label"] == "Francois"
    assert data["turns"][2]["kind"] == "answer"


def test_the_json_export_gives_the_date_to_its_precision(client, sample_archive):
    _, data = get_json(client, export_url(SEED_001, "json"))

    assert (data["published"], data["date_precision"]) == ("2017-12", "month")


def test_the_json_comments_are_the_public_thread_nested(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)
    hidden = interview.comments.get(position=4)
    hidden.status = Comment.Status.HIDDEN
    hidden.save()

    _, data = get_json(client, export_url(SEED_000, "json"))

    comments = data["comments"]
    assert comments[0] == {
        "author": "Zubair Ahmed",
        "author_url": "",
        "posted_at": "2018-07-02T10:29:00Z",
        "text": interview.comments.get(position=1).text,
        "replies": [],
    }
    # The hidden comment goes, and its reply with it.
    assert "Thierry Jeanneret" not in [comment["author"] for comment in comments]
    kudzai = next(comment for comment in comments if comment["author"] == "Kudzai")
    assert [reply["author"] for reply in kudzai["replies"]] == ["Adrian Rosebrock", "Brian Karemba"]
    count = sum(1 + len(comment["replies"]) for comment in comments)
    assert count == 43 - 2


def test_a_reply_chain_deeper_than_json_can_nest_is_exported_flat_below_a_depth(
    client, make_interview
):
    interview = make_interview()
    parent = None
    for position in range(1, 1101):
        parent = Comment.objects.create(
            interview=interview,
            parent=parent,
            author_name=f"Reader {position}",
            text="Indeed.",
            status=Comment.Status.PUBLIC,
            position=position,
        )

    response, data = get_json(client, export_url(interview.slug, "json"))

    assert response.status_code == 200
    depth, level = 0, data["comments"]
    while level and level[0]["replies"]:
        depth, level = depth + 1, level[0]["replies"]
    # Nested as deep as an import keeps (threads.MAX_DEPTH levels), the rest listed at the last.
    assert depth == MAX_DEPTH - 1
    assert len(level) == 1100 - depth
    assert client.get(export_url(interview.slug, "md")).status_code == 200


# --- Re-importing a JSON export -------------------------------------------------------------------


def test_a_json_export_reimported_gives_the_same_turns(client, sample_archive):
    before = Interview.objects.get(slug=SEED_000)
    expected_turns = turn_rows(before)
    _, data = get_json(client, export_url(SEED_000, "json"))
    before.delete()

    outcome = transcript_import(draft=draft_from_export(data=data))

    again = outcome.interview
    assert outcome.created
    assert outcome.people_created == []
    assert again.slug == SEED_000
    assert again.status == Interview.Status.DRAFT
    assert again.published_display == "2 July 2018"
    assert again.outlet.slug == "pyimagesearch"
    assert len(turn_rows(again)) == len(expected_turns)
    for got, expected in zip(turn_rows(again), expected_turns, strict=True):
        assert got == expected
    speaker_labels = list(again.turns.order_by("position").values_list("speaker_label", flat=True))
    assert speaker_labels == [turn["speaker_label"] for turn in data["turns"]]
    roles = set(again.participations.values_list("person__slug", "role"))
    assert roles == {("adrian-rosebrock", "interviewer"), ("francois-chollet", "interviewee")}
    assert set(again.topics.values_list("slug", flat=True)) == {t["slug"] for t in data["topics"]}
    assert again.comments.count() == 43
    assert again.comments.filter(parent__isnull=False).count() == 10


def test_a_reimport_beside_the_original_is_a_second_interview_with_the_same_turns(
    client, sample_archive
):
    original = Interview.objects.get(slug=SEED_000)
    _, data = get_json(client, export_url(SEED_000, "json"))
    data["source_url"] = "https://example.org/a-copy"

    copy = transcript_import(draft=draft_from_export(data=data)).interview

    assert copy.pk != original.pk
    assert copy.slug != SEED_000  # the slug is taken by the original
    assert turn_rows(copy) == turn_rows(original)


def test_a_reimport_into_another_archive_creates_the_people_outlet_and_topics(
    client, sample_archive
):
    _, data = get_json(client, export_url(SEED_001, "json"))
    Interview.objects.all().delete()
    Person.objects.all().delete()
    Outlet.objects.all().delete()
    Topic.objects.all().delete()

    outcome = export_import(data=data, status=Interview.Status.PUBLISHED)

    interview = outcome.interview
    assert sorted(person.name for person in outcome.people_created) == [
        "François Chollet",
        "Hugo Bowne-Anderson",
    ]
    assert interview.outlet.name == "DataCamp"
    assert interview.topics.count() == len(data["topics"])
    assert [turn.text for turn in interview.turns.order_by("position")] == [
        turn["text"] for turn in data["turns"]
    ]
    assert client.get(interview.get_absolute_url()).status_code == 200


def test_timestamps_survive_a_reimport(client, make_interview):
    interview = make_interview(turns=1)
    Turn.objects.filter(interview=interview).update(timestamp=datetime.timedelta(seconds=3723))
    _, data = get_json(client, export_url(interview.slug, "json"))
    assert data["turns"][0]["timestamp"] == "01:02:03"
    interview.delete()

    again = transcript_import(draft=draft_from_export(data=data)).interview

    assert again.turns.get().timestamp == datetime.timedelta(seconds=3723)


# --- The recording and its timestamps -------------------------------------------------------------


def attach_recording(interview: Interview, **fields) -> Recording:
    """A recording row as an upload leaves it (the file itself is not needed for its address)."""
    values = {
        "file": f"recordings/{interview.pk}/talk.mp3",
        "kind": Recording.Kind.AUDIO,
        "mime_type": "audio/mpeg",
        "format_name": "MP3",
        "duration": datetime.timedelta(minutes=42, seconds=7, milliseconds=300),
        "size_bytes": 20_000_000,
        **fields,
    }
    return Recording.objects.create(interview=interview, **values)


def timed_interview(make_interview) -> Interview:
    interview = make_interview(turns=3)
    for position, seconds in ((1, 0), (2, 83), (3, 3723)):
        Turn.objects.filter(interview=interview, position=position).update(
            timestamp=datetime.timedelta(seconds=seconds)
        )
    return interview


def test_the_json_export_carries_the_recordings_address_and_every_timestamp(client, make_interview):
    interview = timed_interview(make_interview)
    attach_recording(interview)

    _, data = get_json(client, export_url(interview.slug, "json"))

    assert data["recording"] == {
        "url": f"http://testserver/media/recordings/{interview.pk}/talk.mp3",
        "kind": "audio",
        "mime_type": "audio/mpeg",
        "format": "MP3",
        "duration": "00:42:07",
    }
    assert [turn["timestamp"] for turn in data["turns"]] == ["00:00:00", "00:01:23", "01:02:03"]


def test_an_external_recording_is_exported_at_its_own_address(client, make_interview):
    interview = make_interview(turns=1)
    attach_recording(
        interview, file="", external_url="https://media.example.org/ep1.mp3", duration=None
    )

    _, data = get_json(client, export_url(interview.slug, "json"))
    markdown = client.get(export_url(interview.slug, "md")).content.decode()

    assert data["recording"]["url"] == "https://media.example.org/ep1.mp3"
    assert data["recording"]["duration"] is None
    assert "Recording: https://media.example.org/ep1.mp3  \n" in markdown


@pytest.mark.parametrize("export_format", ["md", "txt"])
def test_the_text_exports_name_the_recording_and_time_every_timed_turn(
    client, make_interview, export_format
):
    interview = timed_interview(make_interview)
    attach_recording(interview)

    text = client.get(export_url(interview.slug, export_format)).content.decode()

    line = f"Recording: http://testserver/media/recordings/{interview.pk}/talk.mp3"
    assert line in text
    for turn in interview.turns.select_related("speaker"):
        speaker = f"**{turn.speaker.name}:**" if export_format == "md" else f"{turn.speaker.name}:"
        assert f"\n[{turn.timestamp_text}] {speaker} {turn.text}\n" in text
    # The line is metadata to the parser: the turns read back as they would without it.
    without = "\n".join(part for part in text.split("\n") if not part.startswith("Recording:"))
    assert parse(text).turns == parse(without).turns


def test_an_export_with_a_recording_reimports_with_its_timestamps(client, make_interview):
    interview = timed_interview(make_interview)
    attach_recording(interview)
    _, data = get_json(client, export_url(interview.slug, "json"))
    interview.delete()

    again = transcript_import(draft=draft_from_export(data=data)).interview

    stamps = list(again.turns.order_by("position").values_list("timestamp", flat=True))
    assert [stamp.total_seconds() for stamp in stamps] == [0, 83, 3723]
    # The recording is a file elsewhere: an import brings the transcript, not the media.
    assert not Recording.objects.filter(interview=again).exists()


def test_an_interview_without_a_recording_has_no_recording_line(client, make_interview):
    interview = make_interview(turns=1)

    for export_format in ("md", "txt"):
        text = client.get(export_url(interview.slug, export_format)).content.decode()
        assert "Recording:" not in text


# --- The list as JSON -----------------------------------------------------------------------------


def test_the_list_json_pages_through_the_published_interviews(client, make_interview, settings):
    settings.INTERVIEWS_PER_PAGE = 5
    for day in range(1, 15):
        make_interview(f"Day {day}", published_on=datetime.date(2020, 1, day))
    make_interview("A draft", status=Interview.Status.DRAFT)

    response, first = get_json(client, reverse("interviews:list_json"))

    assert response.status_code == 200
    assert (first["count"], first["page"], first["pages"]) == (14, 1, 3)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/interviews.json?page=2"
    assert [entry["title"] for entry in first["results"]] == [
        f"Day {d}" for d in (14, 13, 12, 11, 10)
    ]
    entry = first["results"][0]
    assert "turns" not in entry and "comments" not in entry
    assert entry["published"] == "2020-01-14"
    assert entry["url"].startswith("http://testserver/interviews/")
    assert entry["export_url"] == f"http://testserver{export_url(entry['slug'], 'json')}"

    _, second = get_json(client, first["next"])
    assert second["page"] == 2
    assert second["previous"] == "http://testserver/interviews.json?page=1"
    _, last = get_json(client, second["next"])
    assert last["next"] is None
    titles = [entry["title"] for page in (first, second, last) for entry in page["results"]]
    assert len(titles) == len(set(titles)) == 14


def test_the_list_json_applies_the_list_filters(client, make_interview, make_outlet, make_topic):
    datacamp, keras = make_outlet("DataCamp"), make_topic("Keras")
    make_interview("Wanted", outlet=datacamp, topics=[keras])
    make_interview("Other outlet", topics=[keras])
    make_interview("Other topic", outlet=datacamp)

    _, data = get_json(
        client, f"{reverse('interviews:list_json')}?outlet={datacamp.slug}&topic={keras.slug}"
    )

    assert [entry["title"] for entry in data["results"]] == ["Wanted"]
    assert data["messages"] == []


def test_the_list_json_keeps_the_filters_in_its_page_links(
    client, make_interview, make_outlet, settings
):
    settings.INTERVIEWS_PER_PAGE = 1
    outlet = make_outlet()
    for _ in range(5):
        make_interview(outlet=outlet)

    _, data = get_json(client, f"{reverse('interviews:list_json')}?outlet={outlet.slug}")

    assert data["next"] == f"http://testserver/interviews.json?outlet={outlet.slug}&page=2"


def test_an_invalid_filter_value_is_explained_not_an_error(client, make_interview):
    make_interview()

    response, data = get_json(client, f"{reverse('interviews:list_json')}?year=abc")

    assert response.status_code == 200
    assert data["count"] == 1
    assert any("year" in message.lower() for message in data["messages"])


@pytest.mark.parametrize("page", ["0", "9", "abc", "-1", "1.5", "99999999999999999999"])
def test_a_bad_page_of_the_list_json_is_a_json_404(client, make_interview, page):
    make_interview()

    response, data = get_json(client, f"{reverse('interviews:list_json')}?page={page}")

    assert response.status_code == 404
    assert set(data) == {"error"}
    assert "page" in data["error"]


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("turns", "comments"), [(2, 2), (60, 40)])
@pytest.mark.parametrize("with_recording", [False, True])
def test_export_queries_do_not_grow_with_the_turns_or_comments(
    client, make_interview, django_assert_max_num_queries, turns, comments, with_recording
):
    interview = make_interview(turns=turns, comments=comments)
    if with_recording:
        attach_recording(interview)

    for export_format in FORMATS:
        with django_assert_max_num_queries(EXPORT_QUERIES):
            response = client.get(export_url(interview.slug, export_format))
        assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 15])
def test_list_json_queries_do_not_grow_with_the_interviews(
    client, make_interview, make_topic, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_interview(topics=[make_topic(), make_topic()])

    with django_assert_max_num_queries(LIST_JSON_QUERIES):
        _, data = get_json(client, reverse("interviews:list_json"))

    assert len(data["results"]) == count


def test_a_deep_page_of_the_list_json_costs_the_queries_of_the_first(
    client, make_interview, settings, django_assert_max_num_queries
):
    settings.INTERVIEWS_PER_PAGE = 2
    for day in range(1, 21):
        make_interview(f"Day {day:02d}", published_on=datetime.date(2020, 1, day))

    with django_assert_max_num_queries(LIST_JSON_QUERIES):
        _, data = get_json(client, f"{reverse('interviews:list_json')}?page=8")

    assert [entry["title"] for entry in data["results"]] == ["Day 06", "Day 05"]
