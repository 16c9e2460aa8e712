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
