"""The admin's "Import transcript" flow, driven as an editor would: paste, correct, save.

Each step posts back what the previous page's form holds, read from its HTML the way a
browser reads it, with the editor's changes on top.
"""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from interviews.models import Interview, Outlet, Participation, Turn
from people.models import Person

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_000 = (SEEDS / "000_4dfcc7687fa37658.txt").read_text(encoding="utf-8")
SEED_001 = (SEEDS / "001_25023ba15ad2cbed.txt").read_text(encoding="utf-8")
PYIMAGESEARCH_URL = "https://pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/"

IMPORT_URL = "/admin/interviews/interview/import/"


class FormReader(HTMLParser):
    """What a browser would send from the import form: every field's current value, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = (attrs.get("action") or "").endswith("/import/")
        if not self._in_form:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"} or "name" not in attrs:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind == "checkbox" else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs}
            self._select.update(selected=[], first=None)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["selected"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the line break that follows <textarea>.
            self.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            chosen = select["selected"] or ([] if select["multiple"] else [select["first"]])
            self.fields.extend((select["name"], value) for value in chosen)
            self._select = None


def form_data(response) -> dict:
    reader = FormReader()
    reader.feed(response.content.decode())
    data: dict = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data


def turn_rows(data: dict) -> list[dict]:
    count = int(data["turns-TOTAL_FORMS"])
    return [
        {
            "speaker": data[f"turns-{i}-speaker"],
            "kind": data[f"turns-{i}-kind"],
            "text": data[f"turns-{i}-text"],
        }
        for i in range(count)
    ]


def paste(client, text, **hints):
    return client.post(IMPORT_URL, {"step": "preview", "text": text, **hints})


def submit(client, data, step):
    return client.post(IMPORT_URL, {**data, "step": step})


def errors_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def preview_000(admin_client):
    response = paste(admin_client, SEED_000, source_url=PYIMAGESEARCH_URL)
    assert response.status_code == 200
    return response


# --- Step 1 ---------------------------------------------------------------------------------


def test_the_changelist_offers_import_to_editors_who_can_add(admin_client):
    html = admin_client.get(reverse("admin:interviews_interview_changelist")).content.decode()
    assert f'href="{IMPORT_URL}"' in html
    assert "Import transcript" in html


def test_the_changelist_hides_import_from_editors_who_cannot_add(client, db):
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_interview"))
    client.force_login(viewer)
    response = client.get(reverse("admin:interviews_interview_changelist"))
    assert response.status_code == 200
    assert "Import transcript" not in response.content.decode()


def test_import_needs_the_add_interview_permission(client, db):
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_interview"))
    client.force_login(viewer)
    assert client.get(IMPORT_URL).status_code == 403
    assert paste(client, SEED_000).status_code == 403
    assert Interview.objects.count() == 0


def test_import_asks_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_paste_page_has_a_textarea_a_file_and_the_hints(admin_client):
    response = admin_client.get(IMPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<textarea name="text"' in html
    assert 'type="file" name="file"' in html
    for name in ("interviewers", "interviewees", "format", "source_url", "outlet"):
        assert f'name="{name}"' in html
    assert 'enctype="multipart/form-data"' in html


# --- Step 2: the preview ----------------------------------------------------------------------


def test_the_preview_shows_what_the_page_holds(preview_000):
    html = preview_000.content.decode()
    data = form_data(preview_000)
    assert "28 turns" in html
    assert "43 comments" in html
    assert "warning" in html
    assert "set aside as page furniture" in html
    assert data["title"] == "An interview with Francois Chollet"
    assert data["source_url"] == PYIMAGESEARCH_URL
    assert data["status"] == "draft"
    assert [row["kind"] for row in turn_rows(data)].count("caption") == 4
    speakers = {data[f"speakers-{i}-label"]: i for i in range(int(data["speakers-TOTAL_FORMS"]))}
    assert set(speakers) == {"Adrian", "Francois"}
    assert data[f"speakers-{speakers['Adrian']}-role"] == "interviewer"
    assert data[f"speakers-{speakers['Francois']}-role"] == "interviewee"
    assert data[f"speakers-{speakers['Adrian']}-new_name"] == "Adrian"


# A web page with a byline, "Key: value" lines and page furniture around a labelled talk.
BYLINED_PAGE = """Home | News | Interviews | Contact

Talking Tides with a Harbour Pilot

By Helen Marsh

Location: Port of Dunmore
Date: 12 March 2021

The pilot has guided ships into the harbour for thirty years.

Helen Marsh: How did you start?

Tom Reid: My father was a pilot before me, and I followed him onto the boats.

Helen Marsh: What has changed since then?

Tom Reid: The ships are three times the size, and the margins are much smaller.

Share this article
Subscribe to our newsletter
"""


def parse_notes_box(html: str) -> str:
    start = html.index('<ul class="messagelist import-parse-notes"')
    return html[start : html.index("</ul>", start)]


def test_the_parsers_warnings_and_set_aside_lines_come_before_the_turns(admin_client, db):
    response = paste(admin_client, SEED_001, interviewers="Hugo Bowne-Anderson")
    html = response.content.decode()
    box = parse_notes_box(html)
    assert html.index("import-parse-notes") < html.index('id="turn-1"')
    assert html.index('<details class="import-ignored"') < html.index('id="turn-1"')
    assert '<li class="warning import-warning">' in box
    assert "no speaker labels" in box
    ignored = json.loads(form_data(response)["notes"])["ignored"]
    assert len(ignored) > 20
    assert f"{len(ignored)} lines set aside as page furniture" in box
    # Many set-aside lines are listed closed, every one of them, escaped.
    assert f"<summary>{len(ignored)} lines set aside (not saved)</summary>" in html
    assert '<details class="import-ignored" open>' not in html
    details = html[html.index('<details class="import-ignored"') : html.index("</details>")]
    assert details.count("<li><code>") == len(ignored)


def test_a_few_set_aside_lines_are_listed_open_and_no_warning_says_so(admin_client, db):
    html = paste(admin_client, BYLINED_PAGE).content.decode()
    box = parse_notes_box(html)
    assert "3 lines set aside as page furniture" in box
    assert '<li class="warning import-warning">' not in box
    assert '<details class="import-ignored" open>' in html
    assert "<li><code>Subscribe to our newsletter</code></li>" in html


def test_the_byline_and_the_metadata_read_are_shown_with_the_interviews_fields(admin_client, db):
    response = paste(admin_client, BYLINED_PAGE)
    html = response.content.decode()
    data = form_data(response)
    assert data["byline"] == "By Helen Marsh"
    assert data["published"] == "2021-03-12"
    metadata = html[html.index('class="form-row import-metadata"') : html.index("Speakers</h2>")]
    assert "<dt>location</dt><dd>Port of Dunmore</dd>" in metadata
    assert "<dt>date</dt><dd>12 March 2021</dd>" in metadata
    assert "<dt>byline</dt>" not in metadata  # it is the field above
    assert html.index('name="byline"') < html.index('id="turn-1"')


def test_the_byline_is_carried_corrected_and_saved(admin_client, db):
    data = form_data(paste(admin_client, BYLINED_PAGE))
    data["byline"] = "  Interview by\nHelen   Marsh "
    response = submit(admin_client, data, "update")
    refreshed = form_data(response)
    assert refreshed["byline"] == "Interview by Helen Marsh"
    # The parser's notes travel with the preview: still shown after an update.
    assert "<dt>location</dt><dd>Port of Dunmore</dd>" in response.content.decode()
    assert "3 lines set aside" in parse_notes_box(response.content.decode())
    submit(admin_client, {**refreshed, "status": "published"}, "save")
    interview = Interview.objects.get()
    assert interview.byline == "Interview by Helen Marsh"
    page = admin_client.get(interview.get_absolute_url()).content.decode()
    assert '<dd class="byline">Interview by Helen Marsh</dd>' in page


def test_a_hostile_byline_is_escaped_and_a_huge_one_refused(admin_client, db):
    data = form_data(paste(admin_client, BYLINED_PAGE))
    data["byline"] = "<script>alert('b')</script>"
    response = submit(admin_client, data, "update")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert form_data(response)["byline"] == "<script>alert('b')</script>"

    data["byline"] = "B" * 10_000
    response = submit(admin_client, data, "save")
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters (it has 10000)." in (
        response.content.decode()
    )
    assert Interview.objects.count() == 0


def test_tampered_metadata_notes_are_refused_or_escaped_never_a_server_error(admin_client, db):
    data = form_data(paste(admin_client, BYLINED_PAGE))
    notes = json.loads(data["notes"])
    for metadata in [["a"], {"key": 1}, "text", None]:
        data["notes"] = json.dumps({**notes, "metadata": metadata})
        response = submit(admin_client, data, "update")
        assert response.status_code == 200
        assert "The parse notes are not the preview" in response.content.decode()
    data["notes"] = json.dumps({**notes, "metadata": {"<b>key</b>": "<script>alert(1)</script>"}})
    html = submit(admin_client, data, "update").content.decode()
    assert "<dt>&lt;b&gt;key&lt;/b&gt;</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in html
    assert Interview.objects.count() == 0


def test_a_date_the_page_does_not_print_comes_from_its_address(preview_000):
    # Seed 000 prints no publication date; its URL's path holds 2018/07/02.
    assert form_data(preview_000)["published"] == "2018-07-02"


def test_a_date_the_page_prints_wins_over_its_address(admin_client):
    data = form_data(
        paste(admin_client, SEED_001, source_url="https://example.org/2020/01/01/the-talk/")
    )
    assert data["published"] == "2017-12"


def test_the_preview_nests_the_comment_thread(preview_000):
    html = preview_000.content.decode()
    assert html.count('<li class="comment">') == 43
    assert html.count('<ol class="comment-replies">') == len(
        [c for c in json.loads(form_data(preview_000)["comments"]) if c["replies"]]
    )


def test_the_preview_offers_the_people_a_label_matches(admin_client, make_person):
    adrian = make_person("Adrian Rosebrock", aliases=["Adrian"])
    make_person("Someone Else")
    data = form_data(paste(admin_client, SEED_000))
    index = [data[f"speakers-{i}-label"] for i in range(2)].index("Adrian")
    assert data[f"speakers-{index}-person"] == str(adrian.pk)
    assert data[f"speakers-{index}-new_name"] == ""
    html = paste(admin_client, SEED_000).content.decode()
    assert "Adrian Rosebrock" in html
    assert "Someone Else" not in html


def test_role_only_speakers_are_not_offered_as_new_people(admin_client, db):
    data = form_data(paste(admin_client, "Q: Why bread?\n\nA: It rises.\n\nQ: And?\n\nA: Done."))
    labels = {data[f"speakers-{i}-label"]: i for i in range(2)}
    assert set(labels) == {"Interviewer", "Interviewee"}
    assert all(data[f"speakers-{i}-new_name"] == "" for i in labels.values())


def test_editing_turns_updates_the_preview(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    assert before[1]["speaker"] == "Adrian" and before[2]["speaker"] == "Francois"
    # Turn 3 is said by Adrian as a remark; turn 5 merges into turn 4; turn 7 is split in two;
    # the transcript starts at turn 2 (dropping the first caption) and ends at turn 27.
    data.update(
        {
            "turns-2-speaker": "Adrian",
            "turns-2-kind": "remark",
            "turns-4-merge": "on",
            "turns-6-text": "First half of the answer.\n---\nSecond half of the answer.",
            "first_turn": "2",
            "last_turn": "27",
        }
    )
    response = submit(admin_client, data, "update")
    assert response.status_code == 200
    after = turn_rows(form_data(response))

    assert len(after) == 26  # 28 - 2 outside the range - 1 merged + 1 split
    assert "26 turns" in response.content.decode()
    assert after[0] == before[1]
    assert after[1] == {"speaker": "Adrian", "kind": "remark", "text": before[2]["text"]}
    assert after[2]["text"] == f"{before[3]['text']}\n\n{before[4]['text']}"
    assert after[3] == before[5]
    assert after[4]["text"] == "First half of the answer."
    assert after[5]["text"] == "Second half of the answer."
    assert after[4]["speaker"] == after[5]["speaker"] == before[6]["speaker"]
    assert after[6:] == before[7:27]
    refreshed = form_data(response)
    assert (refreshed["first_turn"], refreshed["last_turn"]) == ("1", "26")
    assert Interview.objects.count() == 0


def test_emptying_a_turns_text_drops_it(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    data["turns-0-text"] = ""
    after = turn_rows(form_data(submit(admin_client, data, "update")))
    assert after == before[1:]


def test_metadata_edits_survive_an_update(admin_client, preview_000, make_topic):
    topic = make_topic("Keras")
    data = form_data(paste(admin_client, SEED_000))
    data.update(
        {
            "title": "Chollet on Keras",
            "published": "2018-07",
            "topics": [str(topic.pk)],
            "new_outlet": "PyImageSearch",
        }
    )
    refreshed = form_data(submit(admin_client, data, "update"))
    assert refreshed["title"] == "Chollet on Keras"
    assert refreshed["published"] == "2018-07"
    assert refreshed["topics"] == str(topic.pk)
    assert refreshed["new_outlet"] == "PyImageSearch"
    assert refreshed["comments"] == data["comments"]


def test_the_pasted_text_is_escaped_in_the_preview(admin_client, db):
    text = (
        "Q: Is <script>alert('q')</script> safe?\n\n"
        "A: It is <b>shown</b> as text, <img src=x onerror=alert(1)>.\n"
    )
    response = paste(admin_client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in html
    data = form_data(response)
    assert "<script>alert('q')</script>" in turn_rows(data)[0]["text"]
    html = submit(admin_client, data, "update").content.decode()
    assert "<script>alert" not in html


def test_going_back_keeps_the_pasted_text_and_hints(admin_client, preview_000):
    data = form_data(preview_000)
    response = submit(admin_client, data, "back")
    back = form_data(response)
    assert back["text"].replace("\r\n", "\n").strip() == SEED_000.strip()
    assert back["source_url"] == PYIMAGESEARCH_URL


def test_preview_queries_do_not_grow_with_the_turns(
    admin_client, make_person, django_assert_max_num_queries
):
    make_person("Ada Lovelace", aliases=["Ada"])

    def transcript(turns):
        return "\n\n".join(
            f"Ada: Answer {n}." if n % 2 else f"Bob: Question {n}?" for n in range(turns)
        )

    counts = []
    for turns in (4, 200):
        with django_assert_max_num_queries(20) as captured:
            response = paste(admin_client, transcript(turns))
        assert f"{turns} turns" in response.content.decode()
        data = form_data(response)
        with django_assert_max_num_queries(20) as updated:
            assert submit(admin_client, data, "update").status_code == 200
        counts.append((len(captured), len(updated)))
    assert counts[0] == counts[1]


# --- Save -----------------------------------------------------------------------------------


def test_saving_creates_the_interview_and_says_so(admin_client, preview_000):
    data = form_data(preview_000)
    expected = turn_rows(data)
    response = submit(admin_client, data, "save")

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:interviews_interview_change", args=[interview.pk])
    turns = list(interview.turns.order_by("position"))
    assert [(t.speaker_label, t.kind, t.text) for t in turns] == [
        (row["speaker"], row["kind"], row["text"]) for row in expected
    ]
    assert interview.comments.count() == 43
    assert interview.comments.filter(parent__isnull=False).count() == 10
    assert interview.source_url == PYIMAGESEARCH_URL
    assert interview.status == Interview.Status.DRAFT
    assert set(Person.objects.values_list("name", flat=True)) == {"Adrian", "Francois"}
    roles = dict(interview.participations.values_list("person__name", "role"))
    assert roles == {"Adrian": "interviewer", "Francois": "interviewee"}

    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Created the interview “An interview with Francois Chollet”")
    assert "28 turns" in message and "43 imported comments" in message
    assert "new people: Adrian, Francois" in message
    assert f'<a href="{interview.get_absolute_url()}">' in message
    page = admin_client.get(response.url).content.decode()
    assert f'<a href="{interview.get_absolute_url()}">' in page


def test_saving_applies_the_corrections_not_yet_previewed(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    data.update({"turns-2-merge": "on", "first_turn": "2", "last_turn": "5"})
    submit(admin_client, data, "save")
    texts = list(Turn.objects.order_by("position").values_list("text", flat=True))
    assert texts == [
        f"{before[1]['text']}\n\n{before[2]['text']}",
        before[3]["text"],
        before[4]["text"],
    ]


def test_saving_creates_a_new_outlet_and_keeps_the_date_precision(admin_client, preview_000):
    data = form_data(preview_000)
    data.update({"new_outlet": "PyImageSearch", "published": "2018-07", "status": "published"})
    response = submit(admin_client, data, "save")
    interview = Interview.objects.get()
    assert interview.outlet == Outlet.objects.get(name="PyImageSearch")
    assert interview.published_display == "July 2018"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "View it on the site" in message
    assert admin_client.get(interview.get_absolute_url()).status_code == 200


def test_reimporting_a_source_url_updates_the_interview(admin_client, preview_000):
    first = form_data(preview_000)
    first.update(status="published", byline="Interview by Adrian Rosebrock")
    submit(admin_client, first, "save")
    interview = Interview.objects.get()
    turn_ids = list(interview.turns.order_by("position").values_list("pk", flat=True))

    again = paste(admin_client, SEED_000, source_url=PYIMAGESEARCH_URL)
    html = again.content.decode()
    assert "This source URL is already in the archive" in html
    data = form_data(again)
    assert data["slug"] == interview.slug
    assert data["status"] == "published"  # an update does not unpublish
    assert data["byline"] == "Interview by Adrian Rosebrock"  # the page prints none
    response = submit(admin_client, data, "save")

    assert Interview.objects.count() == 1
    assert list(interview.turns.order_by("position").values_list("pk", flat=True)) == turn_ids
    assert Person.objects.count() == 2  # the people of the first import, matched by name
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Updated the interview")
    assert "28 turns (28 kept from before)" in message


def test_seed_001_with_hints_matches_the_sample_archive(admin_client, sample_archive):
    response = paste(
        admin_client,
        SEED_001,
        interviewers="Hugo Bowne-Anderson",
        interviewees="François Chollet",
        source_url="https://example.org/a-copy-of-the-datacamp-interview",
    )
    data = form_data(response)
    hugo = Person.objects.get(slug="hugo-bowne-anderson")
    chollet = Person.objects.get(slug="francois-chollet")
    speakers = {
        data[f"speakers-{i}-label"]: (data[f"speakers-{i}-person"], data[f"speakers-{i}-role"])
        for i in range(int(data["speakers-TOTAL_FORMS"]))
    }
    assert speakers == {
        "Hugo Bowne-Anderson": (str(hugo.pk), "interviewer"),
        "François Chollet": (str(chollet.pk), "interviewee"),
    }
    people_before = Person.objects.count()

    response = submit(admin_client, data, "save")
    assert response.status_code == 302
    imported = Interview.objects.get(
        source_url="https://example.org/a-copy-of-the-datacamp-interview"
    )
    original = Interview.objects.get(slug="datacamp-interview-francois-chollet-2017")
    assert imported.pk != original.pk
    assert imported.published_on == original.published_on
    assert imported.date_precision == "month"
    assert Person.objects.count() == people_before
    imported_turns = list(imported.turns.order_by("position"))
    original_turns = list(original.turns.order_by("position"))
    assert len(imported_turns) == len(original_turns) == 26
    for mine, theirs in zip(imported_turns, original_turns, strict=True):
        assert (mine.kind, mine.speaker_id, mine.text) == (
            theirs.kind,
            theirs.speaker_id,
            theirs.text,
        )
    roles = set(imported.participations.values_list("person__slug", "role"))
    assert roles == {
        ("hugo-bowne-anderson", Participation.Role.INTERVIEWER),
        ("francois-chollet", Participation.Role.INTERVIEWEE),
    }


def test_a_taken_slug_is_refused_before_saving(admin_client, preview_000, make_interview):
    make_interview(slug="taken")
    data = form_data(preview_000)
    data["slug"] = "taken"
    response = submit(admin_client, data, "save")
    assert response.status_code == 200
    assert "Another interview already has the slug “taken”" in response.content.decode()
    assert Interview.objects.count() == 1


@pytest.mark.parametrize("published", ["2 July 2018", "2018-13", "2018-02-30", "2018-00"])
def test_a_bad_date_is_refused(admin_client, preview_000, published):
    data = form_data(preview_000)
    data["published"] = published
    response = submit(admin_client, data, "save")
    assert response.status_code == 200
    assert "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD" in response.content.decode()
    assert Interview.objects.count() == 0


def test_tampered_comments_are_refused_not_a_server_error(admin_client, preview_000):
    data = form_data(preview_000)
    for comments in ["not json", '{"a": 1}', '[{"author": 1, "text": "x"}]', "[" * 5000]:
        data["comments"] = comments
        response = submit(admin_client, data, "save")
        assert response.status_code == 200
        assert "Please correct the errors below" in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_tampered_turns_formset_is_refused_not_a_server_error(admin_client, preview_000):
    data = form_data(preview_000)
    del data["turns-TOTAL_FORMS"]
    response = submit(admin_client, data, "update")
    assert response.status_code == 200
    assert "ManagementForm data is missing or has been tampered with" in response.content.decode()


def test_a_last_turn_beyond_the_transcript_is_refused(admin_client, preview_000):
    data = form_data(preview_000)
    data["last_turn"] = "40"
    response = submit(admin_client, data, "update")
    assert "There are 28 turns: the last can be at most 28." in response.content.decode()


def test_dropping_every_turn_is_refused(admin_client, preview_000):
    data = form_data(preview_000)
    data.update({"first_turn": "3", "last_turn": "3", "turns-2-text": "  "})
    response = submit(admin_client, data, "save")
    assert "No turns are left" in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_failed_save_saves_nothing_and_says_why(admin_client, preview_000, monkeypatch):
    from interviews.importing import services

    def refuse(draft):
        raise services.TranscriptImportError("Turn 3 has no text.")

    monkeypatch.setattr("interviews.importing.preview.transcript_import", refuse)
    data = form_data(preview_000)
    data["new_outlet"] = "A new outlet"
    response = submit(admin_client, data, "save")
    assert response.status_code == 200
    assert "Nothing was saved: Turn 3 has no text." in response.content.decode()
    assert not Outlet.objects.exists()


def test_a_database_error_on_save_is_shown_and_everything_rolled_back(
    admin_client, preview_000, monkeypatch
):
    from interviews.importing import services

    def save_then_fail(draft):
        services.transcript_import(draft=draft)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("interviews.importing.preview.transcript_import", save_then_fail)
    data = form_data(preview_000)
    data["new_outlet"] = "A new outlet"
    response = submit(admin_client, data, "save")
    assert response.status_code == 200
    html = response.content.decode()
    # In words, never the database's own.
    assert "Nothing was saved: The archive refused this import" in html
    assert "duplicate key value" not in html
    assert not Interview.objects.exists()
    assert not Outlet.objects.exists()
    assert not Person.objects.exists()


# --- Refusals -------------------------------------------------------------------------------


def test_an_empty_paste_is_refused(admin_client, db):
    response = paste(admin_client, "   \n  ")
    assert response.status_code == 200
    assert "Paste a transcript or choose a file." in response.content.decode()


def test_a_paste_over_2_mb_is_refused(admin_client, db):
    text = "Q: Why?\n\nA: " + "é" * 1_200_000  # 1.2 million characters, 2.4 million bytes
    response = paste(admin_client, text)
    assert response.status_code == 200
    assert "The transcript is 2.3 MB; the limit is 2.0 MB." in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_paste_over_djangos_own_limit_gets_the_same_message(admin_client, db):
    text = "Q: Why?\n\nA: " + "x" * (3_400_000)
    response = paste(admin_client, text)
    assert response.status_code == 200
    assert "The transcript is 3.2 MB; the limit is 2.0 MB." in response.content.decode()


def upload(client, content: bytes, name="transcript.txt"):
    return client.post(
        IMPORT_URL, {"step": "preview", "file": SimpleUploadedFile(name, content, "text/plain")}
    )


def test_a_binary_upload_is_refused(admin_client, db):
    response = upload(admin_client, b"%PDF-1.4\x00\x01\x02\xff", "interview.pdf")
    assert response.status_code == 200
    assert "This file is not text (it contains NUL bytes)" in response.content.decode()
    assert Interview.objects.count() == 0


def test_an_upload_that_is_not_utf8_is_refused(admin_client, db):
    response = upload(admin_client, "Q: Café?\n\nA: Oui.".encode("cp1252"))
    assert response.status_code == 200
    assert "This file is not UTF-8 text" in response.content.decode()
    assert "Save it as UTF-8" in response.content.decode()


def test_a_utf8_upload_with_a_byte_order_mark_is_read(admin_client, db):
    response = upload(admin_client, "\ufeffQ: Café?\n\nA: Oui, un café.".encode())
    assert response.status_code == 200
    assert [row["text"] for row in turn_rows(form_data(response))] == ["Café?", "Oui, un café."]


def test_an_upload_over_2_mb_is_refused(admin_client, db):
    response = upload(admin_client, b"Q: Why?\n\nA: " + b"x" * (3 * 1024 * 1024))
    assert response.status_code == 200
    assert "The transcript is 3.0 MB; the limit is 2.0 MB." in response.content.decode()


def test_a_paste_and_a_file_together_are_refused(admin_client, db):
    response = admin_client.post(
        IMPORT_URL,
        {
            "step": "preview",
            "text": "Q: Why?\n\nA: Because.",
            "file": SimpleUploadedFile("t.txt", b"Q: Why?\n\nA: Because."),
        },
    )
    assert "Paste the transcript or choose a file, not both." in response.content.decode()


def test_text_with_no_turns_is_refused_with_the_parsers_warnings(admin_client, db):
    response = paste(admin_client, "hello")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No turns were found in this text" in html
    assert "The parser says: no turns found" in html
    assert Interview.objects.count() == 0


def test_a_10_mb_paste_is_refused_clearly_before_anything_reads_it(admin_client, db):
    # Over DATA_UPLOAD_MAX_MEMORY_SIZE: Django refuses the form before the view, CSRF included.
    response = paste(admin_client, "Q: Why?\n\nA: " + "x" * 10_000_000)
    html = response.content.decode()
    assert response.status_code == 413
    assert "Too large to accept" in html
    assert "A transcript may be at most 2 MB" in html
    assert Interview.objects.count() == 0


def test_a_form_with_too_many_fields_is_refused_clearly(admin_client, db, settings):
    data = {f"field-{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = admin_client.post(IMPORT_URL, {"step": "save", **data})
    assert response.status_code == 413
    assert "nothing was saved" in response.content.decode()
    assert Interview.objects.count() == 0
