"""An editor in Chromium: a whole seed page pasted into the admin's import, saved as in the fixture.

The sample archive is loaded, the seed's interview is recorded and deleted, and the editor imports
the seed page again through the admin: what is saved must be the interview the fixture held. And
a transcript with only Q: and A: is given its two speakers, split, merged, left in a closed tab,
resumed from "Unfinished imports" and saved, with the history saying who imported it.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from interviews.models import Interview, Participation
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def interview_as_saved(interview: Interview) -> dict:
    """Everything an import writes, without row ids, so two imports of one page compare equal."""
    comments = list(interview.comments.order_by("position"))
    author_of = {comment.pk: (comment.author_name, comment.posted_at) for comment in comments}
    return {
        "title": interview.title,
        "outlet": interview.outlet.name,
        "published_on": interview.published_on,
        "date_precision": interview.date_precision,
        "source_url": interview.source_url,
        "intro": interview.intro,
        "closing_note": interview.closing_note,
        "topics": sorted(interview.topics.values_list("name", flat=True)),
        "participants": sorted(interview.participations.values_list("person__slug", "role")),
        "turns": list(
            interview.turns.order_by("position").values_list(
                "position", "kind", "speaker__slug", "text"
            )
        ),
        "comments": [
            (
                comment.author_name,
                comment.posted_at,
                comment.text,
                author_of.get(comment.parent_id),
            )
            for comment in comments
        ],
    }


@pytest.fixture
def archive_without(transactional_db):
    """Load the sample archive, then take one interview out: returns what it held."""

    def take_out(slug: str) -> dict:
        call_command("loaddata", "sample_archive", verbosity=0)
        interview = Interview.objects.get(slug=slug)
        held = interview_as_saved(interview)
        interview.delete()
        return held

    return take_out


@pytest.mark.parametrize(
    ("slug", "seed", "hints", "turns", "comments"),
    [
        # "Adrian:" and "Francois:" labels name the speakers.
        ("pyimagesearch-interview-francois-chollet-2018", "000_4dfcc7687fa37658.txt", {}, 28, 43),
        # No labels at all: the editor says who asks and who answers.
        (
            "datacamp-interview-francois-chollet-2017",
            "001_25023ba15ad2cbed.txt",
            {"#id_interviewers": "Hugo Bowne-Anderson", "#id_interviewees": "François Chollet"},
            26,
            0,
        ),
    ],
)
def test_a_pasted_seed_page_saves_the_interview_the_fixture_holds(
    archive_without, editor_page, live_server, screenshot, slug, seed, hints, turns, comments
):
    held = archive_without(slug)
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/")
    page.get_by_role("link", name="Import transcript").click()
    # The whole page, as an editor's select-all and copy gives it.
    page.fill("#id_text", (SEEDS / seed).read_text(encoding="utf-8"))
    page.fill("#id_source_url", held["source_url"])
    page.select_option("#id_outlet", label=held["outlet"])
    for field, value in hints.items():
        page.fill(field, value)
    page.get_by_role("button", name="Preview the import").click()

    summary = page.locator(".import-summary").inner_text()
    assert f"{turns} turns" in summary
    assert f"{comments} comments" in summary
    # What the parser doubted and set aside is read first, above the turns.
    notes = page.locator(".import-parse-notes")
    assert "set aside as page furniture" in notes.inner_text()
    assert notes.bounding_box()["y"] < page.locator("#turn-1").bounding_box()["y"]
    screenshot(f"admin-import-preview-{slug}")

    # What the page does not say, the editor adds: the fixture's slug, topics and status.
    page.fill("#id_slug", slug)
    page.select_option("#id_status", "published")
    page.select_option("#id_topics", label=held["topics"])
    page.locator("button[name=action][value=save]").last.click()

    page.wait_for_url(f"{live_server.url}/admin/interviews/interview/*/change/")
    assert "Created the interview" in page.locator(".messagelist").inner_text()
    saved = Interview.objects.get(slug=slug)
    assert interview_as_saved(saved) == held

    page.get_by_role("link", name="View it on the site").click()
    assert page.locator("h1").inner_text() == held["title"]


def test_paste_seed_001_correct_a_speaker_in_the_preview_and_read_it(
    archive_without, editor_page, live_server, screenshots_at_both_widths
):
    held = archive_without("datacamp-interview-francois-chollet-2017")
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/import/")
    page.fill("#id_text", (SEEDS / "001_25023ba15ad2cbed.txt").read_text(encoding="utf-8"))
    page.fill("#id_interviewers", "Hugo Bowne-Anderson")
    page.fill("#id_interviewees", "Francois Chollet")
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector(".import-summary")

    # The editor reads the last answer as Hugo's closing words, and says so.
    last = len(held["turns"])
    speaker = page.get_by_label(f"Speaker of turn {last}", exact=True)
    speaker.select_option(label="Hugo Bowne-Anderson")
    page.get_by_label(f"Kind of turn {last}", exact=True).select_option("remark")
    page.fill("#id_slug", "datacamp-chollet-corrected")
    page.fill("#id_byline", "Interview by Hugo Bowne-Anderson")
    page.select_option("#id_status", "published")
    page.get_by_role("button", name="Update preview").first.click()
    page.wait_for_selector(".import-summary")
    chosen = page.locator(f"#turn-{last} select[name$='-speaker'] option:checked")
    assert chosen.inner_text() == "Hugo Bowne-Anderson"
    screenshots_at_both_widths("admin-import-corrected")
    page.locator("button[name=action][value=save]").last.click()
    page.wait_for_url(f"{live_server.url}/admin/interviews/interview/*/change/")

    page.get_by_role("link", name="View it on the site").click()
    assert page.url.endswith("/interviews/datacamp-chollet-corrected/")
    assert page.locator(".interview-meta .byline").inner_text() == (
        "Interview by Hugo Bowne-Anderson"
    )
    turn = page.locator(f"#t{last}")
    assert turn.locator(".speaker-name").inner_text() == "Hugo Bowne-Anderson"
    assert "turn--remark" in turn.get_attribute("class")
    first_answer = page.locator(".turn--answer").first
    assert first_answer.locator(".speaker-name").inner_text() == "François Chollet"


QA_TRANSCRIPT = """Q: How did the bakery start?

A: My grandmother opened it in 1952, with one oven and a borrowed cart.

Q: And today?

A: We still bake every morning before five.

It is the same oven, rebuilt twice.

Q: Thank you for your time.

A: Thank you for coming."""


def test_a_qa_transcript_gets_its_speakers_is_split_and_merged_and_resumed_after_a_closed_tab(
    editor_page, live_server, chromium, screenshot
):
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/import/")
    page.fill("#id_text", QA_TRANSCRIPT)
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector(".import-summary")
    assert "6 turns" in page.locator(".import-summary").inner_text()

    # No names in the text: the editor adds the two speakers, then gives each label its speaker.
    for name, role in (("Ana Ruiz", "interviewer"), ("Ben Okafor", "interviewee")):
        page.fill("#id_add-name", name)
        page.select_option("#id_add-role", role)
        page.get_by_role("button", name="Add speaker").click()
        page.wait_for_selector(".import-summary")
    for label, name in (("“Q”", "Ana Ruiz"), ("“A”", "Ben Okafor")):
        page.select_option("#id_map-label", label=label)
        page.select_option("#id_map-speaker", label=name)
        page.get_by_role("button", name="Give them to this speaker").click()
        page.wait_for_selector(".import-summary")
    # Someone in the archive is found with the admin's own search box (select2, loaded as files
    # under the site's Content-Security-Policy); these two are new, created once confirmed.
    assert page.locator(".import-speakers .select2-container").count() == 4
    for name in ("Ana Ruiz", "Ben Okafor"):
        page.get_by_label(f"Create the new person, for {name}", exact=True).check()
    page.get_by_role("button", name="Update preview").first.click()
    page.wait_for_selector(".import-summary")
    speaker_of_4 = page.locator("#turn-4 select[name$='-speaker'] option:checked")
    assert speaker_of_4.inner_text() == "Ben Okafor"

    # Turn 4 holds two paragraphs: split it. The first part keeps the turn's time.
    page.get_by_label("Time of turn 4", exact=True).fill("1:02:03")
    page.get_by_role("button", name="Split turn 4", exact=True).click()
    page.wait_for_selector(".import-summary")
    assert "7 turns" in page.locator(".import-summary").inner_text()
    assert page.get_by_label("Text of turn 5", exact=True).input_value() == (
        "It is the same oven, rebuilt twice."
    )
    assert page.get_by_label("Time of turn 4", exact=True).input_value() == "01:02:03"
    assert page.get_by_label("Time of turn 5", exact=True).input_value() == ""

    # The thanks are one exchange: merging Ben's into Ana's asks whose the turn is.
    page.get_by_role("button", name="Merge into previous: turn 7 into turn 6", exact=True).click()
    question = page.locator("#merge-question")
    assert "Turn 7 is Ben Okafor’s and turn 6 is Ana Ruiz’s" in question.inner_text()
    screenshot("admin-import-merge-question")
    question.get_by_role("button", name="Ana Ruiz", exact=True).click()
    page.wait_for_selector(".import-summary")
    assert "6 turns" in page.locator(".import-summary").inner_text()
    assert page.get_by_label("Text of turn 6", exact=True).input_value() == (
        "Thank you for your time.\n\nThank you for coming."
    )

    # The tab is closed; the same editor opens the admin again, and finds the import there.
    cookies = page.context.cookies()
    page.close()
    context = chromium.new_context()
    context.add_cookies(cookies)
    resumed = context.new_page()
    resumed.set_default_timeout(30_000)
    try:
        resumed.goto(f"{live_server.url}/admin/")
        resumed.get_by_role("link", name="Unfinished imports").click()
        resumed.get_by_role("link", name="Continue").click()
        resumed.wait_for_selector(".import-summary")
        assert "6 turns" in resumed.locator(".import-summary").inner_text()
        resumed.fill("#id_title", "The bakery on Mill Street")
        resumed.locator("button[name=action][value=save]").last.click()
        resumed.wait_for_url(f"{live_server.url}/admin/interviews/interview/*/change/")
        assert "Created the interview" in resumed.locator(".messagelist").inner_text()

        interview = Interview.objects.get(title="The bakery on Mill Street")
        turns = list(interview.turns.order_by("position"))
        assert [turn.speaker.name for turn in turns] == [
            "Ana Ruiz",
            "Ben Okafor",
            "Ana Ruiz",
            "Ben Okafor",
            "Ben Okafor",
            "Ana Ruiz",
        ]
        assert turns[3].timestamp.total_seconds() == 3723
        assert turns[4].timestamp is None
        assert set(interview.participations.values_list("person__name", "role")) == {
            ("Ana Ruiz", Participation.Role.INTERVIEWER),
            ("Ben Okafor", Participation.Role.INTERVIEWEE),
        }
        assert Person.objects.count() == 2

        # The history says who imported it, and how.
        resumed.goto(f"{live_server.url}/admin/interviews/interview/{interview.pk}/history/")
        history = resumed.locator("#change-history").inner_text()
        assert "editor" in history
        assert "Imported from paste" in history
    finally:
        context.close()
