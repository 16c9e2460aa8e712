"""`editing`: an import draft's state, checked when loaded, and the editor's edits to it."""

import copy
import json

import pytest

from interviews.importing.drafts import SpeakerChoice
from interviews.importing.editing import (
    MAX_COMMENT_DEPTH,
    MAX_COMMENTS,
    DraftHints,
    DraftSource,
    DraftState,
    EditError,
    parsed_comments,
    state_from_parse,
)
from interviews.transcript import parse
from interviews.transcript.model import ParsedComment, ParsedTranscript, ParsedTurn, ParseHints
from people.models import Person

QA_TEXT = "Q: How are you?\n\nA: Fine, thanks.\n\nQ: Why?\n\nA: Because it rained.\n"


def qa_state(**hints) -> DraftState:
    """A Q/A transcript with no names, parsed and made a draft."""
    parsed = parse(QA_TEXT, ParseHints(format="qa"))
    return state_from_parse(
        parsed=parsed,
        transcript=QA_TEXT,
        source={"kind": "paste", "name": ""},
        hints=DraftHints(**hints),
        choices=[SpeakerChoice(label=label, role="") for label in parsed.speakers],
    )


def labelled_state() -> DraftState:
    """Ana Ruiz asks, Ben Okafor answers; one stage direction, timestamps on every turn."""
    parsed = ParsedTranscript(
        title="Rain",
        speakers=["ANA", "BEN"],
        turns=[
            ParsedTurn("ANA", "question", "Why rain?", 0, "ANA"),
            ParsedTurn("BEN", "answer", "Clouds.\n\nAnd wind.", 5, "BEN"),
            ParsedTurn("", "direction", "[Laughter]", 9, ""),
            ParsedTurn("ANA", "question", "Really?", 12, "A.R."),
            ParsedTurn("BEN", "answer", "Yes, really.", 15, "BEN"),
        ],
        comments=[ParsedComment("Reader", "Lovely.", "2020-01-02T10:00")],
    )
    return state_from_parse(
        parsed=parsed,
        transcript="(the text)",
        source=DraftSource(),
        hints=DraftHints(interviewers=["Ana Ruiz"]),
        choices=[
            SpeakerChoice(label="ANA", new_name="Ana Ruiz", role="interviewer"),
            SpeakerChoice(label="BEN", new_name="Ben Okafor", role="interviewee"),
        ],
    )


def round_trip(state: DraftState) -> DraftState:
    """The state through JSON text, as the database stores it."""
    return DraftState.from_json(json.loads(json.dumps(state.as_json())))


# --- The state and its JSON -----------------------------------------------------------------


def test_a_state_round_trips_through_json_exactly():
    state = labelled_state()
    data = state.as_json()
    assert round_trip(state) == state
    assert round_trip(state).as_json() == data


def test_as_json_shares_nothing_with_the_state():
    state = labelled_state()
    data = state.as_json()
    data["turns"][0]["text"] = "changed"
    data["comments"][0]["replies"].append({"author": "x", "posted": None, "text": "y"})
    data["details"]["topic_ids"].append(3)
    assert state.turns[0].text == "Why rain?"
    assert state.comments[0]["replies"] == []
    assert state.details.topic_ids == []


def valid_json() -> dict:
    return labelled_state().as_json()


def broken(change) -> dict:
    data = copy.deepcopy(valid_json())
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda data: data.update(version=2), id="version"),
        pytest.param(lambda data: data.update(version=True), id="version-bool"),
        pytest.param(lambda data: data.update(extra=1), id="unknown-key"),
        pytest.param(lambda data: data.pop("comments"), id="missing-key"),
        pytest.param(lambda data: data.update(transcript=None), id="transcript-type"),
        pytest.param(lambda data: data["source"].update(kind="url"), id="source-kind"),
        pytest.param(lambda data: data["hints"].update(outlet_id="1"), id="outlet-id-text"),
        pytest.param(lambda data: data["hints"].update(outlet_id=2**63), id="outlet-id-large"),
        pytest.param(lambda data: data["hints"].update(interviewers="Ana"), id="hints-not-list"),
        pytest.param(lambda data: data["notes"].update(format="html"), id="notes-format"),
        pytest.param(lambda data: data["notes"].update(metadata={"a": 1}), id="metadata-value"),
        pytest.param(lambda data: data["details"].update(published="2020-13"), id="published"),
        pytest.param(lambda data: data["details"].update(published="２０２０"), id="wide-digits"),
        pytest.param(lambda data: data["details"].update(topic_ids=[1, True]), id="topic-bool"),
        pytest.param(lambda data: data["details"].update(status="gone"), id="status"),
        pytest.param(lambda data: data["details"].pop("slug"), id="details-missing"),
        pytest.param(lambda data: data["speakers"][1].update(key="s1"), id="key-twice"),
        pytest.param(lambda data: data["speakers"][0].update(key="x1"), id="key-form"),
        pytest.param(lambda data: data["speakers"][0].update(confirmed=1), id="confirmed-int"),
        pytest.param(lambda data: data["speakers"][0].update(role="host"), id="role"),
        pytest.param(lambda data: data["speakers"][0].update(person_id=3), id="person-and-name"),
        pytest.param(
            lambda data: data["speakers"][1].update(new_name="", confirmed=True),
            id="confirmed-nameless",
        ),
        pytest.param(lambda data: data["turns"][0].update(speaker="s9"), id="unknown-speaker"),
        pytest.param(lambda data: data["turns"][0].update(kind="aside"), id="kind"),
        pytest.param(lambda data: data["turns"][0].update(timestamp=360_001), id="late"),
        pytest.param(lambda data: data["turns"][0].update(timestamp=-1), id="negative"),
        pytest.param(lambda data: data["turns"][0].update(timestamp=1.0), id="float-time"),
        pytest.param(lambda data: data["turns"][0].update(extra=""), id="turn-extra"),
        pytest.param(lambda data: data.update(turns={}), id="turns-not-list"),
        pytest.param(lambda data: data["comments"][0].update(replies=None), id="replies"),
        pytest.param(lambda data: data["comments"][0].update(posted=5), id="posted"),
        pytest.param(lambda data: data["comments"].append("hi"), id="comment-text"),
    ],
)
def test_from_json_refuses_malformed_data(change):
    with pytest.raises(ValueError):
        DraftState.from_json(broken(change))


@pytest.mark.parametrize("data", [None, [], "{}", 1])
def test_from_json_refuses_what_is_not_an_object(data):
    with pytest.raises(ValueError, match="not an object"):
        DraftState.from_json(data)


def nested_thread(depth: int) -> list[dict]:
    """One comment with a reply with a reply... `depth` levels, built without recursion."""
    roots: list[dict] = []
    replies = roots
    for _ in range(depth):
        comment = {"author": "a", "posted": None, "text": "t", "replies": []}
        replies.append(comment)
        replies = comment["replies"]
    return roots


def test_from_json_takes_a_thread_100_deep_and_refuses_101():
    data = valid_json()
    data["comments"] = nested_thread(MAX_COMMENT_DEPTH)
    assert round_trip(DraftState.from_json(data)).comments == data["comments"]
    data["comments"] = nested_thread(MAX_COMMENT_DEPTH + 1)
    with pytest.raises(ValueError, match="deeper than 100"):
        DraftState.from_json(data)


def test_from_json_refuses_a_very_deep_thread_without_recursing():
    data = valid_json()
    data["comments"] = nested_thread(50_000)
    with pytest.raises(ValueError, match="deeper"):
        DraftState.from_json(data)


def test_from_json_refuses_more_than_20000_comments():
    comment = {"author": "a", "posted": None, "text": "t", "replies": []}
    data = valid_json()
    data["comments"] = [dict(comment) for _ in range(MAX_COMMENTS)]
    assert len(DraftState.from_json(data).comments) == MAX_COMMENTS
    data["comments"].append(dict(comment))
    with pytest.raises(ValueError, match="more than 20,000"):
        DraftState.from_json(data)


# --- A state from a parse -------------------------------------------------------------------


def test_state_from_parse_gives_each_speaker_a_key_that_turns_refer_to():
    state = labelled_state()
    assert [(s.key, s.label, s.new_name) for s in state.speakers] == [
        ("s1", "ANA", "Ana Ruiz"),
        ("s2", "BEN", "Ben Okafor"),
    ]
    assert [turn.speaker for turn in state.turns] == ["s1", "s2", "", "s1", "s2"]
    assert [turn.label for turn in state.turns] == ["ANA", "BEN", "", "A.R.", "BEN"]
    assert state.turns[1].text == "Clouds.\n\nAnd wind."
    assert state.details.title == "Rain"


def test_only_names_the_editor_typed_are_confirmed():
    state = labelled_state()
    # "Ana Ruiz" was typed on step 1; "Ben Okafor" the choices proposed.
    assert [s.confirmed for s in state.speakers] == [True, False]


def test_a_person_in_the_archive_is_linked_by_id_with_no_new_name():
    parsed = ParsedTranscript(speakers=["ANA"], turns=[ParsedTurn("ANA", "question", "Hm?")])
    state = state_from_parse(
        parsed=parsed,
        transcript="",
        source=DraftSource(),
        hints=DraftHints(),
        choices=[SpeakerChoice(label="ANA", person=Person(pk=7, name="Ana Ruiz"), new_name="x")],
    )
    speaker = state.speakers[0]
    assert (speaker.person_id, speaker.new_name, speaker.confirmed) == (7, "", False)


def test_a_label_no_choice_names_becomes_a_speaker_of_its_own():
    parsed = ParsedTranscript(
        speakers=["ANA"],
        turns=[
            ParsedTurn("ANA", "question", "Hm?"),
            ParsedTurn("VOICE OVER", "remark", "Later."),
            ParsedTurn("Interviewee", "answer", "Yes."),
        ],
    )
    state = state_from_parse(
        parsed=parsed,
        transcript="",
        source=DraftSource(),
        hints=DraftHints(),
        choices=[SpeakerChoice(label="ANA", new_name="Ana")],
    )
    assert [(s.key, s.label, s.new_name) for s in state.speakers] == [
        ("s1", "ANA", "Ana"),
        ("s2", "VOICE OVER", "Voice Over"),
        ("s3", "Interviewee", ""),  # a role, not someone to create
    ]
    assert [turn.speaker for turn in state.turns] == ["s1", "s2", "s3"]


def test_qa_labels_become_two_speakers_with_no_one_to_create():
    state = qa_state()
    assert [(s.label, s.new_name, s.person_id) for s in state.speakers] == [
        ("Interviewer", "", None),
        ("Interviewee", "", None),
    ]
    assert [turn.label for turn in state.turns] == ["Q", "A", "Q", "A"]
    assert round_trip(state) == state


def test_full_name_proposes_a_fuller_name_for_a_one_word_name_to_confirm():
    parsed = ParsedTranscript(
        speakers=["Judy", "Ben Okafor", "Q"],
        turns=[
            ParsedTurn("Judy", "question", "Hm?"),
            ParsedTurn("Ben Okafor", "answer", "Yes."),
            ParsedTurn("Q", "question", "And?"),
        ],
    )
    asked = []

    def full_name(name):
        asked.append(name)
        return {"Judy": "Judy  Hart"}.get(name)

    state = state_from_parse(
        parsed=parsed,
        transcript="Judy Hart talks to Ben Okafor.",
        source=DraftSource(),
        hints=DraftHints(interviewers=["Judy"]),
        choices=[
            SpeakerChoice(label="Judy", new_name="Judy"),
            SpeakerChoice(label="Ben Okafor", new_name="Ben Okafor"),
            SpeakerChoice(label="Q", new_name="Q"),
        ],
        full_name=full_name,
    )
    assert asked == ["Judy", "Q"]
    # "Judy" was typed by the editor, "Judy Hart" was not: it waits for the editor.
    assert [(s.new_name, s.confirmed) for s in state.speakers] == [
        ("Judy Hart", False),
        ("Ben Okafor", False),
        ("Q", False),
    ]


def test_a_file_without_a_title_is_titled_by_its_name():
    parsed = ParsedTranscript(turns=[ParsedTurn("", "remark", "Hello.")])
    state = state_from_parse(
        parsed=parsed,
        transcript="Hello.",
        source={"kind": "file", "name": "C:\\Interviews\\judy-hart.txt"},
        hints={
            "interviewers": [],
            "interviewees": [],
            "format": "auto",
            "source_url": "https://example.org/2018/07/02/judy",
            "outlet_id": 4,
        },
        choices=[],
    )
    assert state.details.title == "judy-hart"
    assert state.details.published == "2018-07-02"
    assert state.details.outlet_id == 4
    assert state.source == DraftSource(kind="file", name="C:\\Interviews\\judy-hart.txt")


def test_state_from_parse_refuses_malformed_hints():
    with pytest.raises(ValueError):
        state_from_parse(
            parsed=ParsedTranscript(),
            transcript="",
            source={"kind": "paste", "name": ""},
            hints={"interviewers": "Ana"},
            choices=[],
        )


def test_the_thread_is_kept_and_flattened_below_100_levels():
    deepest = top = ParsedComment("a", "0")
    for level in range(1, 150):
        reply = ParsedComment("a", str(level))
        deepest.replies.append(reply)
        deepest = reply
    parsed = ParsedTranscript(turns=[ParsedTurn("", "remark", "Hi.")], comments=[top])
    state = state_from_parse(
        parsed=parsed, transcript="", source=DraftSource(), hints=DraftHints(), choices=[]
    )
    assert round_trip(state) == state
    texts, depth, level = [], 0, state.comments
    while level:
        depth += 1
        texts += [comment["text"] for comment in level]
        level = level[-1]["replies"]
    assert depth == MAX_COMMENT_DEPTH
    assert texts == [str(n) for n in range(150)]
    flat = parsed_comments(state)
    assert flat[0].text == "0" and flat[0].replies[0].text == "1"


def test_a_page_with_too_many_comments_is_refused_with_a_message():
    parsed = ParsedTranscript(
        turns=[ParsedTurn("", "remark", "Hi.")],
        comments=[ParsedComment("a", "t") for _ in range(MAX_COMMENTS + 1)],
    )
    with pytest.raises(EditError, match="more than 20,000 comments"):
        state_from_parse(
            parsed=parsed, transcript="", source=DraftSource(), hints=DraftHints(), choices=[]
        )
