"""The two real pages the archive was seeded with, parsed without knowing their layout."""

import json
from pathlib import Path

import pytest

from interviews.transcript import ParseHints, PartialDate, parse
from tests.transcript.helpers import everything_said, seed, speech

PYIMAGESEARCH = "000_4dfcc7687fa37658.txt"
DATACAMP = "001_25023ba15ad2cbed.txt"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sample_archive.json"


@pytest.fixture(scope="module")
def pyimagesearch():
    return parse(seed(PYIMAGESEARCH))


@pytest.fixture(scope="module")
def datacamp():
    return parse(seed(DATACAMP))


# --- PyImageSearch: "Adrian:" / "Francois:" labels, captions, intro, closing note, comments ----


def test_pyimagesearch_has_24_turns_alternating_adrian_and_francois(pyimagesearch):
    turns = speech(pyimagesearch)
    assert len(turns) == 24
    assert [turn.speaker for turn in turns] == ["Adrian", "Francois"] * 12
    assert [turn.kind for turn in turns] == ["question", "answer"] * 12
    assert pyimagesearch.speakers == ["Adrian", "Francois"]
    assert pyimagesearch.interviewers == ["Adrian"]
    assert pyimagesearch.interviewees == ["Francois"]


def test_pyimagesearch_labels_are_kept_as_written(pyimagesearch):
    assert {turn.label for turn in speech(pyimagesearch)} == {"Adrian", "Francois"}


def test_pyimagesearch_first_question(pyimagesearch):
    first = speech(pyimagesearch)[0]
    assert first.text.startswith("Hi Francois! I know you are very busy")
    assert not first.text.startswith("Adrian")


def test_pyimagesearch_captions_sit_before_questions_1_3_4_and_6(pyimagesearch):
    positions = []
    question = 0
    for turn in pyimagesearch.turns:
        if turn.kind == "question":
            question += 1
        elif turn.kind == "caption":
            positions.append(question + 1)
    assert positions == [1, 3, 4, 6]
    captions = [turn for turn in pyimagesearch.turns if turn.kind == "caption"]
    assert captions[0].text.startswith("Figure 1: Creator of Keras")
    assert all(turn.speaker == "" for turn in captions)


def test_pyimagesearch_title_intro_and_closing_note(pyimagesearch):
    assert pyimagesearch.title == "An interview with Francois Chollet"
    assert pyimagesearch.intro.startswith("In today’s blog post, I interview")
    assert pyimagesearch.intro.endswith("privilege to have him here.")
    assert "• His inspiration to study AI\n• The reason why he created Keras" in pyimagesearch.intro
    assert pyimagesearch.outro.startswith("In today’s blog post, we interviewed")
    assert pyimagesearch.outro.endswith("Thank you, Francois!")
    assert "Thank you, Francois!" not in speech(pyimagesearch)[-1].text


def test_pyimagesearch_repeated_title_and_tag_line_are_furniture(pyimagesearch):
    assert "An interview with Francois Chollet" in pyimagesearch.ignored
    assert ", , , ," in pyimagesearch.ignored
    assert "An interview with Francois Chollet" not in pyimagesearch.intro


def test_pyimagesearch_comments_are_threaded(pyimagesearch):
    def count(comments):
        return sum(1 + count(comment.replies) for comment in comments)

    replies = sum(count(comment.replies) for comment in pyimagesearch.comments)
    assert count(pyimagesearch.comments) == 43
    assert replies == 10
    assert pyimagesearch.comments[0].author == "Zubair Ahmed"


def test_pyimagesearch_comment_form_is_not_speech(pyimagesearch):
    said = everything_said(pyimagesearch)
    assert "Leave a Reply" not in said
    assert "Before you leave a comment" not in said
    assert "Zubair Ahmed" not in said
    assert "Leave a Reply" in pyimagesearch.ignored


def test_pyimagesearch_hinted_names_replace_first_names():
    parsed = parse(
        seed(PYIMAGESEARCH),
        ParseHints(interviewers=["Adrian Rosebrock"], interviewees=["François Chollet"]),
    )
    assert parsed.speakers == ["Adrian Rosebrock", "François Chollet"]
    assert speech(parsed)[0].speaker == "Adrian Rosebrock"
    assert speech(parsed)[0].label == "Adrian"


# --- DataCamp: unlabelled questions ending in "?", page furniture, related articles -----------


def test_datacamp_has_26_turns_alternating_question_and_answer(datacamp):
    turns = speech(datacamp)
    assert len(turns) == 26
    assert [turn.kind for turn in turns] == ["question", "answer"] * 13
    assert turns[0].text.startswith("François, you’re a software engineer")
    assert datacamp.format == "alternating"


def test_datacamp_interviewee_is_named_from_the_title(datacamp):
    assert [turn.speaker for turn in speech(datacamp)][:2] == ["Interviewer", "François Chollet"]
    assert datacamp.interviewers == ["Interviewer"]
    assert datacamp.interviewees == ["François Chollet"]


def test_datacamp_metadata(datacamp):
    assert datacamp.title == "An Interview with François Chollet"
    assert datacamp.deck.startswith("DataCamp's Hugo Bowne-Anderson interviewed")
    assert datacamp.published == PartialDate(2017, 12)
    assert datacamp.as_json()["published"] == "2017-12"
    assert datacamp.intro.startswith("François Chollet is an AI & deep learning researcher")
    assert datacamp.intro.endswith("@fchollet and @hugobowne.")
    assert datacamp.outro == ""


def test_datacamp_bullet_lists_stay_in_their_answers(datacamp):
    answer = speech(datacamp)[17]
    assert "three categories of things AI can do:\n\n• Do tasks where" in answer.text
    assert "\n• Do simple perception" in answer.text
    assert "\n• Fairly naive combinations" in answer.text


def test_datacamp_furniture_stays_out_of_the_interview(datacamp):
    said = everything_said(datacamp)
    for furniture in ("Skip to main content", "HomeBlogDeep Learning", "15 min read"):
        assert furniture not in said
        assert any(furniture in line for line in datacamp.ignored)
    assert "Top 32 AWS" not in said
    assert "See MoreSee More" not in said
    assert speech(datacamp)[-1].text.endswith("that's a delusion.")


def test_datacamp_hinted_names_become_speakers():
    parsed = parse(
        seed(DATACAMP),
        ParseHints(interviewers=["Hugo Bowne-Anderson"], interviewees=["François Chollet"]),
    )
    turns = speech(parsed)
    assert parsed.speakers == ["Hugo Bowne-Anderson", "François Chollet"]
    assert [turn.speaker for turn in turns] == ["Hugo Bowne-Anderson", "François Chollet"] * 13
    assert parsed.interviewers == ["Hugo Bowne-Anderson"]
    assert parsed.interviewees == ["François Chollet"]


# --- The sample archive, built from the same pages by `manage.py build_sample_archive` ----------


def _fixture_interviews():
    if not FIXTURE.exists():
        pytest.skip("fixtures/sample_archive.json is not built")
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    interviews = {r["pk"]: r["fields"] for r in records if r["model"] == "interviews.interview"}
    turns = sorted(
        (r["fields"] for r in records if r["model"] == "interviews.turn"),
        key=lambda fields: (fields["interview"], fields["position"]),
    )
    return interviews, turns


@pytest.mark.parametrize(("pk", "name"), [(1, PYIMAGESEARCH), (2, DATACAMP)])
def test_seed_parse_matches_the_sample_archive_text_for_text(pk, name):
    interviews, turns = _fixture_interviews()
    expected = [(t["kind"], t["text"]) for t in turns if t["interview"] == pk]
    parsed = parse(seed(name))
    assert [(turn.kind, turn.text) for turn in parsed.turns] == expected
    assert parsed.intro == interviews[pk]["intro"]
    assert parsed.outro == interviews[pk]["closing_note"]
