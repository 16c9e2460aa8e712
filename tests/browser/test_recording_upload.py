"""An editor attaches a recording in Chromium: from the interview's page, through the real form.

The editor is a staff member of the "Editors" group (not a superuser), so the permissions the
migration gives them are what is tested. A PNG renamed .wav is refused with its sentence and
leaves nothing in storage; a WAV made by the test is read, stored and shown on the interview.
axe-core finds no serious or critical violation on the form, blank or with its error.
"""

import pytest
from playwright.sync_api import expect

from interviews.models import Interview, Recording
from tests.browser.conftest import editors_group, sign_in
from tests.media_files import make_wav, stamp_turns

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "pyimagesearch-interview-francois-chollet-2018"
SRT = "1\n00:00:00,500 --> 00:00:02,000\nHello, and welcome.\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(page, live_server, django_user_model):
    """A page signed in to the admin as an editor (staff, in the Editors group)."""
    user = django_user_model.objects.create_user("edith", password="editor password", is_staff=True)
    user.groups.add(editors_group())
    return sign_in(page, live_server, "edith", "editor password")


def stored(media_root) -> list[str]:
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def test_an_editor_uploads_a_wav_from_the_interviews_page(
    sample, editor, live_server, media_root, tmp_path, screenshot, axe_violations
):
    interview = Interview.objects.get(slug=SEED_000)
    change_url = f"{live_server.url}/admin/interviews/interview/{interview.pk}/change/"
    editor.goto(change_url)
    expect(editor.locator(".field-recording_display")).to_contain_text("No recording.")
    editor.get_by_role("link", name="Attach a recording").click()
    expect(editor.locator("h1")).to_have_text("Add recording")
    assert axe_violations() == []

    # A PNG named .wav: refused with a sentence, nothing kept.
    fake = tmp_path / "photo.wav"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    editor.locator("#id_file").set_input_files(str(fake))
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".field-file .errorlist")).to_have_text(
        "This file is an image (PNG), not a recording. Upload MP3, M4A or AAC, Ogg (Opus or "
        "Vorbis), WAV, MP4 or WebM."
    )
    assert stored(media_root) == []
    assert not Recording.objects.exists()
    assert axe_violations() == []

    wav = make_wav(tmp_path / "conversation.wav", seconds=2, tone=330)
    subtitles = tmp_path / "conversation.srt"
    subtitles.write_text(SRT, encoding="utf-8")
    editor.locator("#id_file").set_input_files(str(wav))
    editor.locator("#id_subtitles_upload").set_input_files(str(subtitles))
    screenshot("recording-upload-form")
    editor.get_by_role("button", name="Save", exact=True).click()

    editor.wait_for_url(change_url)
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    expect(editor.locator(".field-recording_display")).to_contain_text(
        "Audio, WAV, 00:00:02, 62.5 kB, with subtitles (1 cue)."
    )
    recording = Recording.objects.get(interview=interview)
    assert recording.file.name == f"recordings/{interview.pk}/conversation.wav"
    assert stored(media_root) == [recording.file.name]
    assert (media_root / recording.file.name).read_bytes() == wav.read_bytes()
    assert recording.subtitles_vtt.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n")


def test_a_recording_uploaded_in_the_admin_plays_from_a_turns_time(
    editor, page, live_server, make_interview, media_root, site_serves_media, tmp_path
):
    """The whole way: an editor uploads a WAV, a reader clicks a turn's time and hears that
    moment, the mark follows the playing turn, and the audio came in byte ranges (206)."""
    interview = make_interview(turns=6)
    stamp_turns(interview, 2)  # turn n starts 2 × (n - 1) seconds in
    editor.goto(f"{live_server.url}/admin/interviews/recording/add/?interview={interview.pk}")
    editor.locator("#id_file").set_input_files(str(make_wav(tmp_path / "talk.wav", seconds=14)))
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    assert Recording.objects.get(interview=interview).duration.total_seconds() == 14

    statuses = []
    page.on(
        "response",
        lambda response: "/media/" in response.url and statuses.append(response.status),
    )
    page.goto(live_server.url + interview.get_absolute_url())
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    page.locator("#t3 .turn-time").click()
    page.wait_for_function("() => !document.querySelector('audio').paused")
    assert abs(page.evaluate("() => document.querySelector('audio').currentTime") - 4) <= 0.5
    expect(page.locator(".turn--playing")).to_have_id("t3")
    # Turn 4 starts at 6 s: the mark moves on while it plays.
    expect(page.locator(".turn--playing")).to_have_id("t4", timeout=8_000)
    assert statuses and set(statuses) == {206}, statuses
