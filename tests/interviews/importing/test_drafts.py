"""drafts.py: a parse or a JSON export turned into the draft an import saves."""

import pytest

from interviews.exports import SCHEMA, ExportFormatError
from interviews.importing.drafts import draft_from_export, transcript_fingerprint


def test_the_fingerprint_ignores_spacing_and_case_but_not_words_or_order():
    same = transcript_fingerprint(["Why  did you\nstart?", "BECAUSE."])
    assert same == transcript_fingerprint(["why did you start?", "  because. "])
    assert same != transcript_fingerprint(["Why did you start?", "Because!"])
    assert same != transcript_fingerprint(["Because.", "Why did you start?"])
    # Turns are not words: where one turn ends matters.
    assert transcript_fingerprint(["a", "b"]) != transcript_fingerprint(["a b"])
    assert len(same) == 64 and int(same, 16) >= 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"schema": "something-else/1", "title": "x", "turns": []},
        {"schema": SCHEMA, "title": "x"},
        {"schema": SCHEMA, "title": "x", "turns": [{"position": 1, "kind": "answer"}]},
        {"schema": SCHEMA, "title": "x", "turns": [{"position": 1, "text": "t", "kind": "answer",
                                                    "timestamp": "one o'clock"}]},
        {"schema": SCHEMA, "title": "x", "turns": [], "published": "July"},
    ],
)  # fmt: skip
def test_a_malformed_export_is_refused_with_a_reason(db, data):
    with pytest.raises(ExportFormatError):
        draft_from_export(data=data)
