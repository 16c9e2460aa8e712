"""The reading page's player in Chromium: times that seek and play, the turn being heard,
the keys, byte ranges, and the page on a phone."""

import datetime

import pytest

from interviews.models import Turn
from tests.browser.conftest import SCREENSHOTS
from tests.media_files import attach_recording, convert, make_wav

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 640}
TURNS = 12
SECONDS_APART = 2  # turn n (from 1) starts 2 × (n - 1) seconds in
RECORDING_SECONDS = 30
CURRENT = ".turn--playing"
# Long enough turns that the page scrolls: following along has somewhere to go.
WORDS = " ".join(["word"] * 120)


@pytest.fixture
def recorded(make_interview, site_serves_media, tmp_path):
    """A published interview of TURNS timed turns and its 30 s WAV, served by the site."""
    interview = make_interview(turns=TURNS)
    for turn in interview.turns.all():
        turn.timestamp = datetime.timedelta(seconds=SECONDS_APART * (turn.position - 1))
        turn.text = f"{turn.text} And {WORDS}."
        turn.save(update_fields=["timestamp", "text"])
    attach_recording(interview, make_wav(tmp_path / "talk.wav", seconds=RECORDING_SECONDS))
    return interview


@pytest.fixture
def reader(page, live_server, recorded):
    """The page open at the recorded interview, its player's metadata loaded."""
    page.goto(live_server.url + recorded.get_absolute_url())
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    return page


def player_state(page) -> dict:
    return page.evaluate(
        "() => { const a = document.querySelector('audio');"
        " return {time: a.currentTime, paused: a.paused}; }"
    )


def wait_for_time(page, low: float, high: float) -> None:
    page.wait_for_function(
        "([low, high]) => { const t = document.querySelector('audio').currentTime;"
        " return t >= low && t <= high; }",
        arg=[low, high],
    )


def test_a_turns_time_plays_the_recording_from_there(reader):
    reader.locator("#t4 .turn-time").click()

    reader.wait_for_function("() => !document.querySelector('audio').paused")
    state = player_state(reader)
    assert abs(state["time"] - 6) <= 0.5, state
    current = reader.locator(CURRENT)
    assert current.get_attribute("id") == "t4"
    assert current.get_attribute("aria-current") == "true"


def test_the_mark_moves_to_the_next_turn_as_it_plays(reader):
    reader.locator("#t2 .turn-time").click()
    reader.wait_for_function(
        "() => document.querySelector('#t2').classList.contains('turn--playing')"
    )

    # Turn 3 starts 2 s after turn 2.
    reader.wait_for_function(
        "() => document.querySelector('#t3').classList.contains('turn--playing')", timeout=8_000
    )
    assert reader.locator(CURRENT).count() == 1
    assert reader.locator("#t2").get_attribute("aria-current") is None


def test_seeking_fetches_byte_ranges(
    page, live_server, make_interview, site_serves_media, tmp_path
):
    # Ten minutes at 22 kHz (26 MB): more than the player reads ahead, so a seek near the end
    # has to ask for a range of its own.
    interview = make_interview(turns=2)
    Turn.objects.filter(interview=interview, position=2).update(
        timestamp=datetime.timedelta(seconds=590)
    )
    attach_recording(interview, make_wav(tmp_path / "long.wav", seconds=600, rate=22050))
    answers = []
    page.on(
        "response",
        lambda response: (
            "/media/" in response.url
            and answers.append(
                (
                    response.status,
                    response.request.headers.get("range"),
                    response.headers.get("content-range"),
                )
            )
        ),
    )
    page.goto(live_server.url + interview.get_absolute_url())
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    page.locator("#t2 .turn-time").click()
    # Playing from there: the bytes at 590 s have come.
    page.wait_for_function(
        "() => { const a = document.querySelector('audio');"
        " return !a.paused && !a.seeking && a.currentTime > 590; }"
    )

    assert answers, "the player fetched nothing"
    assert all(status == 206 for status, _, _ in answers), answers
    assert all(header and header.startswith("bytes=") for _, header, _ in answers), answers
    # 590 s into 16-bit mono at 22,050 Hz is byte 26,019,044 (after a 44-byte header).
    later = [
        content_range for _, _, content_range in answers if not content_range.startswith("bytes 0-")
    ]
    assert later, f"no range asked for past the start: {answers}"
    first_byte = int(later[-1].split()[1].split("-")[0])
    assert 25_000_000 <= first_byte <= 26_019_044, answers


def test_p_plays_and_pauses_and_b_goes_back_ten_seconds(reader):
    reader.keyboard.press("p")
    reader.wait_for_function("() => !document.querySelector('audio').paused")
    reader.keyboard.press("p")
    reader.wait_for_function("() => document.querySelector('audio').paused")

    reader.locator("#t9 .turn-time").click()  # 16 s in
    reader.keyboard.press("p")
    reader.wait_for_function("() => document.querySelector('audio').paused")
    before = player_state(reader)["time"]
    reader.keyboard.press("b")
    wait_for_time(reader, before - 10.5, before - 9.5)
    reader.keyboard.press("b")
    reader.keyboard.press("b")
    wait_for_time(reader, 0, 0)


def test_keys_typed_in_a_field_are_typing(reader):
    reader.get_by_label("Comment", exact=True).type("pb")
    assert player_state(reader)["paused"]
    assert reader.get_by_label("Comment", exact=True).input_value() == "pb"


def test_the_contents_times_seek_too(reader):
    contents_time = reader.locator(".toc a.toc-time[data-seek='20']")  # question 6, turn 11
    assert contents_time.is_visible()
    contents_time.click()
    reader.wait_for_function("() => !document.querySelector('audio').paused")
    assert abs(player_state(reader)["time"] - 20) <= 0.5
    assert reader.locator(CURRENT).get_attribute("id") == "t11"


def test_a_time_is_a_button_the_keyboard_reaches_and_presses(reader):
    control = reader.locator("#t3 .turn-time")
    assert control.get_attribute("role") == "button"
    control.focus()
    outline = control.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "no visible focus"
    reader.keyboard.press("Space")
    reader.wait_for_function("() => !document.querySelector('audio').paused")
    assert abs(player_state(reader)["time"] - 4) <= 0.5
    reader.keyboard.press("p")  # pause
    reader.locator("#t6 .turn-time").focus()
    reader.keyboard.press("Enter")
    reader.wait_for_function("() => !document.querySelector('audio').paused")
    assert abs(player_state(reader)["time"] - 10) <= 0.5


def test_follow_along_keeps_the_turn_in_view_and_is_remembered(reader):
    follow = reader.get_by_label("Follow along")
    assert not follow.is_checked()
    follow.check()
    reader.locator("#t2 .turn-time").click()
    # Turn 3 takes over 2 s later, far below the screen: following along brings it up.
    reader.wait_for_function(
        "() => document.querySelector('#t3').classList.contains('turn--playing')", timeout=8_000
    )
    reader.wait_for_function(
        "() => { const top = document.querySelector('#t3').getBoundingClientRect().top;"
        " const player = document.querySelector('[data-player]').getBoundingClientRect();"
        " return top >= player.bottom - 1 && top < window.innerHeight / 2; }"
    )
    reader.reload()
    assert reader.get_by_label("Follow along").is_checked()


def test_without_following_the_page_stays_where_it_is(reader):
    reader.locator("#t1 .turn-time").click()
    reader.wait_for_function(
        "() => document.querySelector('#t2').classList.contains('turn--playing')", timeout=8_000
    )
    assert reader.evaluate("window.scrollY") < 50


def test_no_serious_accessibility_violation_with_a_player(reader, axe_violations, screenshot):
    reader.locator("#t2 .turn-time").click()
    reader.wait_for_selector(CURRENT)
    assert axe_violations() == []
    screenshot("player-desktop")


def test_a_video_page_has_no_serious_accessibility_violation(
    page, live_server, make_interview, site_serves_media, tmp_path, axe_violations
):
    interview = make_interview(turns=4)
    Turn.objects.filter(interview=interview).update(timestamp=datetime.timedelta(seconds=1))
    video = convert(make_wav(tmp_path / "talk.wav", seconds=3), ".webm")
    attach_recording(interview, video, kind="video")
    page.goto(live_server.url + interview.get_absolute_url())
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    track = page.evaluate("document.querySelector('video').textTracks[0].kind")
    assert track == "subtitles"
    assert axe_violations() == []


def test_on_a_phone_the_player_leaves_the_text_in_view(chromium, live_server, recorded):
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    try:
        phone.goto(live_server.url + recorded.get_absolute_url() + "#t5")
        player = phone.locator("[data-player]").bounding_box()
        assert player["height"] <= PHONE["height"] / 4, player
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # Scrolled to a turn, the player sits at the top and the turn starts below it.
        phone.wait_for_function(
            "() => { const player = document.querySelector('[data-player]')"
            ".getBoundingClientRect();"
            " const turn = document.querySelector('#t5').getBoundingClientRect();"
            " return player.top === 0 && turn.top >= player.bottom; }"
        )
        # Its controls are within reach, not off the side.
        box = phone.locator("audio").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        SCREENSHOTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "player-mobile.png"))
    finally:
        context.close()


def test_without_javascript_a_time_is_a_link_to_that_moment(chromium, live_server, recorded):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + recorded.get_absolute_url())
        href = page.locator("#t4 .turn-time").get_attribute("href")
        assert href == f"{recorded.recording.url}#t=6"
        assert page.locator("#t4 .turn-time").get_attribute("role") is None
        # Following along needs a script: not offered without one.
        assert not page.get_by_label("Follow along").is_visible()
        assert page.locator("audio").is_visible()
    finally:
        context.close()
