"""The reading page's player: the recording, the times that play it, its subtitles."""

import datetime
import re

import pytest
from django.urls import reverse

from interviews.models import Recording, Turn
from interviews.reading import SpokenTurn, media_seconds, webvtt_from_turns
from tests.interviews.test_citation import DETAIL_PAGE_QUERIES, detail_html, turn_section
from tests.media_files import attach_recording, make_wav, stamp_turns


@pytest.fixture
def wav(tmp_path):
    return make_wav(tmp_path / "talk.wav", seconds=2)


@pytest.fixture
def interview_with_audio(make_interview, wav):
    interview = make_interview(turns=6)
    stamp_turns(interview, 83)  # 0, 83, 166, ... seconds
    attach_recording(interview, wav)
    return interview


def html_of(client, interview) -> str:
    return detail_html(client, interview.slug)


# --- The page ----------------------------------------------------------------------------------


def test_a_page_with_a_recording_has_the_browsers_own_player(client, interview_with_audio):
    html = html_of(client, interview_with_audio)
    url = interview_with_audio.recording.url
    assert url.startswith("/media/recordings/")
    (player,) = re.findall(r"<audio [^>]*>", html)
    assert 'preload="metadata"' in player
    assert f'src="{url}"' in player
    assert "controls" in player
    assert "<video" not in html
    assert 'src="/static/js/player.js"' in html
    assert "<kbd>p</kbd> play or pause, <kbd>b</kbd> back 10 s" in html


def test_a_page_without_a_recording_has_no_player(client, make_interview):
    interview = make_interview(turns=4)
    stamp_turns(interview, 60)
    html = html_of(client, interview)
    for absent in ("<audio", "<video", "player.js", "data-player", "data-seek", "#t=", "<kbd>p"):
        assert absent not in html
    # The times still mark their turns, as before.
    assert '<a class="turn-time" href="#t2">00:01:00</a>' in html


def test_each_time_links_to_the_recording_at_that_moment(client, interview_with_audio):
    html = html_of(client, interview_with_audio)
    url = interview_with_audio.recording.url
    assert (
        f'<a class="turn-time" href="{url}#t=83" data-seek="83"'
        ' aria-label="Play from 00:01:23">00:01:23</a>'
    ) in turn_section(html, "t2")
    assert f'href="{url}#t=0" data-seek="0"' in turn_section(html, "t1")


def test_a_time_with_a_fraction_keeps_it(client, interview_with_audio):
    Turn.objects.filter(interview=interview_with_audio, position=3).update(
        timestamp=datetime.timedelta(seconds=3723, milliseconds=500)
    )
    html = html_of(client, interview_with_audio)
    assert '#t=3723.5" data-seek="3723.5"' in turn_section(html, "t3")
    assert "01:02:03</a>" in turn_section(html, "t3")


def test_a_turn_without_a_time_has_no_link(client, interview_with_audio):
    Turn.objects.filter(interview=interview_with_audio, position=2).update(timestamp=None)
    assert "turn-time" not in turn_section(html_of(client, interview_with_audio), "t2")


def test_the_contents_times_play_the_recording_too(client, interview_with_audio):
    html = html_of(client, interview_with_audio)
    url = interview_with_audio.recording.url
    contents = html[html.index('<nav aria-labelledby="questions-heading">') :]
    contents = contents[: contents.index("</nav>")]
    # Questions are turns 1, 3 and 5: 0, 166 and 332 seconds in.
    assert f'<a class="toc-time" href="{url}#t=166" data-seek="166"' in contents
    assert '<a href="#t3">Turn number 3?</a>' in contents


def html_with_external_recording(client, make_interview, url: str) -> str:
    """The page of an interview whose two turns are 0 and 5 s into the recording at `url`."""
    interview = make_interview(turns=2)
    stamp_turns(interview, 5)
    Recording.objects.create(interview=interview, external_url=url)
    return html_of(client, interview)


def test_an_external_recording_is_linked_without_its_own_fragment(client, make_interview):
    html = html_with_external_recording(
        client, make_interview, "https://media.example.org/talk.mp3#t=9"
    )
    assert 'src="https://media.example.org/talk.mp3"' in html
    assert 'href="https://media.example.org/talk.mp3#t=5"' in html


def test_the_media_address_is_escaped(client, make_interview):
    html = html_with_external_recording(
        client, make_interview, 'https://media.example.org/a.mp3?x="><script>'
    )
    assert "<script>" not in html.split('<article class="interview">', 1)[1]
    assert "a.mp3?x=&quot;&gt;&lt;script&gt;#t=5" in html


def test_a_video_has_subtitles_from_its_timed_turns(client, make_interview, wav):
    interview = make_interview(turns=2)
    stamp_turns(interview, 5)
    attach_recording(interview, wav, kind=Recording.Kind.VIDEO)
    html = html_of(client, interview)
    (video,) = re.findall(r"<video [^>]*>", html)
    assert 'preload="metadata"' in video
    track_url = reverse("interviews:subtitles", kwargs={"slug": interview.slug})
    assert f'<track kind="subtitles" src="{track_url}" srclang="en" label="Transcript">' in html


def test_a_video_without_times_or_a_track_has_no_subtitles(client, make_interview, wav):
    interview = make_interview(turns=2)
    attach_recording(interview, wav, kind=Recording.Kind.VIDEO)
    html = html_of(client, interview)
    assert "<video" in html
    assert "<track" not in html


def test_a_video_with_a_stored_track_has_subtitles(client, make_interview, wav):
    interview = make_interview(turns=2)
    attach_recording(
        interview,
        wav,
        kind=Recording.Kind.VIDEO,
        subtitles_vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
    )
    assert "<track" in html_of(client, interview)


@pytest.mark.parametrize("turns", [5, 500])
def test_a_recording_adds_no_query(
    client, make_interview, django_assert_max_num_queries, wav, turns
):
    interview = make_interview(turns=turns, comments=3)
    Turn.objects.filter(interview=interview).update(timestamp=datetime.timedelta(seconds=7))
    attach_recording(interview, wav, kind=Recording.Kind.VIDEO)
    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        html = html_of(client, interview)
    assert html.count('data-seek="7"') == turns + (turns + 1) // 2  # turns, then questions


# --- The subtitles -----------------------------------------------------------------------------


def subtitles_of(client, interview):
    return client.get(reverse("interviews:subtitles", kwargs={"slug": interview.slug}))


def test_the_subtitles_are_made_from_the_turns(client, make_interview, wav):
    interview = make_interview(turns=2)
    stamp_turns(interview, 5)
    attach_recording(
        interview, wav, kind=Recording.Kind.VIDEO, duration=datetime.timedelta(seconds=9)
    )
    response = subtitles_of(client, interview)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    first, second = (turn.speaker_label for turn in interview.turns.order_by("position"))
    assert response.content.decode() == (
        "WEBVTT\n\n"
        f"00:00:00.000 --> 00:00:05.000\n<v {first}>Turn number 1?\n\n"
        f"00:00:05.000 --> 00:00:09.000\n<v {second}>Answer number 2.\n"
    )


def test_a_stored_track_is_served_as_it_is(client, make_interview, wav):
    interview = make_interview(turns=2)
    stamp_turns(interview, 5)
    track = "WEBVTT\n\n00:00.000 --> 00:02.000\nEdited by hand\n"
    attach_recording(interview, wav, kind=Recording.Kind.VIDEO, subtitles_vtt=track)
    assert subtitles_of(client, interview).content.decode() == track


def test_no_subtitles_for_audio_a_draft_or_no_recording(client, make_interview, wav):
    audio = make_interview(turns=2)
    attach_recording(audio, wav)
    draft = make_interview(turns=2, status="draft")
    attach_recording(draft, wav, kind=Recording.Kind.VIDEO)
    for interview in (audio, draft, make_interview(turns=2)):
        assert subtitles_of(client, interview).status_code == 404


# --- WebVTT from turns (interviews/reading.py) -------------------------------------------------


def cues(track: str) -> list[str]:
    return track.split("\n\n")[1:]


def test_each_turn_runs_from_its_stamp_to_the_next():
    track = webvtt_from_turns(
        [
            SpokenTurn(0, "Ann", "Hello."),
            SpokenTurn(61.5, "Bo", "Hi."),
            SpokenTurn(3600, "", "Bye."),
        ],
        duration=3700,
    )
    assert cues(track) == [
        "00:00:00.000 --> 00:01:01.500\n<v Ann>Hello.",
        "00:01:01.500 --> 01:00:00.000\n<v Bo>Hi.",
        "01:00:00.000 --> 01:01:40.000\nBye.\n",
    ]


def test_markup_and_cue_arrows_in_the_text_are_escaped():
    track = webvtt_from_turns(
        [SpokenTurn(0, "<b>Eve</b> & co", "a --> b <i>c</i> & d\n\n\nnext paragraph")],
        duration=4,
    )
    assert cues(track) == [
        "00:00:00.000 --> 00:00:04.000\n<v &lt;b&gt;Eve&lt;/b&gt; &amp; co>"
        "a --&gt; b &lt;i&gt;c&lt;/i&gt; &amp; d next paragraph\n"
    ]
    assert track.count("-->") == 1
    assert "\n\n\n" not in track


def test_a_long_turn_is_cut_into_timed_cues():
    words = " ".join(f"w{n}" for n in range(28))
    track = webvtt_from_turns([SpokenTurn(10, "Ann", words)], duration=24)
    assert cues(track) == [
        "00:00:10.000 --> 00:00:17.000\n<v Ann>" + " ".join(f"w{n}" for n in range(14)),
        "00:00:17.000 --> 00:00:24.000\n<v Ann>" + " ".join(f"w{n}" for n in range(14, 28)) + "\n",
    ]


def test_unstamped_turns_are_heard_with_the_stamped_turn_before():
    track = webvtt_from_turns(
        [
            SpokenTurn(None, "Ann", "Before any time."),
            SpokenTurn(0, "Ann", "One two."),
            SpokenTurn(None, "Bo", "Three four."),
            SpokenTurn(8, "Ann", "Five."),
        ],
        duration=None,
    )
    assert "Before any time" not in track
    assert cues(track)[:2] == [
        "00:00:00.000 --> 00:00:04.000\n<v Ann>One two.",
        "00:00:04.000 --> 00:00:08.000\n<v Bo>Three four.",
    ]
    # The last cue, with no recording length known, lasts as long as its words take to say.
    assert cues(track)[2] == "00:00:08.000 --> 00:00:10.000\n<v Ann>Five.\n"


def test_a_stamp_going_back_does_not_make_cues_out_of_order():
    track = webvtt_from_turns(
        [SpokenTurn(10, "Ann", "A."), SpokenTurn(5, "Bo", "B."), SpokenTurn(20, "Ann", "C.")],
        duration=30,
    )
    starts = [cue.split(" --> ")[0] for cue in cues(track)]
    assert starts == sorted(starts)
    assert starts[0] == "00:00:10.000"


def test_no_timed_turn_gives_an_empty_track():
    assert webvtt_from_turns([SpokenTurn(None, "Ann", "Hi.")]) == "WEBVTT\n"


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0"), (83, "83"), (83.5, "83.5"), (1.0004, "1"), (7.125, "7.125")]
)
def test_media_seconds(seconds, text):
    assert media_seconds(seconds) == text
