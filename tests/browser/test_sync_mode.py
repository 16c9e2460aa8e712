"""An editor times a transcript in Chromium: plays the recording and stamps turns by keyboard.

The recording is a tone written here with Python's `wave` module and stored through the site's
storage; the site's own media view serves it from MEDIA_ROOT (site_serves_media).
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from interviews.models import Turn
from tests.media_files import attach_recording, make_wav

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_serves_media")]

RECORDING_SECONDS = 12
# A stamp is written to a tenth of a second, read a few milliseconds after the key is pressed.
TOLERANCE = 0.35


@pytest.fixture
def recorded_interview(make_interview, tmp_path):
    interview = make_interview(turns=5)
    attach_recording(
        interview,
        make_wav(tmp_path / "tone.wav", seconds=RECORDING_SECONDS, rate=8000),
        mime_type="audio/wav",
        format_name="WAV",
        duration=datetime.timedelta(seconds=RECORDING_SECONDS),
    )
    return interview


def seconds_of(turn: Turn) -> float | None:
    return None if turn.timestamp is None else turn.timestamp.total_seconds()


def stamps(interview) -> list[float | None]:
    return [seconds_of(turn) for turn in interview.turns.order_by("position")]


def player_time(page) -> float:
    return page.evaluate("() => document.getElementById('sync-media').currentTime")


def test_an_editor_stamps_turns_by_keyboard_and_saves(
    editor_page, live_server, recorded_interview, axe_violations, screenshots_at_both_widths
):
    page = editor_page
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/interviews/interview/{recorded_interview.pk}/sync/")
    page.wait_for_function("() => document.getElementById('sync-media').readyState >= 1")
    stamp_button = page.locator("#sync-stamp")
    expect(stamp_button).to_be_focused()
    expect(stamp_button).to_contain_text("Stamp turn 1")

    page.keyboard.press("p")
    stamped = []
    # The three ways to stamp: the shortcut, then Space and Enter on the focused Stamp button.
    for number, key in enumerate(("s", "Space", "Enter"), start=1):
        page.wait_for_function(
            "(after) => document.getElementById('sync-media').currentTime > after",
            arg=1.5 * number,
        )
        stamped.append(player_time(page))
        page.keyboard.press(key)
    page.keyboard.press("p")
    expect(stamp_button).to_contain_text("Stamp turn 4")
    # The third turn a second later: select it (up), then ].
    page.keyboard.press("ArrowUp")
    expect(stamp_button).to_contain_text("Stamp turn 3")
    page.keyboard.press("]")
    page.keyboard.press("Control+s")

    expect(page.locator(".messagelist")).to_contain_text(
        "Timestamps synchronised with the recording (3 of 5 turns stamped, 3 changed)."
    )
    saved = stamps(recorded_interview)
    assert saved[3:] == [None, None]
    expected = [stamped[0], stamped[1], stamped[2] + 1]
    for got, want in zip(saved[:3], expected, strict=True):
        assert want - 0.06 <= got <= want + TOLERANCE, (saved, expected)
    assert saved[0] < saved[1] < saved[2]

    # A time typed by hand that goes back is marked at its turn, and nothing is saved.
    fourth = page.locator("#turn-4 input.sync-time")
    fourth.fill("0:00:00.5")
    expect(page.locator("#turn-4")).to_have_class(re.compile(r"\bsync-back\b"))
    page.keyboard.press("Control+s")
    expect(page.locator("#turn-4 .errorlist")).to_contain_text("Earlier than turn 3 (")
    expect(page.locator(".errorlist")).to_have_count(1)
    expect(page.locator("#turn-4 input.sync-time")).to_have_value("0:00:00.5")
    # The turn in error is selected, its field focused to correct it.
    expect(page.locator("#turn-4 input.sync-time")).to_be_focused()
    expect(stamp_button).to_contain_text("Stamp turn 4")
    assert stamps(recorded_interview) == saved
    # The page's script and style ran under the site's policy; axe-core's own are not the page's.
    assert refused == []
    screenshots_at_both_widths("sync-mode-error")
    assert axe_violations() == []


def test_a_stamp_seeks_the_player_and_a_nudge_and_a_clear_change_it(
    editor_page, live_server, recorded_interview
):
    Turn.objects.filter(interview=recorded_interview, position=2).update(
        timestamp=datetime.timedelta(seconds=4)
    )
    page = editor_page
    page.goto(f"{live_server.url}/admin/interviews/interview/{recorded_interview.pk}/sync/")
    page.wait_for_function("() => document.getElementById('sync-media').readyState >= 1")
    second = page.locator("#turn-2 input.sync-time")
    expect(second).to_have_value("00:00:04")

    page.locator("#turn-2 .sync-seek").click()
    page.wait_for_function("() => document.getElementById('sync-media').currentTime >= 4")
    assert 4 <= player_time(page) < 5
    page.keyboard.press("p")

    # The seek selected turn 2: nudge it back twice, then clear it.
    page.keyboard.press("[")
    page.keyboard.press("[")
    expect(second).to_have_value("00:00:02")
    page.keyboard.press("x")
    expect(second).to_have_value("")
    expect(page.locator("#sync-status")).to_contain_text("Turn 2’s stamp cleared.")
