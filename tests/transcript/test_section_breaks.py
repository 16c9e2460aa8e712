"""A subheading standing between paragraphs of one speaker ends that turn: the text after it
goes on as a new turn of the same speaker (the corpus convention for section breaks)."""

from interviews.transcript import parse
from interviews.transcript.furniture import BOX_MARK
from tests.transcript.helpers import speech

PODCAST = """# Coronavirus-Update (16)

**Korinna Hennig:** Was ist denn anders?

**Christian Drosten:** Dieses neue Coronavirus kommt jetzt als Pandemie zu uns.

Man wird das in den Krankenhäusern sehen.

## Ein psychologischer Verdrängungsmechanismus?

Und wenn man das von der Hand weisen will, ist das Verdrängung.

**Korinna Hennig:** Sind wir in Italien schon so weit?

**Christian Drosten:** In einem gleichen Auswertungszeitraum, ja.
"""


def turns(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text.split()[0]) for t in speech(parse(text))]


def test_a_subheading_across_an_answer_starts_a_new_turn_of_the_same_speaker():
    assert turns(PODCAST) == [
        ("Korinna Hennig", "Was"),
        ("Christian Drosten", "Dieses"),
        ("Christian Drosten", "Und"),
        ("Korinna Hennig", "Sind"),
        ("Christian Drosten", "In"),
    ]
    answer = speech(parse(PODCAST))[1]
    assert answer.text.endswith("in den Krankenhäusern sehen.")


def test_the_mark_of_a_set_aside_box_is_a_break_too():
    text = PODCAST.replace("## Ein psychologischer Verdrängungsmechanismus?", BOX_MARK)
    assert [speaker for speaker, _ in turns(text)].count("Christian Drosten") == 3


def test_a_rule_across_an_answer_does_not_split_it():
    """A rule under a speaker's paragraph is often a footnote's or a signature's."""
    text = PODCAST.replace("## Ein psychologischer Verdrängungsmechanismus?", "* * *")
    assert [speaker for speaker, _ in turns(text)].count("Christian Drosten") == 2
