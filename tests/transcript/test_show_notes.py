"""Markdown podcasts: a co-host 'with me as always', and the show notes after the talk."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

EPISODE = """**Jerod Santo:** Welcome to the show. I'm Jerod, and with me as always is Adam.

**Adam Stacoviak:** Hey. And today our friend Sofia Ruiz is here.

**Sofia Ruiz:** Thanks, y'all.

**Jerod Santo:** How's the project going?

**Sofia Ruiz:** Better than I expected. We have forty contributors now.

**Adam Stacoviak:** Paid by whom?

**Sofia Ruiz:** Two by a foundation grant.

**Adam Stacoviak:** Thanks for hanging out.

**Sofia Ruiz:** Anytime.

---

## Changelog

We're hiring! Head to changelog.com/jobs.

**Featuring:**
- Jerod Santo – [GitHub](https://github.com/jerodsanto)
"""


def test_with_me_as_always_names_a_co_host():
    parsed = parse(EPISODE)
    assert parsed.interviewers == ["Jerod Santo", "Adam Stacoviak"]
    assert parsed.interviewees == ["Sofia Ruiz"]


def test_a_heading_after_the_talk_opens_the_show_notes():
    parsed = parse(EPISODE)
    turns = speech(parsed)
    assert turns[-1].text == "Anytime."
    assert "Featuring" not in parsed.speakers
    assert "## Changelog" in parsed.ignored
    assert not conservation_problems(EPISODE, parsed)


HEADED = """# Night Owls, Episode 4: Moths

#### Sam Reed \\[00:00:00\\]

Welcome to Night Owls. Tonight I'm talking with Priya Nair about moths.

#### Priya Nair \\[00:00:09\\]

Thanks for having me.

## Why moths matter (00:00:12)

#### Sam Reed \\[00:00:12\\]

Why moths?

#### Priya Nair \\[00:00:14\\]

Because moths are the other ninety percent.
"""


def test_speaker_names_with_times_set_as_headings_are_labels():
    parsed = parse(HEADED)
    assert [turn.speaker for turn in speech(parsed)] == ["Sam Reed", "Priya Nair"] * 2
    assert parsed.interviewers == ["Sam Reed"]
    assert "## Why moths matter (00:00:12)" in parsed.ignored  # a chapter stays a heading
    assert not conservation_problems(HEADED, parsed)
