"""`editing`: an import draft's state, checked when loaded, and the editor's edits to it."""

import copy
import json
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from interviews.importing.drafts import SpeakerChoice, transcript_fingerprint
from interviews.importing.editing import (
    KINDS,
    MAX_COMMENTS,
    MAX_ID,
    MAX_TIMESTAMP,
    ROLES,
    DraftHints,
    DraftSource,
    DraftSpeaker,
    DraftState,
    DraftTurn,
    EditError,
    MergeNeedsSpeaker,
    add_speaker,
    delete_turns,
    draft_parts,
    fingerprint,
    map_label,
    merge_turn,
    parsed_comments,
    rename_speaker,
    set_details,
    set_speaker,
    set_turn,
    split_turn,
    state_from_parse,
    turn_page,
    unconfirmed_new_people,
)
from interviews.transcript import parse
from interviews.transcript.model import ParsedComment, ParsedTranscript, ParsedTurn, ParseHints
from interviews.transcript.threads import MAX_DEPTH
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
        pytest.param(lambda data: data.update(version=1.0), id="version-float"),
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
    data["comments"] = nested_thread(MAX_DEPTH)
    assert round_trip(DraftState.from_json(data)).comments == data["comments"]
    data["comments"] = nested_thread(MAX_DEPTH + 1)
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
    assert depth == MAX_DEPTH
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


# --- Merging --------------------------------------------------------------------------------


def texts(state: DraftState) -> list[str]:
    return [turn.text for turn in state.turns]


def test_turns_of_one_speaker_merge_keeping_the_first_timestamp_and_kind():
    state = labelled_state()
    split_turn(state, 1, parts=["Clouds.", "And wind."], timestamps=[None, 7])
    state.turns[2].kind = "remark"
    merge_turn(state, 2)
    turn = state.turns[1]
    assert (turn.speaker, turn.kind, turn.text, turn.timestamp, turn.label) == (
        "s2",
        "answer",
        "Clouds.\n\nAnd wind.",
        5,
        "BEN",
    )
    assert len(state.turns) == 5


def test_merging_two_speakers_turns_asks_whose_the_result_is():
    state = labelled_state()
    before = state.as_json()
    with pytest.raises(MergeNeedsSpeaker) as raised:
        merge_turn(state, 1)
    assert str(raised.value) == (
        "Turn 2 is Ben Okafor's and turn 1 is Ana Ruiz's: choose whose the merged turn is."
    )
    assert raised.value.speaker_keys == ("s1", "s2")
    assert raised.value.index == 1
    assert isinstance(raised.value, EditError)
    assert state.as_json() == before


def test_the_question_names_people_in_the_archive_and_turns_without_a_speaker():
    state = labelled_state()
    set_speaker(state, "s2", person_id=12, new_name="", confirmed=False, role="interviewee")
    with pytest.raises(MergeNeedsSpeaker, match=r"^Turn 3 has no speaker and turn 2 is Ben O"):
        merge_turn(state, 2, person_names={12: "Ben Okafor"})
    with pytest.raises(MergeNeedsSpeaker, match=r"^Turn 3 has no speaker and turn 2 is Ben's"):
        merge_turn(state, 2)


def test_the_editor_says_whose_the_merged_turn_is():
    state = labelled_state()
    merge_turn(state, 1, speaker_key="s2")
    turn = state.turns[0]
    assert (turn.speaker, turn.kind, turn.timestamp, turn.label) == ("s2", "answer", 0, "BEN")
    assert turn.text == "Why rain?\n\nClouds.\n\nAnd wind."
    state = labelled_state()
    merge_turn(state, 1, speaker_key="s1")
    assert (state.turns[0].speaker, state.turns[0].kind, state.turns[0].label) == (
        "s1",
        "question",
        "ANA",
    )


@pytest.mark.parametrize(
    ("index", "speaker_key", "message"),
    [
        (0, None, "Turn 1 has no turn before it"),
        (5, None, "numbered 1 to 5"),
        (-1, None, "numbered 1 to 5"),
        (1, "s3", "choose one of the two"),
        (1, "", "choose one of the two"),
    ],
)
def test_a_merge_that_cannot_be_made_changes_nothing(index, speaker_key, message):
    state = labelled_state()
    before = state.as_json()
    with pytest.raises(EditError, match=message):
        merge_turn(state, index, speaker_key=speaker_key)
    assert state.as_json() == before


def test_merging_one_speakers_turns_cannot_give_them_to_another():
    state = labelled_state()
    split_turn(state, 0, parts=["Why", "rain?"])
    with pytest.raises(EditError, match="both Ana Ruiz's"):
        merge_turn(state, 1, speaker_key="s2")


# --- Splitting ------------------------------------------------------------------------------


def test_a_split_keeps_the_timestamp_on_the_first_part_and_takes_the_later_ones():
    state = labelled_state()
    split_turn(state, 1, parts=["Clouds.", "And", "wind."], timestamps=[None, 7, None])
    assert [(t.text, t.timestamp, t.speaker, t.kind, t.label) for t in state.turns[1:4]] == [
        ("Clouds.", 5, "s2", "answer", "BEN"),
        ("And", 7, "s2", "answer", "BEN"),
        ("wind.", None, "s2", "answer", "BEN"),
    ]
    state = labelled_state()
    split_turn(state, 1, parts=["Clouds.\r\n", "And wind."], timestamps=[6, 8])
    assert [(t.text, t.timestamp) for t in state.turns[1:3]] == [("Clouds.", 6), ("And wind.", 8)]


@pytest.mark.parametrize(
    ("parts", "timestamps", "message"),
    [
        (["Clouds. And wind."], None, "two parts or more"),
        ("Clouds.", None, "two parts or more"),
        (["Clouds.", "  "], None, "Part 2 of turn 2 is empty"),
        (["Clouds.", "And rain."], None, "hold its text as it is"),
        (["Clou", "ds. And wind."], None, "split between words"),
        (["Clouds.", "And wind."], [1], "one time for each part"),
        (["Clouds.", "And wind."], [None, 360_001], "Part 2 of turn 2: a time"),
        (["Clouds.", "And wind."], [None, "7"], "a time is from"),
        (["Clouds.", "And wind."], [None, True], "a time is from"),
    ],
)
def test_a_split_that_cannot_be_made_changes_nothing(parts, timestamps, message):
    state = labelled_state()
    before = state.as_json()
    with pytest.raises(EditError, match=message):
        split_turn(state, 1, parts=parts, timestamps=timestamps)
    assert state.as_json() == before


# --- Correcting and trimming turns ----------------------------------------------------------


def test_set_turn_corrects_a_turn():
    state = labelled_state()
    set_turn(state, 3, speaker_key="s1", kind="remark", text=" Really?\r\nReally. ", timestamp=13)
    turn = state.turns[3]
    assert (turn.speaker, turn.kind, turn.text, turn.timestamp, turn.label) == (
        "s1",
        "remark",
        "Really?\nReally.",
        13,
        "A.R.",
    )


def test_a_turn_given_to_another_speaker_drops_the_label_it_was_written_with():
    state = labelled_state()
    set_turn(state, 3, speaker_key="s2", kind="answer", text="Really?", timestamp=None)
    assert (state.turns[3].speaker, state.turns[3].label, state.turns[3].timestamp) == (
        "s2",
        "",
        None,
    )
    set_turn(state, 1, speaker_key="", kind="caption", text="Clouds.", timestamp=5)
    assert (state.turns[1].speaker, state.turns[1].label) == ("", "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"speaker_key": "s9"}, "not in this draft"),
        ({"speaker_key": None}, "not in this draft"),
        ({"kind": "aside"}, "not a kind of turn"),
        ({"text": " \n "}, "has no text"),
        ({"text": None}, "has no text"),
        ({"text": "a\x00b"}, "not text"),
        ({"text": "x" * (2 * 1024 * 1024 + 1)}, "longer than"),
        ({"timestamp": 360_001}, "a time is from"),
        ({"timestamp": -1}, "a time is from"),
        ({"timestamp": 2.5}, "a time is from"),
    ],
)
def test_a_turn_correction_that_cannot_be_made_changes_nothing(changes, message):
    state = labelled_state()
    before = state.as_json()
    values = {"speaker_key": "s1", "kind": "question", "text": "Why?", "timestamp": 1, **changes}
    with pytest.raises(EditError, match=message):
        set_turn(state, 0, **values)
    assert state.as_json() == before


def test_delete_turns_keeps_first_to_last():
    state = labelled_state()
    assert delete_turns(state, 1, 3) == 2
    assert texts(state) == ["Clouds.\n\nAnd wind.", "[Laughter]", "Really?"]
    assert delete_turns(state, 0, 2) == 0


@pytest.mark.parametrize(("first", "last"), [(3, 2), (-1, 2), (0, 5), (True, 2), ("0", 2)])
def test_a_trim_out_of_range_changes_nothing(first, last):
    state = labelled_state()
    with pytest.raises(EditError):
        delete_turns(state, first, last)
    assert len(state.turns) == 5


# --- Speakers -------------------------------------------------------------------------------


def test_qa_speakers_can_be_given_people_and_names():
    state = qa_state()
    set_speaker(state, "s1", person_id=4, new_name="", confirmed=False, role="interviewer")
    rename_speaker(state, "s2", new_name="  Ben   Okafor ")
    assert state.speakers[0].person_id == 4
    assert (state.speakers[1].new_name, state.speakers[1].confirmed) == ("Ben Okafor", False)
    assert unconfirmed_new_people(state) == ["Ben Okafor"]
    set_speaker(state, "s2", person_id=None, new_name="Ben Okafor", confirmed=True, role="")
    assert unconfirmed_new_people(state) == []
    assert round_trip(state) == state


def test_renaming_unconfirms_a_different_name_and_unlinks_a_person():
    state = labelled_state()
    rename_speaker(state, "s1", new_name="ana  ruiz")
    assert (state.speakers[0].new_name, state.speakers[0].confirmed) == ("ana ruiz", True)
    rename_speaker(state, "s1", new_name="Ana Ruiz-Diaz")
    assert state.speakers[0].confirmed is False
    set_speaker(state, "s2", person_id=3, new_name="", confirmed=False, role="interviewee")
    rename_speaker(state, "s2", new_name="")
    assert (state.speakers[1].person_id, state.speakers[1].new_name) == (None, "")
    assert round_trip(state) == state


def test_added_speakers_get_new_keys_and_wait_for_confirmation():
    state = qa_state()
    key = add_speaker(state, name="Cleo Park", role="interviewee")
    assert key == "s3"
    assert state.speakers[-1] == DraftSpeaker(
        key="s3", label="", new_name="Cleo Park", role="interviewee"
    )
    assert unconfirmed_new_people(state) == ["Cleo Park"]
    set_turn(state, 3, speaker_key=key, kind="answer", text="Because it rained.", timestamp=None)
    assert round_trip(state) == state


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: add_speaker(s, name=" ", role=""), "Give the new speaker a name"),
        (lambda s: add_speaker(s, name="x" * 201, role=""), "at most 200"),
        (lambda s: add_speaker(s, name="Cleo", role="host"), "not a role"),
        (lambda s: rename_speaker(s, "s9", new_name="Cleo"), "not in this draft"),
        (lambda s: rename_speaker(s, "", new_name="Cleo"), "not in this draft"),
        (
            lambda s: set_speaker(s, "s1", person_id=2, new_name="Cleo", confirmed=True, role=""),
            "not both",
        ),
        (
            lambda s: set_speaker(s, "s1", person_id="2", new_name="", confirmed=True, role=""),
            "not a person",
        ),
        (
            lambda s: set_speaker(s, "s1", person_id=2**63, new_name="", confirmed=True, role=""),
            "not a person",
        ),
        (
            lambda s: set_speaker(s, "s1", person_id=None, new_name="C", confirmed="yes", role=""),
            "yes or no",
        ),
        (lambda s: map_label(s, "Q", "s9"), "not in this draft"),
        (lambda s: map_label(s, "Z", "s1"), "No turn is labelled “Z”"),
        (lambda s: map_label(s, "", "s1"), "No turn is unlabelled"),
    ],
)
def test_a_speaker_edit_that_cannot_be_made_changes_nothing(call, message):
    state = qa_state()
    before = state.as_json()
    with pytest.raises(EditError, match=message):
        call(state)
    assert state.as_json() == before


def test_a_confirmed_speaker_without_a_name_is_not_confirmed():
    state = qa_state()
    set_speaker(state, "s1", person_id=None, new_name=" ", confirmed=True, role="interviewer")
    assert (state.speakers[0].new_name, state.speakers[0].confirmed) == ("", False)


def test_a_label_is_mapped_to_a_speaker_in_one_step():
    state = qa_state()
    key = add_speaker(state, name="Ana Ruiz", role="interviewer")
    assert map_label(state, "Q", key) == 2
    assert [turn.speaker for turn in state.turns] == [key, "s2", key, "s2"]
    # Labels as written stay: "Q" still stands for the speaker it is mapped to.
    assert [turn.label for turn in state.turns] == ["Q", "A", "Q", "A"]
    assert map_label(state, "A", "") == 2
    assert [turn.speaker for turn in state.turns] == [key, "", key, ""]


def test_unlabelled_spoken_turns_are_mapped_but_not_captions_or_directions():
    parsed = parse("How are you?\n\nFine thanks.\n\nWhy?", ParseHints(format="alternating"))
    state = state_from_parse(
        parsed=parsed,
        transcript="",
        source=DraftSource(),
        hints=DraftHints(),
        choices=[SpeakerChoice(label=label) for label in parsed.speakers],
    )
    state.turns.append(DraftTurn(speaker="", kind="direction", text="[Laughter]"))
    assert map_label(state, "", "s2") == 3
    assert [turn.speaker for turn in state.turns] == ["s2", "s2", "s2", ""]


def test_unconfirmed_new_people_names_each_person_once():
    state = labelled_state()
    add_speaker(state, name="ben okafor", role="")
    add_speaker(state, name="Cleo Park", role="")
    assert unconfirmed_new_people(state) == ["Ben Okafor", "Cleo Park"]


# --- Details, pages and fingerprints --------------------------------------------------------


def test_set_details_checks_what_it_is_given():
    state = labelled_state()
    set_details(state, title="Rain, again", published="2019-02", topic_ids=[3, 4])
    assert (state.details.title, state.details.published, state.details.topic_ids) == (
        "Rain, again",
        "2019-02",
        [3, 4],
    )
    before = state.as_json()
    for changes in ({"published": "2019-02-30"}, {"colour": "red"}, {"outlet_id": "²"}):
        with pytest.raises(EditError):
            set_details(state, **changes)
    assert state.as_json() == before


def test_turn_page_gives_a_page_and_the_page_count():
    state = labelled_state()
    page = turn_page(state, 2, 2)
    assert [turn.text for turn in page.turns] == ["[Laughter]", "Really?"]
    assert (page.page_count, page.page, page.first) == (3, 2, 2)
    assert turn_page(state, 9, 2).page == 3
    assert turn_page(state, 0, 2).page == 1
    assert turn_page(state, 1, 10) == (state.turns, 1, 1, 0)
    assert turn_page(DraftState(transcript=""), 1, 10) == ([], 1, 1, 0)
    with pytest.raises(ValueError):
        turn_page(state, 1, 0)


def test_the_fingerprint_is_the_texts_whatever_the_speakers_and_spacing():
    state, other = labelled_state(), labelled_state()
    set_turn(other, 0, speaker_key="s2", kind="answer", text="WHY   rain?", timestamp=None)
    add_speaker(other, name="Cleo Park", role="")
    assert fingerprint(state) == fingerprint(other)
    assert len(fingerprint(state)) == 64
    set_turn(other, 0, speaker_key="s2", kind="answer", text="Why snow?", timestamp=None)
    assert fingerprint(state) != fingerprint(other)
    merged = labelled_state()
    merge_turn(merged, 1, speaker_key="s1")
    assert fingerprint(merged) != fingerprint(state)
    assert fingerprint(state) == transcript_fingerprint(
        ["why rain?", "Clouds.\r\n\r\nAnd  wind.", "[LAUGHTER]", "Really?", "Yes, really."]
    )


# --- Any edits keep a state valid -----------------------------------------------------------

WORDS = st.sampled_from(["a", "bb", "Ça", "straße", "中文", "x-y", "?", "end.", "ǅ"])
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "  ", "\t"])
LABELS = st.sampled_from(["Q", "A", "JH", "", "Ana", "ANA RUIZ"])
TIMESTAMPS = st.one_of(st.none(), st.integers(0, MAX_TIMESTAMP))


@st.composite
def turn_texts(draw) -> str:
    words = draw(st.lists(WORDS, min_size=draw(st.sampled_from([1, 2, 2])), max_size=8))
    text = words[0]
    for word in words[1:]:
        text += draw(SEPARATORS) + word
    return text


@st.composite
def states(draw) -> DraftState:
    speakers = []
    for number in range(1, draw(st.integers(0, 4)) + 1):
        person_id = draw(st.one_of(st.none(), st.integers(1, MAX_ID)))
        new_name = "" if person_id else draw(st.sampled_from(["", "Ana Ruiz", "Ben"]))
        speakers.append(
            DraftSpeaker(
                key=f"s{number}",
                label=draw(LABELS),
                person_id=person_id,
                new_name=new_name,
                confirmed=bool(new_name) and draw(st.booleans()),
                role=draw(st.sampled_from(["interviewer", "interviewee", ""])),
            )
        )
    keys = ["", *(speaker.key for speaker in speakers)]
    turns = [
        DraftTurn(
            speaker=draw(st.sampled_from(keys)),
            kind=draw(st.sampled_from(KINDS)),
            text=draw(turn_texts()),
            timestamp=draw(TIMESTAMPS),
            label=draw(LABELS),
        )
        for _ in range(draw(st.integers(1, 10)))
    ]
    return DraftState(transcript="", speakers=speakers, turns=turns)


def words_of(turns) -> Counter:
    return Counter(word for turn in turns for word in turn.text.split())


def now_and_then(draw, usual, odd):
    """Mostly a value from `usual`, one time in eight one from `odd` (a value to refuse)."""
    return draw(odd if draw(st.integers(0, 7)) == 0 else usual)


def speaker_keys(draw, state: DraftState) -> str | None:
    keys = ["", *(speaker.key for speaker in state.speakers)]
    return now_and_then(draw, st.sampled_from(keys), st.sampled_from([None, "s99"]))


def index_in(draw, state: DraftState) -> int:
    count = len(state.turns)
    return now_and_then(draw, st.integers(0, count - 1), st.sampled_from([-1, count]))


def split_parts(draw, text: str) -> list[str]:
    """The text's words in 2 to 4 parts cut between words, or sometimes anything."""
    words = text.split()
    if draw(st.integers(0, 9)) == 0 or len(words) < 2:
        return draw(st.lists(turn_texts(), max_size=3))
    cuts = sorted(draw(st.sets(st.integers(1, len(words) - 1), min_size=1, max_size=3)))
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[start:end]) for start, end in pairwise(bounds)]


@settings(max_examples=150, deadline=None)
@given(state=states(), data=st.data())
def test_any_edits_keep_the_state_valid_and_lose_no_words(state, data):
    draw = data.draw
    assert round_trip(state) == state
    expected = words_of(state.turns)
    for _ in range(draw(st.integers(1, 10))):
        before = state.as_json()
        operation = draw(
            st.sampled_from(
                ["merge", "split", "set", "delete", "add", "rename", "speaker", "map", "page"]
            )
        )
        try:
            if operation == "merge":
                index = index_in(draw, state)
                speaker_key = speaker_keys(draw, state) if draw(st.booleans()) else None
                if 0 < index < len(state.turns) and draw(st.integers(0, 3)):
                    speaker_key = state.turns[index - draw(st.integers(0, 1))].speaker
                merge_turn(state, index, speaker_key=speaker_key)
            elif operation == "split":
                index = index_in(draw, state)
                text = state.turns[index].text if 0 <= index < len(state.turns) else "a b"
                parts = split_parts(draw, text)
                count = now_and_then(draw, st.just(len(parts)), st.integers(0, 4))
                times = draw(
                    st.one_of(st.none(), st.lists(TIMESTAMPS, min_size=count, max_size=count))
                )
                split_turn(state, index, parts=parts, timestamps=times)
            elif operation == "set":
                index = index_in(draw, state)
                old = state.turns[index] if 0 <= index < len(state.turns) else None
                text = now_and_then(draw, turn_texts(), st.just(" "))
                set_turn(
                    state,
                    index,
                    speaker_key=speaker_keys(draw, state),
                    kind=now_and_then(draw, st.sampled_from(KINDS), st.just("aside")),
                    text=text,
                    timestamp=now_and_then(draw, TIMESTAMPS, st.just(MAX_TIMESTAMP + 1)),
                )
                expected += Counter(text.split())
                expected -= words_of([old])
            elif operation == "delete":
                first, last = index_in(draw, state), index_in(draw, state)
                dropped = state.turns[:first] + state.turns[last + 1 :]
                delete_turns(state, first, last)
                expected -= words_of(dropped)
            elif operation == "add":
                add_speaker(
                    state,
                    name=draw(st.sampled_from(["Cleo Park", " ", "Ben"])),
                    role=draw(st.sampled_from(["interviewer", ""])),
                )
            elif operation == "rename":
                rename_speaker(
                    state, speaker_keys(draw, state), new_name=draw(st.sampled_from(["", "Jo"]))
                )
            elif operation == "speaker":
                set_speaker(
                    state,
                    speaker_keys(draw, state),
                    person_id=now_and_then(
                        draw,
                        st.one_of(st.none(), st.integers(1, MAX_ID)),
                        st.sampled_from([0, MAX_ID + 1, "7"]),
                    ),
                    new_name=draw(st.sampled_from(["", "Jo Hart"])),
                    confirmed=draw(st.booleans()),
                    role=now_and_then(draw, st.sampled_from(ROLES), st.just("host")),
                )
            elif operation == "map":
                map_label(state, draw(LABELS), speaker_keys(draw, state))
            else:
                page = turn_page(state, draw(st.integers(-1, 12)), draw(st.integers(1, 4)))
                assert page.turns == state.turns[page.first : page.first + len(page.turns)]
                assert 1 <= page.page <= page.page_count
            event(f"{operation} applied")
        except EditError:
            event(f"{operation} refused")
            assert state.as_json() == before
        assert round_trip(state) == state
        keys = {speaker.key for speaker in state.speakers}
        assert all(turn.speaker in keys | {""} for turn in state.turns)
        assert all(turn.text.strip() for turn in state.turns)
        assert words_of(state.turns) == expected
        assert fingerprint(round_trip(state)) == fingerprint(state)
    # Whatever the edits, once the new people are confirmed the state can be saved as it is.
    for speaker in state.speakers:
        speaker.confirmed = bool(speaker.new_name)
    people = {s.person_id: Person(pk=s.person_id, name="P") for s in state.speakers if s.person_id}
    speakers, turns, _ = draft_parts(state, people=people)
    labels = [choice.label for choice in speakers]
    assert len(set(labels)) == len(labels)
    assert all(turn.speaker in labels for turn in turns if turn.speaker)
    assert [turn.text for turn in turns] == texts(state)


@settings(max_examples=100, deadline=None)
@given(state=states(), data=st.data())
def test_merge_then_split_restores_the_texts(state, data):
    if len(state.turns) < 2:
        return
    index = data.draw(st.integers(1, len(state.turns) - 1))
    original = copy.deepcopy(state.turns)
    previous, turn = original[index - 1], original[index]
    merge_turn(state, index, speaker_key=turn.speaker)
    assert len(state.turns) == len(original) - 1
    split_turn(
        state, index - 1, parts=[previous.text, turn.text], timestamps=[None, turn.timestamp]
    )
    assert texts(state) == [turn.text for turn in original]
    if (previous.speaker, previous.kind, previous.label) == (turn.speaker, turn.kind, turn.label):
        assert state.turns == original
    else:
        assert state.turns[index - 1].timestamp == previous.timestamp
        assert state.turns[index - 1].speaker == turn.speaker


# --- What saving writes ---------------------------------------------------------------------


def test_draft_parts_ties_turns_to_speakers_by_label_and_keeps_labels_as_written():
    state = qa_state()
    ana = Person(pk=5, name="Ana Ruiz")
    set_speaker(state, "s1", person_id=5, new_name="", confirmed=False, role="interviewer")
    cleo = add_speaker(state, name="Cleo Park", role="interviewee")
    set_speaker(
        state, cleo, person_id=None, new_name="Cleo Park", confirmed=True, role="interviewee"
    )
    map_label(state, "A", cleo)
    speakers, turns, comments = draft_parts(state, people={5: ana})
    assert [(c.label, c.person, c.new_name, c.role) for c in speakers] == [
        ("Interviewer", ana, "", "interviewer"),
        # A speaker the editor added is tied by name, so the new person gets no alias.
        ("Cleo Park", None, "Cleo Park", "interviewee"),
    ]
    assert [(t.speaker, t.label, t.kind) for t in turns] == [
        ("Interviewer", "Q", "question"),
        ("Cleo Park", "A", "answer"),
        ("Interviewer", "Q", "question"),
        ("Cleo Park", "A", "answer"),
    ]
    assert [t.text for t in turns] == texts(state)
    assert comments == []


def test_a_speaker_who_is_no_one_is_left_out_and_their_turns_keep_their_labels():
    state = qa_state()  # "Interviewer" and "Interviewee", no one to create
    speakers, turns, _ = draft_parts(state, people={})
    assert speakers == []
    assert [(t.speaker, t.label) for t in turns] == [("", "Q"), ("", "A"), ("", "Q"), ("", "A")]
    state = labelled_state()
    set_turn(state, 0, speaker_key="s2", kind="question", text="Why rain?", timestamp=0)
    rename_speaker(state, "s2", new_name="")
    _, turns, _ = draft_parts(state, people={})
    # Turn 1's own label went with its speaker: it is written as its new speaker's label.
    assert [(t.speaker, t.label) for t in turns[:2]] == [("", "BEN"), ("", "BEN")]


def test_speakers_sharing_a_label_or_a_name_get_labels_of_their_own():
    state = labelled_state()
    state.speakers[1].label = "ANA"  # two speakers read as "ANA"
    state.speakers[1].confirmed = True
    first = add_speaker(state, name="Cleo Park", role="")
    second = add_speaker(state, name="Cleo Park", role="")
    for key in (first, second):
        set_speaker(state, key, person_id=None, new_name="Cleo Park", confirmed=True, role="")
    set_turn(state, 2, speaker_key=second, kind="remark", text="[Laughter]", timestamp=None)
    speakers, turns, _ = draft_parts(state, people={})
    labels = [choice.label for choice in speakers]
    assert labels == ["Ana Ruiz", "Ben Okafor", "Cleo Park", "Cleo Park (s4)"]
    assert [t.speaker for t in turns] == [
        "Ana Ruiz",
        "Ben Okafor",
        "Cleo Park (s4)",
        "Ana Ruiz",
        "Ben Okafor",
    ]
    assert [t.label for t in turns] == ["ANA", "BEN", "", "A.R.", "BEN"]


def test_saving_waits_for_new_people_to_be_confirmed_and_for_people_to_exist():
    state = labelled_state()  # Ben Okafor was proposed, not confirmed
    with pytest.raises(EditError, match=r"Confirm the new person first.*: Ben Okafor\."):
        draft_parts(state, people={})
    set_speaker(state, "s2", person_id=9, new_name="", confirmed=False, role="interviewee")
    with pytest.raises(EditError, match="chosen for “Ben” is no longer in the archive"):
        draft_parts(state, people={})


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**64), 2**64),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.sampled_from(["s1", "s9", "", "question", "interviewer", "2020-02-30", "\x00"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def places(data, path=()):
    """Every path into nested JSON data, the data itself first."""
    found, stack = [], [(data, path)]
    while stack:
        value, at = stack.pop()
        found.append(at)
        if isinstance(value, dict):
            stack.extend((item, (*at, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*at, index)) for index, item in enumerate(value))
    return found


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_from_json_refuses_any_change_it_cannot_take_with_a_value_error(data):
    state = labelled_state()
    state.comments[0]["replies"].append({"author": "b", "posted": None, "text": "c", "replies": []})
    value = state.as_json()
    path = data.draw(st.sampled_from(places(value)[1:]))
    container = value
    for step in path[:-1]:
        container = container[step]
    if data.draw(st.booleans()) or isinstance(container, list):
        container[path[-1]] = data.draw(JSON_VALUES)
    else:
        container.pop(path[-1])
    try:
        loaded = DraftState.from_json(value)
    except ValueError:
        return
    assert loaded.as_json() == value
    assert round_trip(loaded) == loaded
