"""Which line is the headline: numbered episodes, broken lines, kickers, section labels."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

TALK = "Ana: Why bees?\n\nBen: They dance.\n\nAna: And wasps?\n\nBen: They don't."


def _clean(text):
    parsed = parse(text)
    assert conservation_problems(text, parsed) == []
    return parsed


def test_an_episode_line_under_the_show_name_is_the_title():
    parsed = _clean(f"The Hive Cast\n\nEpisode 142: why the bees left in June\n\n{TALK}")
    assert parsed.title == "Episode 142: why the bees left in June"
    assert parsed.metadata["kicker"] == "The Hive Cast"


def test_a_headline_opening_the_page_wins_over_a_front_matter_title():
    text = f"---\ntitle: The Hive Cast\n---\n\n# Why the bees left in June\n\n{TALK}"
    parsed = _clean(text)
    assert parsed.title == "Why the bees left in June"
    assert parsed.metadata["title"] == "The Hive Cast"
    text = f"---\ntitle: The Hive Cast\n---\n\nEpisode 142: Why the bees left\n\n{TALK}"
    assert _clean(text).title == "Episode 142: Why the bees left"


def test_an_episode_line_further_down_after_a_front_matter_title_is_kept_as_metadata():
    text = (
        "---\ntitle: Why the bees left\n---\n\nWe talked to Ben at his hives in May.\n\n"
        f"Episode 142: Why the bees left in June\n\n{TALK}"
    )
    parsed = _clean(text)
    assert parsed.title == "Why the bees left"
    assert parsed.metadata["episode"] == "Episode 142: Why the bees left in June"


def test_a_section_heading_is_never_the_title():
    parsed = _clean(f"## Introduction\n\nWe met Ben at his hives.\n\n## The Interview\n\n{TALK}")
    assert parsed.title == ""
    assert parsed.intro == "We met Ben at his hives."


def test_a_one_word_section_label_gives_way_to_the_headline():
    parsed = _clean(f"CULTURE\n\nThe BEEKEEPER WHO LISTENS to his hives\n\n{TALK}")
    assert parsed.title == "The BEEKEEPER WHO LISTENS to his hives"


def test_a_headline_broken_after_a_little_word_is_joined():
    text = f"HARBOUR SAFETY AND THE\n\nFUTURE OF THE PORT, PART II\n\nJULY 22, 2010\n\n{TALK}"
    parsed = _clean(text)
    assert parsed.title == "HARBOUR SAFETY AND THE FUTURE OF THE PORT, PART II"


def test_a_document_number_gives_way_to_the_headline_under_it():
    parsed = _clean(f"S. Doc. 111-53\n\nHARBOUR SAFETY REPORT FOR 2009\n\n{TALK}")
    assert parsed.title == "HARBOUR SAFETY REPORT FOR 2009"


def test_a_line_with_a_link_is_not_a_headline():
    text = f"Pollen is a small web server. See its site: [pollen.example](https://pollen.example)\n\n{TALK}"
    assert _clean(text).title == ""


def test_the_line_above_the_byline_is_the_title():
    text = (
        "An independent magazine about the sea, funded by readers.\n\n"
        "Why Do the Bees Leave in June? A Keeper Explains.\n\n"
        f"By Jo Marsh\n\n{TALK}"
    )
    assert _clean(text).title == "Why Do the Bees Leave in June? A Keeper Explains."


def test_fields_without_front_matter_fences_are_metadata():
    text = (
        "title: Porting a hive monitor to a new board, an interview with Ben Roe\n"
        "layout: post\ndate: '2012-06-18T01:24:10+00:00'\n\n" + TALK
    )
    parsed = _clean(text)
    assert parsed.title == "Porting a hive monitor to a new board, an interview with Ben Roe"
    assert parsed.metadata["layout"] == "post"


def test_an_image_with_a_title_attribute_over_an_introduction_heading():
    text = (
        '![The keepers at the fair](keepers-2002.jpg "The keepers at the fair")\n\n'
        "## Introduction\n\nWe met the keepers at the fair.\n\n## The Interview\n\n" + TALK
    )
    parsed = _clean(text)
    assert parsed.title == ""
    assert parsed.turns[0].kind == "caption"
    assert parsed.turns[0].text == "The keepers at the fair"


def test_a_sentence_about_an_episode_is_not_a_headline():
    text = f"The Hive Cast\n\nEpisode 12 of the series was recorded in Paris last May.\n\n{TALK}"
    parsed = _clean(text)
    assert parsed.title == "The Hive Cast"
    assert parsed.intro == "Episode 12 of the series was recorded in Paris last May."


def test_an_about_section_heading_is_never_the_title():
    parsed = parse(
        "Oral-History:Jane Roe\n\nAbout Jane Roe\n\nJane Roe was a radio engineer.\n\n"
        "Chen:\n\nWhere were you born?\n\nRoe:\n\nIn Leeds.\n\n"
        "Chen:\n\nAnd then?\n\nRoe:\n\nLondon.\n"
    )
    assert parsed.title == "Oral-History:Jane Roe"
    assert "About Jane Roe" in parsed.ignored


def test_a_transcript_field_holding_a_headline_is_the_title():
    text = """Transcript: Ep. 8 – Night Shift with Dr. Ama Owusu

Host: Rachel Kim

**RACHEL KIM:** What does a typical night look like?

**AMA OWUSU:** There's no typical night.

**RACHEL KIM:** How do you sleep?

**AMA OWUSU:** Blackout curtains.
"""
    assert parse(text).title == "Ep. 8 – Night Shift with Dr. Ama Owusu"


def test_a_transcript_field_saying_how_it_was_made_is_no_title():
    text = """Transcript: automatically generated, may contain errors

**Ann:** Where were you born?

**Bo:** In Leeds.

**Ann:** And then?

**Bo:** London.
"""
    assert parse(text).title == ""
