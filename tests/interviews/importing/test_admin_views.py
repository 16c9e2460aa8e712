"""The admin's "Import transcript" flow, driven as an editor would: paste, correct, save.

Step 1 stores a draft and redirects to its preview; each step posts back what the page's form
holds, read from its HTML the way a browser reads it, with the editor's changes on top.
"""

import datetime
import io
import threading
import time

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from interviews.importing.models import ImportDraft
from interviews.models import Interview, Outlet, Participation, Turn
from people.models import Person
from tests.interviews.importing.admin_pages import (
    IMPORT_URL,
    SEED_000,
    SEED_001,
    confirm_new_people,
    draft_of,
    form_data,
    page_url,
    paste,
    submit,
    turn_rows,
    upload,
)

PYIMAGESEARCH_URL = "https://pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/"


def speaker_rows(draft: ImportDraft) -> dict[str, dict]:
    """The draft's speakers by label."""
    return {speaker["label"]: speaker for speaker in draft.state["speakers"]}


def stored_turns(draft: ImportDraft) -> list[dict]:
    draft.refresh_from_db()
    return [
        {"speaker": turn["speaker"], "kind": turn["kind"], "text": turn["text"]}
        for turn in draft.state["turns"]
    ]


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


# --- Step 1 → a draft -----------------------------------------------------------------------


def test_a_paste_stores_a_draft_and_redirects_to_its_preview(admin_client, admin_user):
    response = admin_client.post(IMPORT_URL, {"text": SEED_000})
    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    assert response.url == f"{IMPORT_URL}{draft.pk}/"
    assert draft.owner == admin_user
    assert draft.source == "paste"
    assert draft.title == "An interview with Francois Chollet"
    assert draft.turn_count == 28
    assert len(draft.fingerprint) == 64
    assert draft.expires_at > draft.updated_at
    # The page is rendered from the stored state: nothing of it travels in hidden fields.
    html = admin_client.get(response.url).content.decode()
    assert 'type="hidden" name="transcript"' not in html
    assert 'name="comments"' not in html
    assert 'name="notes"' not in html


def test_an_upload_names_its_draft_by_the_file(admin_client, db):
    response = upload(admin_client, b"Q: Why?\n\nA: Because.", "hart-interview.txt")
    assert response.status_code == 200
    draft = draft_of(response)
    assert draft.source == "hart-interview.txt"
    assert draft.state["source"] == {"kind": "file", "name": "hart-interview.txt"}


def test_expired_drafts_are_deleted_when_an_import_starts(admin_client, admin_user):
    old = ImportDraft.objects.create(
        owner=admin_user,
        source="paste",
        state={},
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    paste(admin_client, SEED_000)
    assert not ImportDraft.objects.filter(pk=old.pk).exists()
    assert ImportDraft.objects.count() == 1


def test_the_expiry_command_deletes_expired_drafts(admin_user):
    ImportDraft.objects.create(
        owner=admin_user, source="paste", state={}, expires_at=timezone.now()
    )
    kept = ImportDraft.objects.create(owner=admin_user, source="paste", state={})
    out = io.StringIO()
    call_command("import_drafts_expire", stdout=out)
    assert "1 expired unfinished import deleted." in out.getvalue()
    assert list(ImportDraft.objects.all()) == [kept]


# --- Whose drafts ---------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor2", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_interview", "view_interview"])
    )
    return user


def test_another_editors_draft_is_not_found(admin_client, client, editor):
    response = paste(admin_client, SEED_000)
    url = page_url(response)
    client.force_login(editor)
    assert client.get(url).status_code == 404
    data = form_data(response)
    assert client.post(url, {**data, "action": "save"}).status_code == 404
    assert client.post(url, {"action": "discard"}).status_code == 404
    assert ImportDraft.objects.count() == 1
    assert Interview.objects.count() == 0


def test_unfinished_imports_lists_ones_own_drafts_with_a_continue_link(
    admin_client, client, editor
):
    theirs = paste(admin_client, SEED_000)
    client.force_login(editor)
    mine = paste(client, BYLINED_PAGE)
    listing = reverse("admin:interviews_importdraft_changelist")
    html = client.get(listing).content.decode()
    assert "Talking Tides with a Harbour Pilot" in html
    assert f'<a href="{page_url(mine)}">Continue</a>' in html
    assert "An interview with Francois Chollet" not in html
    # A superuser sees everyone's, with whose they are.
    html = admin_client.get(listing).content.decode()
    assert "Talking Tides with a Harbour Pilot" in html
    assert "An interview with Francois Chollet" in html
    assert f'<a href="{page_url(theirs)}">Continue</a>' in html
    assert "editor2" in html
    # Drafts are made by the import, not added here; they can be deleted.
    assert client.get(reverse("admin:interviews_importdraft_add")).status_code == 403
    mine_id = draft_of(mine).pk
    delete = reverse("admin:interviews_importdraft_delete", args=[mine_id])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not ImportDraft.objects.filter(pk=mine_id).exists()
    other = reverse("admin:interviews_importdraft_delete", args=[draft_of(theirs).pk])
    assert client.post(other, {"post": "yes"}).status_code == 302
    assert ImportDraft.objects.filter(pk=draft_of(theirs).pk).exists()


@pytest.mark.parametrize(
    "selected", ["", "abc", "²", "1e9", "99999999999999999999", "a\x00b", "[]", "{}"]
)
def test_unfinished_imports_answer_a_selection_that_is_no_id_with_a_message(admin_client, selected):
    """Django's action filters on the posted ids as they are: "abc" raised, a 500."""
    draft_id = draft_of(paste(admin_client, SEED_000)).pk
    listing = reverse("admin:interviews_importdraft_changelist")
    for confirmed in ({}, {"post": "yes"}):
        response = admin_client.post(
            listing,
            {
                "action": "delete_selected",
                "index": "0",
                "_selected_action": [str(draft_id), selected],
                **confirmed,
            },
            follow=True,
        )
        assert response.status_code == 200
        assert "Some selected items are not valid ids; nothing was done." in [
            str(message) for message in response.context["messages"]
        ]
    assert ImportDraft.objects.filter(pk=draft_id).exists()


def test_the_admin_index_lists_unfinished_imports(admin_client, db):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Unfinished imports" in html


def test_a_saved_draft_is_no_longer_listed_and_opens_its_interview(admin_client, preview_000):
    data = confirm_new_people(form_data(preview_000))
    response = submit(admin_client, preview_000, data, "save", follow=False)
    interview = Interview.objects.get()
    assert response.url == reverse("admin:interviews_interview_change", args=[interview.pk])
    listing = admin_client.get(reverse("admin:interviews_importdraft_changelist"))
    assert f'<a href="{page_url(preview_000)}">Continue</a>' not in listing.content.decode()
    again = admin_client.get(page_url(preview_000))
    assert again.status_code == 302
    assert again.url == response.url


def test_a_second_save_opens_the_saved_interview_instead_of_saving_twice(admin_client, preview_000):
    # No source URL: nothing else would tell the second save from a new interview.
    response = paste(admin_client, BYLINED_PAGE)
    data = confirm_new_people(form_data(response))
    first = submit(admin_client, response, data, "save", follow=False)
    second = submit(admin_client, response, data, "save", follow=False)
    interview = Interview.objects.get(title="Talking Tides with a Harbour Pilot")
    assert (
        first.url == second.url == reverse("admin:interviews_interview_change", args=[interview.pk])
    )
    assert Interview.objects.filter(title=interview.title).count() == 1
    messages = [str(m) for m in get_messages(second.wsgi_request)]
    assert "This import was already saved: here is the interview it made." in messages


def test_discarding_a_draft_deletes_it(admin_client, preview_000):
    response = submit(admin_client, preview_000, {}, "discard", follow=False)
    assert response.url == reverse("admin:interviews_interview_changelist")
    assert not ImportDraft.objects.exists()


# --- Step 2: the preview ----------------------------------------------------------------------


def test_the_preview_shows_what_the_page_holds(preview_000):
    html = preview_000.content.decode()
    data = form_data(preview_000)
    draft = draft_of(preview_000)
    assert "28 turns" in html
    assert "43 comments" in html
    assert "warning" in html
    assert "set aside as page furniture" in html
    assert data["title"] == "An interview with Francois Chollet"
    assert data["source_url"] == PYIMAGESEARCH_URL
    assert data["status"] == "draft"
    assert [row["kind"] for row in turn_rows(data)].count("caption") == 4
    speakers = {s["label"]: s for s in draft.state["speakers"]}
    assert set(speakers) == {"Adrian", "Francois"}
    assert speakers["Adrian"]["role"] == "interviewer"
    assert speakers["Francois"]["role"] == "interviewee"
    index = [s["label"] for s in draft.state["speakers"]].index("Adrian")
    # The full name the page gives, proposed for the label "Adrian".
    assert data[f"speakers-{index}-new_name"] == "Adrian Rosebrock"
    # Proposed from a label, not typed by the editor: waiting for confirmation.
    assert f"speakers-{index}-confirmed" not in data


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
    ignored = draft_of(response).state["notes"]["ignored"]
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


def test_the_byline_is_kept_corrected_and_saved(admin_client, db):
    response = paste(admin_client, BYLINED_PAGE)
    data = form_data(response)
    data["byline"] = "  Interview by\nHelen   Marsh "
    response = submit(admin_client, response, data, "update")
    refreshed = form_data(response)
    assert refreshed["byline"] == "Interview by Helen Marsh"
    # The parser's notes stay with the draft: still shown after an update.
    assert "<dt>location</dt><dd>Port of Dunmore</dd>" in response.content.decode()
    assert "3 lines set aside" in parse_notes_box(response.content.decode())
    submit(admin_client, response, confirm_new_people({**refreshed, "status": "published"}), "save")
    interview = Interview.objects.get()
    assert interview.byline == "Interview by Helen Marsh"
    page = admin_client.get(interview.get_absolute_url()).content.decode()
    assert '<li class="byline">Interview by Helen Marsh</li>' in page


def test_a_hostile_byline_is_escaped_and_a_huge_one_refused(admin_client, db):
    response = paste(admin_client, BYLINED_PAGE)
    data = form_data(response)
    data["byline"] = "<script>alert('b')</script>"
    response = submit(admin_client, response, data, "update")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert form_data(response)["byline"] == "<script>alert('b')</script>"

    data["byline"] = "B" * 10_000
    response = submit(admin_client, response, confirm_new_people(data), "save")
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters (it has 10000)." in (
        response.content.decode()
    )
    assert Interview.objects.count() == 0


def test_hostile_metadata_is_escaped(admin_client, db):
    text = "<b>key</b>: <script>alert(1)</script>\n\n" + BYLINED_PAGE
    html = paste(admin_client, text).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


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
        [c for c in draft_of(preview_000).state["comments"] if c["replies"]]
    )


def test_the_preview_proposes_the_people_a_label_matches(admin_client, make_person):
    adrian = make_person("Adrian Rosebrock", aliases=["Adrian"])
    make_person("Someone Else")
    response = paste(admin_client, SEED_000)
    data = form_data(response)
    index = [s["label"] for s in draft_of(response).state["speakers"]].index("Adrian")
    assert data[f"speakers-{index}-person"] == str(adrian.pk)
    assert data[f"speakers-{index}-new_name"] == ""
    html = response.content.decode()
    assert "Adrian Rosebrock" in html
    assert "Someone Else" not in html


def test_role_only_speakers_are_not_offered_as_new_people(admin_client, db):
    response = paste(admin_client, "Q: Why bread?\n\nA: It rises.\n\nQ: And?\n\nA: Done.")
    data = form_data(response)
    labels = [s["label"] for s in draft_of(response).state["speakers"]]
    assert set(labels) == {"Interviewer", "Interviewee"}
    assert all(data[f"speakers-{i}-new_name"] == "" for i in range(len(labels)))


def test_editing_turns_updates_the_draft(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    keys = {s["label"]: s["key"] for s in draft_of(preview_000).state["speakers"]}
    assert before[1]["speaker"] == keys["Adrian"] and before[2]["speaker"] == keys["Francois"]
    # Turn 3 is said by Adrian as a remark; turn 7 is split in two, the second part at 12:34.
    data.update(
        {
            "turns-2-speaker": keys["Adrian"],
            "turns-2-kind": "remark",
            "turns-6-text": "First half of the answer.\n--- 12:34\nSecond half of the answer.",
            "turns-6-timestamp": "1:02:03",
        }
    )
    response = submit(admin_client, preview_000, data, "update", follow=False)
    assert response.status_code == 302
    assert response.url.endswith("#turn-1")
    after = stored_turns(draft_of(preview_000))
    assert len(after) == 29
    assert after[1] == before[1]
    assert after[2] == {"speaker": keys["Adrian"], "kind": "remark", "text": before[2]["text"]}
    assert after[6]["text"] == "First half of the answer."
    assert after[7]["text"] == "Second half of the answer."
    assert after[6]["speaker"] == after[7]["speaker"] == before[6]["speaker"]
    turns = draft_of(preview_000).state["turns"]
    assert (turns[6]["timestamp"], turns[7]["timestamp"]) == (3723, 754)
    assert after[8:] == before[7:]
    html = admin_client.get(response.url).content.decode()
    assert "29 turns" in html
    assert 'value="01:02:03"' in html
    assert Interview.objects.count() == 0


def test_merging_turns_of_one_speaker_merges_them(admin_client, db):
    response = paste(admin_client, "Ana: One.\n\nBen: Two.\n\nAna: Three.", format="labelled")
    keys = {s["label"]: s["key"] for s in draft_of(response).state["speakers"]}
    # The speaker corrected and the merge pressed at once: the correction comes first.
    data = {**form_data(response), "turns-1-speaker": keys["Ana"]}
    response = submit(admin_client, response, data, "merge:2", follow=False)
    assert response.url.endswith("#turn-1")
    turns = draft_of_url(response.url).state["turns"]
    assert [turn["text"] for turn in turns] == ["One.\n\nTwo.", "Three."]


def draft_of_url(url: str) -> ImportDraft:
    return ImportDraft.objects.get(pk=int(url.split("/import/")[1].split("/")[0]))


def test_merging_turns_of_two_speakers_asks_whose_the_turn_is(admin_client, db):
    response = paste(
        admin_client, "Ana Ruiz: One.\n\nBen Okafor: Two.\n\nAna Ruiz: Three.", format="labelled"
    )
    draft = draft_of(response)
    keys = {s["label"]: s["key"] for s in draft.state["speakers"]}
    asked = submit(admin_client, response, form_data(response), "merge:2", follow=False)
    assert asked.url.endswith("merge=2#merge-question")
    assert len(draft_of(response).state["turns"]) == 3  # nothing merged yet
    page = admin_client.get(asked.url)
    html = page.content.decode()
    assert "Turn 2 is Ben Okafor’s and turn 1 is Ana Ruiz’s: whose is the merged turn?" in html
    assert f'value="merge:2:{keys["Ana Ruiz"]}"' in html
    assert f'value="merge:2:{keys["Ben Okafor"]}"' in html
    answered = submit(admin_client, page, form_data(page), f"merge:2:{keys['Ben Okafor']}")
    assert answered.status_code == 200
    turns = draft_of(response).state["turns"]
    assert [(t["speaker"], t["text"]) for t in turns] == [
        (keys["Ben Okafor"], "One.\n\nTwo."),
        (keys["Ana Ruiz"], "Three."),
    ]


def test_the_split_button_cuts_a_turn_into_its_paragraphs(admin_client, db):
    response = paste(
        admin_client, "Ana: One.\n\nBen: Two.\nMore.\n\nAna: Three.", format="labelled"
    )
    data = form_data(response)
    data["turns-1-text"] = "Two.\n\nMore."
    data["turns-1-timestamp"] = "65"
    submit(admin_client, response, data, "split:2")
    turns = draft_of(response).state["turns"]
    assert [(t["text"], t["timestamp"]) for t in turns] == [
        ("One.", None),
        ("Two.", 65),
        ("More.", None),
        ("Three.", None),
    ]
    response = admin_client.get(page_url(response))
    one = submit(admin_client, response, form_data(response), "split:1")
    assert "Turn 1 is one paragraph" in one.content.decode()


def test_emptying_a_turns_text_drops_it(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    data["turns-0-text"] = ""
    submit(admin_client, preview_000, data, "update")
    assert stored_turns(draft_of(preview_000)) == before[1:]


def test_keeping_turns_first_to_last_drops_the_others(admin_client, preview_000):
    data = form_data(preview_000)
    before = turn_rows(data)
    data.update({"trim-first": "2", "trim-last": "27"})
    submit(admin_client, preview_000, data, "trim")
    assert stored_turns(draft_of(preview_000)) == before[1:27]
    data = form_data(admin_client.get(page_url(preview_000)))
    data.update({"trim-first": "3", "trim-last": "40"})
    response = submit(admin_client, preview_000, data, "trim")
    assert "There are 26 turns: the last can be at most 26." in response.content.decode()


def test_a_label_is_mapped_to_a_speaker_in_one_step(admin_client, db):
    response = paste(admin_client, "Q: Why bread?\n\nA: It rises.\n\nQ: And?\n\nA: Done.")
    data = form_data(response)
    data.update({"add-name": "Ana Ruiz", "add-role": "interviewer"})
    response = submit(admin_client, response, data, "add_speaker")
    draft = draft_of(response)
    ana = next(s for s in draft.state["speakers"] if s["new_name"] == "Ana Ruiz")
    assert ana["label"] == "" and ana["role"] == "interviewer"
    data = form_data(response)
    data.update({"map-label": "Q", "map-speaker": ana["key"]})
    response = submit(admin_client, response, data, "map")
    turns = draft_of(response).state["turns"]
    assert [t["speaker"] == ana["key"] for t in turns] == [True, False, True, False]
    html = response.content.decode()
    assert html.count("selected>Ana Ruiz</option>") == 2


def test_saving_with_unconfirmed_new_people_names_them(admin_client, preview_000):
    response = submit(admin_client, preview_000, form_data(preview_000), "save")
    html = response.content.decode()
    assert "Confirm the new people to create" in html
    assert "“Adrian”" in html and "“Francois”" in html
    assert Interview.objects.count() == 0
    assert Person.objects.count() == 0


def test_metadata_edits_survive_an_update(admin_client, preview_000, make_topic):
    topic = make_topic("Keras")
    data = form_data(preview_000)
    data.update(
        {
            "title": "Chollet on Keras",
            "published": "2018-07",
            "topics": [str(topic.pk)],
            "new_outlet": "PyImageSearch",
        }
    )
    refreshed = form_data(submit(admin_client, preview_000, data, "update"))
    assert refreshed["title"] == "Chollet on Keras"
    assert refreshed["published"] == "2018-07"
    assert refreshed["topics"] == str(topic.pk)
    assert refreshed["new_outlet"] == "PyImageSearch"
    assert len(draft_of(preview_000).state["comments"]) == 33


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
    html = submit(admin_client, response, data, "update").content.decode()
    assert "<script>alert" not in html


def test_going_back_keeps_the_pasted_text_and_hints_and_replaces_the_draft(
    admin_client, preview_000
):
    response = submit(admin_client, preview_000, {}, "back")
    back = form_data(response)
    assert back["text"].replace("\r\n", "\n").strip() == SEED_000.strip()
    assert back["source_url"] == PYIMAGESEARCH_URL
    back["text"] = BYLINED_PAGE
    again = admin_client.post(IMPORT_URL, back, follow=True)
    assert draft_of(again).pk == draft_of(preview_000).pk
    assert ImportDraft.objects.get().title == "Talking Tides with a Harbour Pilot"


def long_transcript(turns: int) -> str:
    return "\n\n".join(
        f"Ada: Answer {n}." if n % 2 else f"Bob: Question {n}?" for n in range(turns)
    )


def test_preview_queries_do_not_grow_with_the_turns(
    admin_client, make_person, django_assert_max_num_queries
):
    make_person("Ada Lovelace", aliases=["Ada"])
    counts = []
    for turns in (4, 450):
        with django_assert_max_num_queries(20) as pasted:
            response = admin_client.post(IMPORT_URL, {"text": long_transcript(turns)})
        with django_assert_max_num_queries(20) as shown:
            response = admin_client.get(response.url)
        assert f"{turns} turns" in response.content.decode()
        data = form_data(response)
        with django_assert_max_num_queries(20) as updated:
            assert submit(admin_client, response, data, "update", follow=False).status_code == 302
        counts.append((len(pasted), len(shown), len(updated)))
    assert counts[0] == counts[1]


def test_a_long_transcript_is_shown_a_page_of_turns_at_a_time(admin_client, db, settings):
    settings.IMPORT_PREVIEW_TURNS_PER_PAGE = 100
    response = paste(admin_client, long_transcript(250))
    data = form_data(response)
    assert data["turns-TOTAL_FORMS"] == "100"
    html = response.content.decode()
    assert "Turns 1–100 of 250." in html
    assert 'value="page:3"' in html
    data["turns-5-text"] = "Changed on page 1."
    response = submit(admin_client, response, data, "page:3")
    data = form_data(response)
    assert data["turns-TOTAL_FORMS"] == "50"
    assert data["turns-0-text"] == "Question 200?"
    assert 'id="turn-201"' in response.content.decode()
    assert draft_of(response).state["turns"][5]["text"] == "Changed on page 1."
    # An edit on page 3 is applied to turn 201 and shows page 3 again, at that turn.
    data["turns-0-text"] = "Changed on page 3.\n\nIn two paragraphs."
    edited = submit(admin_client, response, data, "split:201", follow=False)
    assert "page=3" in edited.url
    for page in ("0", "-1", "x", "²", "9" * 30, "4"):
        got = admin_client.get(f"{page_url(response).split('?')[0]}?page={page}")
        assert got.status_code == 200


def test_a_stale_page_is_refused_not_applied_to_other_turns(admin_client, db, settings):
    settings.IMPORT_PREVIEW_TURNS_PER_PAGE = 10
    response = paste(admin_client, long_transcript(25))
    data = form_data(response)
    data["turns-TOTAL_FORMS"] = "9"
    response = submit(admin_client, response, data, "update")
    assert "The turns changed since this page was shown" in response.content.decode()


# --- Save -----------------------------------------------------------------------------------


def test_saving_creates_the_interview_and_says_so(admin_client, preview_000):
    data = confirm_new_people(form_data(preview_000))
    draft = draft_of(preview_000)
    names = {s["key"]: s["label"] for s in draft.state["speakers"]}
    expected = turn_rows(data)
    response = submit(admin_client, preview_000, data, "save", follow=False)

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:interviews_interview_change", args=[interview.pk])
    turns = list(interview.turns.order_by("position"))
    assert [(t.speaker_label, t.kind, t.text) for t in turns] == [
        (names.get(row["speaker"], ""), row["kind"], row["text"]) for row in expected
    ]
    assert interview.comments.count() == 43
    assert interview.comments.filter(parent__isnull=False).count() == 10
    assert interview.source_url == PYIMAGESEARCH_URL
    assert interview.status == Interview.Status.DRAFT
    assert set(Person.objects.values_list("name", flat=True)) == {
        "Adrian Rosebrock",
        "Francois Chollet",
    }
    roles = dict(interview.participations.values_list("person__name", "role"))
    assert roles == {"Adrian Rosebrock": "interviewer", "Francois Chollet": "interviewee"}
    draft.refresh_from_db()
    assert draft.saved_interview == interview

    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Created the interview “An interview with Francois Chollet”")
    assert "28 turns" in message and "43 imported comments" in message
    assert "new people: Adrian Rosebrock, Francois Chollet" in message
    assert f'<a href="{interview.get_absolute_url()}">' in message
    page = admin_client.get(response.url).content.decode()
    assert f'<a href="{interview.get_absolute_url()}">' in page


def test_saving_applies_the_corrections_on_the_page(admin_client, preview_000):
    data = confirm_new_people(form_data(preview_000))
    before = turn_rows(data)
    data.update({"turns-0-text": "", "turns-3-text": "Corrected."})
    submit(admin_client, preview_000, data, "save")
    texts = list(Turn.objects.order_by("position").values_list("text", flat=True))
    assert texts == [row["text"] for row in before[1:3]] + ["Corrected."] + [
        row["text"] for row in before[4:]
    ]


def test_a_turn_given_to_another_speaker_is_not_saved_under_the_old_label(admin_client, db):
    response = paste(
        admin_client,
        "Ana Ruiz: One?\n\nBen Okafor: Two.\n\nAna Ruiz: Three?",
        format="labelled",
    )
    data = confirm_new_people({**form_data(response), "title": "A talk"})
    keys = {s["label"]: s["key"] for s in draft_of(response).state["speakers"]}
    data["turns-1-speaker"] = keys["Ana Ruiz"]
    submit(admin_client, response, data, "save")
    turn = Turn.objects.get(position=2)
    assert (turn.speaker.name, turn.speaker_label) == ("Ana Ruiz", "Ana Ruiz")


def test_saving_creates_a_new_outlet_and_keeps_the_date_precision(admin_client, preview_000):
    data = confirm_new_people(form_data(preview_000))
    data.update({"new_outlet": "PyImageSearch", "published": "2018-07", "status": "published"})
    response = submit(admin_client, preview_000, data, "save", follow=False)
    interview = Interview.objects.get()
    assert interview.outlet == Outlet.objects.get(name="PyImageSearch")
    assert interview.published_display == "July 2018"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "View it on the site" in message
    assert admin_client.get(interview.get_absolute_url()).status_code == 200


def test_reimporting_a_source_url_updates_the_interview(admin_client, preview_000):
    first = confirm_new_people(form_data(preview_000))
    first.update(status="published", byline="Interview by Adrian Rosebrock")
    submit(admin_client, preview_000, first, "save")
    interview = Interview.objects.get()
    turn_ids = list(interview.turns.order_by("position").values_list("pk", flat=True))

    again = paste(admin_client, SEED_000, source_url=PYIMAGESEARCH_URL)
    html = again.content.decode()
    assert "This source URL is already in the archive" in html
    data = confirm_new_people(form_data(again))
    assert data["slug"] == interview.slug
    assert data["status"] == "published"  # an update does not unpublish
    assert data["byline"] == "Interview by Adrian Rosebrock"  # the page prints none
    response = submit(admin_client, again, data, "save", follow=False)

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
    state = draft_of(response).state
    speakers = {
        s["label"]: (data[f"speakers-{i}-person"], data[f"speakers-{i}-role"])
        for i, s in enumerate(state["speakers"])
    }
    assert speakers == {
        "Hugo Bowne-Anderson": (str(hugo.pk), "interviewer"),
        "François Chollet": (str(chollet.pk), "interviewee"),
    }
    people_before = Person.objects.count()

    response = submit(admin_client, response, data, "save", follow=False)
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


def test_a_person_can_be_chosen_from_the_archive_by_id(admin_client, make_person):
    ana = make_person("Ana Ruiz")
    response = paste(admin_client, "Q: Why?\n\nA: Because.")
    data = form_data(response)
    data["speakers-1-person"] = str(ana.pk)
    response = submit(admin_client, response, data, "update")
    assert draft_of(response).state["speakers"][1]["person_id"] == ana.pk
    assert "Ana Ruiz" in form_data(response).get("turns-1-speaker", "") or (
        '<option value="s2" selected>Ana Ruiz</option>' in response.content.decode()
    )


def test_a_taken_slug_is_refused_before_saving(admin_client, preview_000, make_interview):
    make_interview(slug="taken")
    data = confirm_new_people(form_data(preview_000))
    data["slug"] = "taken"
    response = submit(admin_client, preview_000, data, "save")
    assert response.status_code == 200
    assert "Another interview already has the slug “taken”" in response.content.decode()
    assert Interview.objects.count() == 1


@pytest.mark.parametrize(
    "published", ["2 July 2018", "2018-13", "2018-02-30", "2018-00", "²⁰¹⁸", "99999-01"]
)
def test_a_bad_date_is_refused(admin_client, preview_000, published):
    data = confirm_new_people(form_data(preview_000))
    data["published"] = published
    response = submit(admin_client, preview_000, data, "save")
    assert response.status_code == 200
    assert "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD" in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_tampered_turns_formset_is_refused_not_a_server_error(admin_client, preview_000):
    data = form_data(preview_000)
    del data["turns-TOTAL_FORMS"]
    response = submit(admin_client, preview_000, data, "update")
    assert response.status_code == 200
    assert "ManagementForm data is missing or has been tampered with" in response.content.decode()


def test_dropping_every_turn_is_refused(admin_client, db):
    response = paste(admin_client, "Q: Why?\n\nA: Because.")
    data = form_data(response)
    data.update({"turns-0-text": "", "turns-1-text": " "})
    response = submit(admin_client, response, data, "save")
    assert "No turns would be left" in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_failed_save_saves_nothing_and_says_why(admin_client, preview_000, monkeypatch):
    from interviews.importing import services

    def refuse(draft, **keywords):
        raise services.TranscriptImportError("Turn 3 has no text.")

    monkeypatch.setattr("interviews.importing.preview.transcript_import", refuse)
    data = confirm_new_people(form_data(preview_000))
    data["new_outlet"] = "A new outlet"
    response = submit(admin_client, preview_000, data, "save")
    assert response.status_code == 200
    assert "Nothing was saved: Turn 3 has no text." in response.content.decode()
    assert not Outlet.objects.exists()
    # The editor's changes are kept in the draft, ready for another try.
    assert draft_of(preview_000).state["details"]["new_outlet"] == "A new outlet"


def test_a_database_error_on_save_is_shown_and_everything_rolled_back(
    admin_client, preview_000, monkeypatch
):
    from interviews.importing import services

    def save_then_fail(draft, **keywords):
        services.transcript_import(draft=draft, **keywords)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("interviews.importing.preview.transcript_import", save_then_fail)
    data = confirm_new_people(form_data(preview_000))
    data["new_outlet"] = "A new outlet"
    response = submit(admin_client, preview_000, data, "save")
    assert response.status_code == 200
    html = response.content.decode()
    # In words, never the database's own.
    assert "Nothing was saved: The archive refused this import" in html
    assert "duplicate key value" not in html
    assert not Interview.objects.exists()
    assert not Outlet.objects.exists()
    assert not Person.objects.exists()
    assert draft_of(preview_000).saved_interview is None


def test_an_outlet_deleted_since_it_was_chosen_is_refused(admin_client, make_outlet):
    outlet = make_outlet("Gone Weekly")
    response = paste(admin_client, BYLINED_PAGE)
    data = confirm_new_people(form_data(response))
    data["outlet"] = str(outlet.pk)
    submit(admin_client, response, data, "update")
    outlet.delete()
    response = submit(admin_client, response, {**data, "outlet": ""}, "save")
    assert response.status_code == 200
    assert Interview.objects.count() == 1  # the outlet field was cleared: saved without one


# --- Hostile values: a form error or a 400, never a 500 --------------------------------------

HOSTILE_VALUES = [
    "",
    "x",
    "-1",
    "1.5",
    "²",
    "٣",
    "1e9",
    "9" * 40,
    str(2**63),
    "\x00",
    "1\x00",
    "<script>",
    "s999",
    "0",
    "99:99:99",
    "100:00:01",
    "1:02:03",
]


def preview_fields(response) -> list[str]:
    """Every field the preview posts: the forms' own, the speakers' and the turns'."""
    return sorted(set(form_data(response)))


@pytest.fixture
def qa_preview(admin_client, db):
    return paste(admin_client, "Q: Why bread?\n\nA: It rises.\n\nQ: When?\n\nA: At dawn.")


def actions_reading(name: str) -> list[str]:
    """The buttons whose step reads a field: the tools read their own, every step the rest."""
    for prefix, action in (("map-", "map"), ("add-", "add_speaker"), ("trim-", "trim")):
        if name.startswith(prefix):
            return [action]
    if name.startswith("turns-"):
        return ["update", "merge:2", "split:2"]
    return ["update", "save"]


# The few values that found 500s in other forms run always; the whole list with `-m slow`.
QUICK_HOSTILE_VALUES = ["²", "9" * 40, "\x00", "-1"]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(value, marks=[] if value in QUICK_HOSTILE_VALUES else [pytest.mark.slow])
        for value in HOSTILE_VALUES
    ],
)
def test_no_posted_value_makes_the_preview_fail(admin_client, qa_preview, value):
    """Every field of the page, every step that reads it: a form error, a 400 or a redirect."""
    data = {**form_data(qa_preview), "title": "Bread"}
    fields = [name for name in preview_fields(qa_preview) if name != "csrfmiddlewaretoken"]
    assert {"title", "speakers-0-person", "turns-0-timestamp", "map-label", "trim-first"} <= set(
        fields
    )
    preview = page_url(qa_preview).split("?")[0]
    for name in fields:
        for action in actions_reading(name):
            response = submit(admin_client, qa_preview, {**data, name: value}, action, follow=False)
            where = (name, value, action, response.status_code)
            if response.status_code == 200:  # shown again, saying what is wrong
                assert "Please correct the error" in response.content.decode(), where
            elif (
                response.status_code == 302
            ):  # taken: back to the preview, or on to the saved interview
                saved = Interview.objects.order_by("pk").last()
                assert response["Location"].startswith(preview) or (
                    saved is not None
                    and response["Location"]
                    == reverse("admin:interviews_interview_change", args=[saved.pk])
                ), where
            else:  # a value no form of the page can send: the site's 400 page
                assert response.status_code == 400, where
    assert Interview.objects.count() <= 1


@pytest.mark.parametrize(
    ("action", "status", "says"),
    [
        ("", 302, None),
        ("x", 400, None),
        ("merge", 400, None),
        ("merge:²", 400, None),
        ("merge:0", 200, "There is no turn 0."),
        ("merge:99999", 200, "There is no turn 99999."),
        ("split:-1", 400, None),
        ("page:9999999", 302, None),
        ("merge:2:s99", 200, "choose one of the two."),
        ("merge:2:\x00", 400, None),
        ("split:2:s1", 400, None),
        ("save\x00", 400, None),
        ("page:0", 302, None),
    ],
)
def test_a_hostile_action_is_refused_or_harmless(admin_client, qa_preview, action, status, says):
    before = draft_of(qa_preview).state

    response = submit(admin_client, qa_preview, form_data(qa_preview), action, follow=False)

    assert response.status_code == status
    if status == 302:  # read as "update the preview", or a page number brought into range
        assert response["Location"] == page_url(qa_preview).split("?")[0] + "#turn-1"
    if says:
        assert says in response.content.decode()
    assert draft_of(qa_preview).state["turns"] == before["turns"]


@pytest.mark.parametrize("value", ["x", "²", "9" * 30, "-1", "\x00", "0"])
def test_hostile_query_values_are_harmless(admin_client, qa_preview, value):
    url = page_url(qa_preview).split("?")[0]
    for query in ("page", "merge"):
        assert admin_client.get(url, {query: value}).status_code == 200
    assert admin_client.get(IMPORT_URL, {"draft": value}).status_code == 200
    drafts = ImportDraft.objects.count()
    response = admin_client.post(IMPORT_URL, {"text": "Q: a?\n\nA: b.", "draft": value})
    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()
    assert ImportDraft.objects.count() == drafts


@pytest.mark.parametrize("value", ["1:02:03", "3723", "62:03"])
def test_a_timestamp_is_read_in_any_of_its_forms(admin_client, qa_preview, value):
    data = form_data(qa_preview)
    data["turns-1-timestamp"] = value
    submit(admin_client, qa_preview, data, "update")
    assert draft_of(qa_preview).state["turns"][1]["timestamp"] == 3723


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("100:00:01", "is more than 100 hours into the recording"),
        ("1:99:00", "minutes and seconds go up to 59"),
        ("²", "is not a time"),
        ("-5", "is not a time"),
        ("1e3", "is not a time"),
    ],
)
def test_a_bad_timestamp_is_a_form_error(admin_client, qa_preview, value, message):
    data = form_data(qa_preview)
    data["turns-1-timestamp"] = value
    response = submit(admin_client, qa_preview, data, "update")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert draft_of(qa_preview).state["turns"][1]["timestamp"] is None


@pytest.mark.parametrize("value", ["x", "²", str(2**63), "-3", "1.0", "999999"])
def test_a_bad_person_id_is_a_form_error(admin_client, qa_preview, value):
    data = form_data(qa_preview)
    data["speakers-0-person"] = value
    response = submit(admin_client, qa_preview, data, "update")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a person from the list." in html or "no longer in the archive" in html


def test_an_unknown_speaker_key_or_kind_is_a_form_error(admin_client, qa_preview):
    data = form_data(qa_preview)
    response = submit(admin_client, qa_preview, {**data, "turns-0-speaker": "s99"}, "update")
    assert "Select a valid choice" in response.content.decode()
    response = submit(admin_client, qa_preview, {**data, "turns-0-kind": "sermon"}, "update")
    assert "Select a valid choice" in response.content.decode()


# --- Refusals -------------------------------------------------------------------------------


def test_an_empty_paste_is_refused(admin_client, db):
    response = paste(admin_client, "   \n  ")
    assert response.status_code == 200
    assert "Paste a transcript, choose a file or give a link." in response.content.decode()


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


def test_a_binary_upload_is_refused(admin_client, db):
    response = upload(admin_client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "photo.png")
    assert response.status_code == 200
    assert "This file cannot be read: it is not text" in response.content.decode()
    assert Interview.objects.count() == ImportDraft.objects.count() == 0


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
            "text": "Q: Why?\n\nA: Because.",
            "file": SimpleUploadedFile("t.txt", b"Q: Why?\n\nA: Because."),
        },
    )
    assert (
        "Paste a transcript, choose a file or give a link: only one." in response.content.decode()
    )


def test_text_with_no_turns_is_refused_with_the_parsers_warnings(admin_client, db):
    response = paste(admin_client, "hello")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No turns were found in this text" in html
    assert "The parser says: no turns found" in html
    assert Interview.objects.count() == 0


def test_a_17_mb_paste_is_refused_clearly_before_anything_reads_it(admin_client, db):
    # Over ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE: refused before the view, CSRF included.
    response = paste(admin_client, "Q: Why?\n\nA: " + "x" * 17_000_000)
    html = response.content.decode()
    assert response.status_code == 413
    assert "Too large to accept" in html
    assert "A transcript may be at most 2 MB" in html
    assert Interview.objects.count() == 0


def test_a_form_with_too_many_fields_is_refused_clearly(admin_client, db, settings):
    data = {f"field-{n}": "x" for n in range(settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = admin_client.post(IMPORT_URL, {"step": "save", **data})
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()
    assert Interview.objects.count() == 0


def test_a_text_already_imported_without_its_address_updates_only_with_consent(admin_client, db):
    first = paste(admin_client, BYLINED_PAGE)
    submit(admin_client, first, confirm_new_people(form_data(first)), "save")
    saved = Interview.objects.get()

    again = paste(admin_client, BYLINED_PAGE)
    html = again.content.decode()
    assert "This text is already in the archive as" in html
    assert f"/admin/interviews/interview/{saved.pk}/change/" in html
    data = confirm_new_people(form_data(again))
    assert "update_repeated" not in data  # not ticked unless the editor ticks it
    submit(admin_client, again, {**data, "update_repeated": "on"}, "save")
    assert Interview.objects.count() == 1
    assert Person.objects.count() == 2

    third = paste(admin_client, BYLINED_PAGE)
    submit(admin_client, third, confirm_new_people(form_data(third)), "save")
    assert Interview.objects.count() == 2  # no consent: a new interview


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_of_one_draft_at_once_make_one_interview(admin_user, monkeypatch):
    """A double click on Save, the two requests truly at once (PostgreSQL): the draft's row
    is locked, so the second waits, finds the draft saved and opens the interview."""
    from django.db import connection
    from django.test import Client

    from interviews.importing import services

    unique_slug = services.unique_slug

    def slow_unique_slug(*args, **kwargs):
        slug = unique_slug(*args, **kwargs)
        time.sleep(0.5)  # without the lock, the other save would get this far too
        return slug

    monkeypatch.setattr(services, "unique_slug", slow_unique_slug)
    client = Client()
    client.force_login(admin_user)
    response = paste(client, BYLINED_PAGE)
    data = {**confirm_new_people(form_data(response)), "action": "save"}
    url = page_url(response)
    barrier = threading.Barrier(2)
    answers: list = []

    def save():
        try:
            barrier.wait(timeout=10)
            answers.append(client.post(url, data))
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    interview = Interview.objects.get()
    change = reverse("admin:interviews_interview_change", args=[interview.pk])
    assert [answer.status_code for answer in answers] == [302, 302]
    assert {answer.url for answer in answers} == {change}


def test_a_transcript_over_the_turn_limit_is_refused_clearly(admin_client, db, monkeypatch):
    monkeypatch.setattr("interviews.importing.forms.MAX_IMPORT_TURNS", 3)
    response = paste(admin_client, "Q: One?\n\nA: Two.\n\nQ: Three?\n\nA: Four.")
    assert response.status_code == 200
    assert "This transcript has 4 turns; an import can hold at most 3." in (
        response.content.decode()
    )
    assert not ImportDraft.objects.exists()
