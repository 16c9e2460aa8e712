"""Boilerplate after the talk: credits, editor's notes, share and listen links, press kits."""

import pytest

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

TALK = "Ana: Why bees?\n\nBen: They dance.\n\nAna: And wasps?\n\nBen: They don't dance at all."


def _clean(text):
    parsed = parse(text)
    assert conservation_problems(text, parsed) == []
    return parsed


@pytest.mark.parametrize(
    "trailer",
    [
        "Transcribed by https://otter.ai",
        "   Transcribed by https://otter.ai",
        "This interview has been edited and condensed for clarity.",
        "(This conversation has been lightly edited for length and clarity.)",
        "Share: Facebook | Twitter | Email",
        "Facebook | Twitter | LinkedIn",
        'Retrieved from "https://wiki.example.org/Oral-History:Jane_Roe"',
        "Listen on Apple Podcasts | Spotify | Overcast",
    ],
)
def test_trailing_boilerplate_is_set_aside_not_said(trailer):
    parsed = _clean(f"{TALK}\n\n{trailer}\n")
    assert speech(parsed)[-1].text == "They don't dance at all."
    assert parsed.outro == "" or trailer.strip() in parsed.outro
    assert trailer.strip() in parsed.ignored or trailer.strip() in parsed.outro


def test_a_transcription_credit_after_a_time_ends_an_otter_export():
    text = (
        "Ana Lima  0:04\nWhy bees?\n\nBen Roe  0:09\nThey dance.\n\n"
        "Ana Lima  0:15\nAnd wasps?\n\nBen Roe  0:20\nThey don't.\n\n"
        "0:00 Transcribed by https://otter.ai\n"
    )
    parsed = _clean(text)
    assert speech(parsed)[-1].text == "They don't."
    assert "0:00 Transcribed by https://otter.ai" in parsed.ignored


def test_a_press_kit_about_paragraph_after_the_talk_is_set_aside():
    text = (
        f"{TALK}\n\nAbout Harbour Media\n\n"
        "Harbour Media is a publisher of podcasts about the sea, founded in 2009.\n"
    )
    parsed = _clean(text)
    assert speech(parsed)[-1].text == "They don't dance at all."
    assert "About Harbour Media" in parsed.ignored


def test_show_note_links_between_turns_are_not_speech():
    text = (
        "Ana: Tell me about your library.\n\n"
        "Ben: It serves web pages fast.\n\n"
        "Pollen: https://pollen.example.org\n\n"
        "Ana: Why did you build it?\n\n"
        "Ben: Nothing else was fast enough.\n"
    )
    parsed = _clean(text)
    assert [turn.text for turn in speech(parsed)][1] == "It serves web pages fast."
    assert "Pollen: https://pollen.example.org" in parsed.ignored


def test_an_editing_note_inside_the_intro_is_left_alone():
    text = (
        "Bees and wasps\n\nWe spoke with Ben about his hives. "
        "(This interview has been edited for clarity.)\n\n" + TALK
    )
    parsed = _clean(text)
    assert "edited for clarity" in parsed.intro
    assert len(speech(parsed)) == 4


def test_an_editing_note_is_the_closing_note_and_the_share_links_under_it_are_set_aside():
    text = (
        f"{TALK}\n\nThis interview has been edited and condensed for clarity.\n\n"
        "Share: Facebook | Twitter\n"
    )
    parsed = _clean(text)
    assert speech(parsed)[-1].text == "They don't dance at all."
    assert parsed.outro == "This interview has been edited and condensed for clarity."
    assert "Share: Facebook | Twitter" in parsed.ignored


def test_a_press_release_footer_after_its_end_mark_is_set_aside():
    text = (
        "Q: What do you build?\nA: Small warehouse robots.\n\n"
        "Q: What's next?\nA: A second factory next year.\n\n"
        "###\n\n"
        "About Northwind Robotics\n"
        "Northwind Robotics designs robots for warehouses. Founded in 2017, it has 140 staff.\n\n"
        "Media contact:\nJonas Berg\npress@northwind.example\n"
    )
    parsed = parse(text)
    assert parsed.turns[-1].text == "A second factory next year."
    assert parsed.ignored[0] == "###"
    assert "Media contact:" in parsed.ignored
    assert not conservation_problems(text, parsed)


def test_an_about_heading_with_its_paragraph_right_under_it_is_a_press_kit():
    text = (
        "Ana: Why bees?\n\nBen: They are calm.\n\nAna: And honey?\n\nBen: Later.\n\n"
        "About the Harbour Trust\nThe Harbour Trust keeps hives on city roofs since 1998.\n"
    )
    parsed = parse(text)
    assert parsed.turns[-1].text == "Later."
    assert "About the Harbour Trust" in parsed.ignored


def test_after_turns_of_one_paragraph_a_blank_line_in_the_last_sets_the_closing_apart():
    said = [
        ("ANA", "When did the bakery open?"),
        ("BEN", "In 1998, on a rainy Tuesday."),
        ("ANA", "Who was your first customer?"),
        ("BEN", "The postman, and he still comes."),
        ("ANA", "What sells best?"),
        ("BEN", "Rye, by a mile."),
        ("ANA", "Any plans?"),
        ("BEN", "A second oven, if the landlord agrees."),
        ("ANA", "Thank you."),
        ("BEN", "Thank you."),
    ]
    text = "\n\n".join(f"{who}: {line}" for who, line in said)
    text += "\n\nThe bakery is open every day but Monday.\n\nPhotos: the author.\n"
    parsed = parse(text)
    assert parsed.turns[-1].text == "Thank you."
    assert parsed.outro == "The bakery is open every day but Monday.\n\nPhotos: the author."
    assert conservation_problems(text, parsed) == []


def test_a_last_turn_of_several_paragraphs_stays_whole_where_turns_have_paragraphs():
    said = [
        ("ANA", "When did the bakery open?"),
        ("BEN", "In 1998.\n\nOn a rainy Tuesday, as it happens."),
        ("ANA", "Who was your first customer?"),
        ("BEN", "The postman.\n\nHe still comes every morning."),
        ("ANA", "What sells best?"),
        ("BEN", "Rye.\n\nBy a mile, and the seeded one most."),
        ("ANA", "Any plans?"),
        ("BEN", "A second oven.\n\nIf the landlord agrees, that is."),
    ]
    text = "\n\n".join(f"{who}: {line}" for who, line in said)
    parsed = parse(text)
    assert parsed.turns[-1].text.endswith("If the landlord agrees, that is.")
    assert parsed.outro == ""


def test_credits_under_a_last_rule_of_an_unlabelled_interview_are_set_aside():
    text = (
        "**How did the yard start?**\n\nIn my father's shed.\n\n"
        "**Who buys your boats?**\n\nFishermen, mostly.\n\n"
        "--------------------------------------------------------------------------------\n\n"
        "via: https://example.org/interview-with-lia-berg/\n\n"
        "Translated by: Jo Roe\nProofread by: Al Poe\n\n"
        "[a]: https://example.org/author/jo/\n[b]: https://example.org/yard/\n"
    )
    parsed = parse(text)
    assert parsed.turns[-1].text == "Fishermen, mostly."
    assert "via: https://example.org/interview-with-lia-berg/" in parsed.ignored
    assert not conservation_problems(text, parsed)
