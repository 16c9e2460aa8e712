"""The quiet reading page's words: its table of contents, its byline, its folded introduction."""

import datetime

import pytest

from interviews.models import Participation, Turn
from interviews.reading import (
    Named,
    byline_text,
    contents_entry,
    interview_byline,
    intro_parts,
)
from interviews.transcript.model import PartialDate

# --- Which question turns the table of contents lists, and with what words ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi François, thanks for doing this.",
        "Hi Francois! It's quite the honor to have you on the blog.",
        "Thank you so much for your time today.",
        "Great. Have a nice day.",
        "",
        "   \n\n  ",
    ],
)
def test_a_greeting_or_a_remark_is_not_a_contents_entry(text):
    assert contents_entry(text) == ""


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("What do you actually do?", "What do you actually do?"),
        # The question, not the greeting before it.
        (
            "Hi Francois! I know you are very busy. It’s quite the honor to have you on the "
            "blog! For people who don’t know you, who are you and what do you do?",
            "For people who don’t know you, who are you and what do you do?",
        ),
        # Context first, then the question.
        (
            "One of the most exciting aspects about open source is seeing your work used. "
            "What are some of the most interesting uses of Keras?",
            "What are some of the most interesting uses of Keras?",
        ),
        # A short question that leans on the one before gives way to a fuller one.
        (
            "This logic extends to AI as well. Would you agree with that statement? And if so, "
            "what can we as a community do?",
            "And if so, what can we as a community do?",
        ),
        ("Why? Why did you create Keras at all?", "Why did you create Keras at all?"),
        # A request is a question without its mark.
        ("Thanks. Tell us about the Keras library.", "Tell us about the Keras library."),
        ("Can you walk us through it", "Can you walk us through it"),
        ("Why Python\n\nand not R?", "Why Python and not R?"),
        ("“Why not?” he asked.", "“Why not?” he asked."),
        ("¿Qué haces?", "¿Qué haces?"),
        ("你在做什么？", "你在做什么？"),
    ],
)
def test_a_question_turns_entry_is_the_question_it_asks(text, entry):
    assert contents_entry(text) == entry


def test_a_long_question_is_cut_to_its_first_words():
    question = "Why " + "and on " * 30 + "?"
    entry = contents_entry(question, max_words=8)
    assert entry == "Why and on and on and on and …"


def test_an_abbreviation_does_not_end_the_sentence():
    assert contents_entry("Say, e.g. the library, why that one?") == (
        "Say, e.g. the library, why that one?"
    )


# --- The introduction, folded when long ---------------------------------------------------------


def test_a_short_introduction_is_shown_whole():
    assert intro_parts("One paragraph.\n\nAnother.") == ("One paragraph.\n\nAnother.", "")


def test_a_long_introduction_shows_its_first_paragraph_and_folds_the_rest():
    rest = " ".join(["word"] * 80) + "\n\n• a list\n• of things"
    assert intro_parts("In today’s post, an interview.\r\n\r\n" + rest) == (
        "In today’s post, an interview.",
        rest,
    )


def test_a_long_introduction_of_one_paragraph_is_not_folded():
    text = " ".join(["word"] * 200)
    assert intro_parts(text) == (text, "")


# --- The byline ---------------------------------------------------------------------------------

ADRIAN = Named("Adrian Rosebrock", "/people/adrian-rosebrock/")
FRANCOIS = Named("François Chollet", "/people/francois-chollet/")
PYIMAGESEARCH = Named("PyImageSearch", "/outlets/pyimagesearch/")


def test_the_byline_says_who_interviews_whom_for_whom_and_when():
    parts = interview_byline(
        interviewers=[ADRIAN],
        interviewees=[FRANCOIS],
        outlet=PYIMAGESEARCH,
        published=PartialDate(2018, 7, 2),
    )
    assert byline_text(parts) == (
        "Adrian Rosebrock interviews François Chollet for PyImageSearch, 2 July 2018"
    )
    links = {part.text: part.url for part in parts if part.url}
    assert links == {
        "Adrian Rosebrock": ADRIAN.url,
        "François Chollet": FRANCOIS.url,
        "PyImageSearch": PYIMAGESEARCH.url,
    }
    (date,) = [part for part in parts if part.datetime]
    assert (date.text, date.datetime) == ("2 July 2018", "2018-07-02")


def test_several_interviewers_and_interviewees_are_listed_and_the_verb_agrees():
    ann, bob, cy = Named("Ann"), Named("Bob"), Named("Cy")
    parts = interview_byline(
        interviewers=[ann, bob], interviewees=[cy, ann, bob], outlet=None, published=None
    )
    assert byline_text(parts) == "Ann and Bob interview Cy, Ann and Bob"


def test_a_month_only_date_and_no_outlet():
    parts = interview_byline(
        interviewers=[ADRIAN], interviewees=[FRANCOIS], outlet=None, published=PartialDate(2017, 12)
    )
    assert byline_text(parts) == "Adrian Rosebrock interviews François Chollet, December 2017"


@pytest.mark.parametrize(
    ("interviewers", "interviewees", "outlet", "published", "text"),
    [
        (
            [],
            [FRANCOIS],
            PYIMAGESEARCH,
            None,
            "An interview with François Chollet for PyImageSearch",
        ),
        ([ADRIAN], [], None, PartialDate(2018), "An interview by Adrian Rosebrock, 2018"),
        ([], [], PYIMAGESEARCH, PartialDate(2018), "Published by PyImageSearch, 2018"),
        ([], [], None, PartialDate(2018, 7), "Published July 2018"),
        ([], [], None, None, ""),
    ],
)
def test_the_byline_says_only_what_is_known(interviewers, interviewees, outlet, published, text):
    parts = interview_byline(
        interviewers=interviewers, interviewees=interviewees, outlet=outlet, published=published
    )
    assert byline_text(parts) == text


# --- On the page --------------------------------------------------------------------------------


def html_of(client, interview) -> str:
    response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def contents_of(html: str) -> str:
    start = html.index('<details class="toc"')
    return html[start : html.index("</details>", start)]


def test_the_contents_leave_out_a_greeting_and_show_the_times(client, make_interview):
    interview = make_interview(turns=0)
    rows = [
        (Turn.Kind.QUESTION, "Hi François, thanks for doing this.", 4),
        (Turn.Kind.ANSWER, "Glad to.", 9),
        (Turn.Kind.QUESTION, "Thanks again. What do you do?", 83),
        (Turn.Kind.ANSWER, "I develop Keras.", 90),
        (Turn.Kind.QUESTION, "Tell us about <b>Keras</b>.", None),
    ]
    Turn.objects.bulk_create(
        Turn(
            interview=interview,
            position=position,
            kind=kind,
            text=text,
            timestamp=None if seconds is None else datetime.timedelta(seconds=seconds),
        )
        for position, (kind, text, seconds) in enumerate(rows, start=1)
    )

    contents = contents_of(html_of(client, interview))

    assert "#t1" not in contents
    assert '<a href="#t3"><span class="toc-time">00:01:23</span> What do you do?</a>' in contents
    assert '<a href="#t5">Tell us about &lt;b&gt;Keras&lt;/b&gt;.</a>' in contents
    assert '<span class="toc-count">2</span>' in contents


def test_the_contents_are_folded_until_a_wide_screen_opens_them(client, make_interview):
    html = html_of(client, make_interview(turns=4))
    assert '<details class="toc" data-open-when-wide>' in html
    assert "<kbd>j</kbd> next question" in contents_of(html)


def test_the_byline_on_the_page_links_the_people_and_the_outlet_and_is_escaped(
    client, make_interview, make_person, make_outlet
):
    interviewer = make_person("Ann <b>Lee</b>")
    interviewee = make_person("Bo & Co")
    outlet = make_outlet("The <i>Weekly</i>")
    interview = make_interview(
        interviewer=interviewer,
        interviewee=interviewee,
        outlet=outlet,
        published_on=datetime.date(2017, 12, 1),
        date_precision="month",
    )
    second = make_person("Cy")
    Participation.objects.create(
        interview=interview, person=second, role=Participation.Role.INTERVIEWER, position=2
    )

    html = html_of(client, interview)

    assert (
        f'<p class="interview-byline"><a href="{interviewer.get_absolute_url()}">'
        f'Ann &lt;b&gt;Lee&lt;/b&gt;</a> and <a href="{second.get_absolute_url()}">Cy</a>'
        f' interview <a href="{interviewee.get_absolute_url()}">Bo &amp; Co</a>'
        f' for <a href="{outlet.get_absolute_url()}">The &lt;i&gt;Weekly&lt;/i&gt;</a>,'
        ' <time datetime="2017-12">December 2017</time></p>'
    ) in html
    assert "<dt>" not in html  # no record block


def test_a_long_introduction_is_folded_after_its_first_paragraph(client, make_interview):
    rest = " ".join(["more"] * 80)
    interview = make_interview(intro=f"The <lead>.\n\n{rest}")

    html = html_of(client, interview)

    assert '<div class="prose interview-intro">\n    <p>The &lt;lead&gt;.</p>' in html
    assert (
        '<details class="intro-more" data-open-when-wide>\n'
        "      <summary>Read the whole introduction</summary>\n"
        f"      <p>{rest}</p>"
    ) in html


def test_a_comment_date_is_its_link(client, make_interview):
    interview = make_interview(comments=1)
    interview.comments.update(posted_at=datetime.datetime(2018, 7, 2, 10, 29, tzinfo=datetime.UTC))

    html = html_of(client, interview)

    assert '<a class="comment-date" href="#c1"><time datetime="2018-07-02T10:29:00+00:00">' in html
    assert 'class="permalink"' not in html
