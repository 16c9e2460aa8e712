"""The sample archive: what the two seed pages become once fixtures/sample_archive.json is loaded.

The expected texts are the pages' own, curly apostrophes included.
"""

import datetime
import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from people.models import Person

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"

PYIMAGESEARCH = "pyimagesearch-interview-francois-chollet-2018"
DATACAMP = "datacamp-interview-francois-chollet-2017"
SEED_FILES = {
    PYIMAGESEARCH: "000_4dfcc7687fa37658.txt",
    DATACAMP: "001_25023ba15ad2cbed.txt",
}

# Text that surrounds the interviews on the source pages and must not reach the archive.
PAGE_FURNITURE = [
    "15 min read",
    "Skip to main content",
    "HomeBlog",
    "Top 32 AWS",
    "See More",
    "Leave a comment",
    "Leave a Reply",
    "Before you leave a comment",
    ", , , ,",
    "Responses to An interview",
]

UTC = datetime.UTC


def seed_text(slug: str) -> str:
    """The seed page with each line's indentation and trailing whitespace removed."""
    text = (FIXTURES_DIR / "seeds" / SEED_FILES[slug]).read_text(encoding="utf-8")
    return "\n".join(line.strip() for line in text.splitlines())


def turns_of(slug: str) -> list[Turn]:
    return list(Turn.objects.filter(interview__slug=slug).select_related("speaker"))


def turn_after(slug: str, question_ending: str) -> Turn:
    question = Turn.objects.get(interview__slug=slug, text__endswith=question_ending)
    return Turn.objects.get(interview__slug=slug, position=question.position + 1)


def test_the_archive_holds_two_published_interviews_with_their_people(sample_archive):
    assert [interview.slug for interview in sample_archive] == [DATACAMP, PYIMAGESEARCH]
    assert all(interview.is_public for interview in sample_archive)
    assert sorted(Person.objects.values_list("slug", flat=True)) == [
        "adrian-rosebrock",
        "francois-chollet",
        "hugo-bowne-anderson",
    ]
    assert sorted(Outlet.objects.values_list("name", flat=True)) == ["DataCamp", "PyImageSearch"]
    assert Topic.objects.count() == 8


def test_francois_answers_to_every_spelling_of_his_name(sample_archive):
    francois = Person.objects.get(slug="francois-chollet")
    assert francois.name == "François Chollet"
    assert {"francois", "chollet", "francois chollet"} <= francois.name_keys()


def test_participations_name_the_interviewer_and_the_interviewee(sample_archive):
    roles = {
        (slug, role): person
        for slug, role, person in Participation.objects.values_list(
            "interview__slug", "role", "person__slug"
        )
    }
    assert roles == {
        (PYIMAGESEARCH, "interviewer"): "adrian-rosebrock",
        (PYIMAGESEARCH, "interviewee"): "francois-chollet",
        (DATACAMP, "interviewer"): "hugo-bowne-anderson",
        (DATACAMP, "interviewee"): "francois-chollet",
    }


def test_topics_are_assigned_to_each_interview(sample_archive):
    pyimagesearch = Interview.objects.get(slug=PYIMAGESEARCH)
    datacamp = Interview.objects.get(slug=DATACAMP)
    assert set(pyimagesearch.topics.values_list("slug", flat=True)) == {
        "keras",
        "deep-learning",
        "research-practice",
        "open-source",
        "ai-ethics",
        "careers-learning",
        "books",
    }
    assert set(datacamp.topics.values_list("slug", flat=True)) == {
        "keras",
        "deep-learning",
        "python",
        "ai-ethics",
        "research-practice",
        "books",
        "careers-learning",
    }
    assert Topic.objects.get(slug="careers-learning").name == "Careers & learning"


def test_pyimagesearch_turns_per_kind_and_speaker(sample_archive):
    counts = Counter(
        (turn.kind, turn.speaker.slug if turn.speaker else None, turn.speaker_label)
        for turn in turns_of(PYIMAGESEARCH)
    )
    assert counts == {
        ("question", "adrian-rosebrock", "Adrian"): 12,
        ("answer", "francois-chollet", "Francois"): 12,
        ("caption", None, ""): 4,
    }


def test_datacamp_turns_per_kind_and_speaker(sample_archive):
    counts = Counter(
        (turn.kind, turn.speaker.slug, turn.speaker_label) for turn in turns_of(DATACAMP)
    )
    assert counts == {
        ("question", "hugo-bowne-anderson", ""): 13,
        ("answer", "francois-chollet", ""): 13,
    }


@pytest.mark.parametrize("slug, turn_count", [(PYIMAGESEARCH, 28), (DATACAMP, 26)])
def test_turn_positions_run_from_one_without_gaps(sample_archive, slug, turn_count):
    positions = [turn.position for turn in turns_of(slug)]
    assert positions == list(range(1, turn_count + 1))


def test_pyimagesearch_captions_sit_between_an_answer_and_the_next_question(sample_archive):
    kinds = [turn.kind[0].upper() for turn in turns_of(PYIMAGESEARCH)]
    # C = caption, Q = question, A = answer, in page order.
    assert "".join(kinds) == "CQAQACQACQAQACQAQAQAQAQAQAQA"
    captions = Turn.objects.filter(interview__slug=PYIMAGESEARCH, kind=Turn.Kind.CAPTION)
    assert [(caption.position, caption.text[:9]) for caption in captions] == [
        (1, "Figure 1:"),
        (6, "Figure 2:"),
        (9, "Figure 3:"),
        (14, "Figure 4:"),
    ]


def test_pyimagesearch_conversation_starts_and_ends_as_on_the_page(sample_archive):
    turns = turns_of(PYIMAGESEARCH)
    assert turns[0].text == (
        "Figure 1: Creator of Keras and Google researcher, Francois Chollet (Image credit: RedHat)."
    )
    assert turns[1].text.startswith("Hi Francois! I know you are very busy with your work")
    assert turns[2].text.startswith("I work as a software engineer at Google in Mountain View")
    assert turns[-1].kind == Turn.Kind.ANSWER
    assert turns[-1].text.startswith("I’ll be talking about some of my previous research")
    assert turns[-1].text.endswith("when it comes to processing 2D images or continuous 3D spaces.")


def test_unlabelled_paragraphs_join_the_answer_above_them(sample_archive):
    answer = Turn.objects.get(interview__slug=PYIMAGESEARCH, position=8)
    paragraphs = answer.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("I created Keras around February / March 2015.")
    assert paragraphs[-1] == (
        "Keras starting getting users from day one, and it has been a nonstop development "
        "marathon since."
    )


def test_datacamp_questions_and_answers_alternate(sample_archive):
    turns = turns_of(DATACAMP)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 13
    assert turns[0].text.startswith("François, you’re a software engineer and artificial")
    assert turns[1].text.startswith("That's a sharp observation")
    assert turns[2].text == "What do you actually do?"
    assert turns[-1].text.startswith("For sure. I think this has been lacking")
    assert turns[-1].text.endswith(
        "you can't choose to be \"on the sidelines\", that's a delusion."
    )


def test_pyimagesearch_intro_and_closing_note(sample_archive):
    interview = Interview.objects.get(slug=PYIMAGESEARCH)
    assert interview.title == "An interview with Francois Chollet"
    assert interview.deck.startswith("Adrian Rosebrock talks to the creator of Keras")
    assert interview.intro.startswith("In today’s blog post, I interview arguably one of")
    assert interview.intro.endswith(
        "Please, join me in welcoming Francois to the PyImageSearch — it is truthfully a "
        "privilege to have him here."
    )
    assert (
        "Inside this interview Francois discusses:\n\n"
        "• His inspiration to study AI\n"
        "• The reason why he created Keras\n"
    ) in interview.intro
    assert interview.intro.count("\n• ") == 6
    assert interview.title not in interview.intro
    assert interview.closing_note.split("\n\n") == [
        "In today’s blog post, we interviewed Francois Chollet, Google AI researcher and creator "
        "of the popular Keras deep learning library.",
        "Please, take the time to leave a comment on this post and thank Francois for taking the "
        "time out of his busy to day to join us on PyImageSearch for this interview. We are "
        "truthfully privileged and lucky to have him here.",
        "Thank you, Francois!",
    ]


def test_datacamp_deck_intro_and_no_closing_note(sample_archive):
    interview = Interview.objects.get(slug=DATACAMP)
    assert interview.deck == (
        "DataCamp's Hugo Bowne-Anderson interviewed Keras creator and Google AI researcher "
        'François Chollet about his new book, "Deep Learning with Python".'
    )
    assert interview.intro.startswith("François Chollet is an AI & deep learning researcher")
    assert interview.intro.endswith("Feel free to reach out to us at @fchollet and @hugobowne.")
    assert "\n" not in interview.intro
    assert interview.closing_note == ""


def test_typography_is_kept_character_for_character(sample_archive):
    datacamp = Interview.objects.get(slug=DATACAMP)
    pyimagesearch = Interview.objects.get(slug=PYIMAGESEARCH)
    assert datacamp.title == "An Interview with Fran\u00e7ois Chollet"
    first_question = Turn.objects.get(interview=pyimagesearch, position=2).text
    assert "on the Keras library \u2014 I really appreciate" in first_question
    assert "It\u2019s quite the honor" in first_question
    # The page's non-breaking spaces stay where they were.
    assert "creator of the\u00a0Keras deep learning library" in pyimagesearch.intro
    assert "“Keras or TensorFlow”" in Turn.objects.get(interview=pyimagesearch, position=11).text


def test_datacamp_is_dated_to_the_month(sample_archive):
    datacamp = Interview.objects.get(slug=DATACAMP)
    assert datacamp.published_on == datetime.date(2017, 12, 1)
    assert datacamp.date_precision == Interview.DatePrecision.MONTH
    assert datacamp.published_display == "December 2017"
    assert Interview.objects.get(slug=PYIMAGESEARCH).published_display == "2 July 2018"


def test_bullet_lists_stay_one_line_per_item(sample_archive):
    answer = turn_after(DATACAMP, "What is artificial intelligence capable of?")
    bullets = [line for line in answer.text.splitlines() if line.startswith("• ")]
    assert len(bullets) == 3
    assert bullets[0].startswith("• Do tasks where we are able to fully, explicitly specify")
    assert "can do:\n\n• Do tasks" in answer.text
    assert "• Fairly naive combinations" in answer.text

    limits = turn_after(DATACAMP, "What isn't artificial intelligence capable of?")
    assert sum(line.startswith("• ") for line in limits.text.splitlines()) == 3


def test_pyimagesearch_comment_thread_shape(sample_archive):
    comments = Comment.objects.filter(interview__slug=PYIMAGESEARCH)
    assert comments.count() == 43
    assert comments.filter(parent__isnull=True).count() == 33
    assert comments.filter(parent__isnull=False).count() == 10
    assert list(comments.values_list("position", flat=True)) == list(range(1, 44))
    assert set(comments.values_list("origin", "status", "author_url")) == {
        (Comment.Origin.IMPORTED, Comment.Status.PUBLIC, "")
    }
    assert not Comment.objects.filter(interview__slug=DATACAMP).exists()


def test_every_reply_follows_its_parent_and_is_by_someone(sample_archive):
    for reply in Comment.objects.filter(parent__isnull=False).select_related("parent"):
        assert reply.parent.interview_id == reply.interview_id
        assert reply.parent.parent_id is None
        assert reply.parent.position < reply.position


def test_kudzai_has_two_replies_in_page_order(sample_archive):
    kudzai = Comment.objects.get(author_name="Kudzai")
    assert kudzai.posted_at == datetime.datetime(2018, 7, 2, 13, 16, tzinfo=UTC)
    replies = kudzai.replies.order_by("position")
    assert [reply.author_name for reply in replies] == ["Adrian Rosebrock", "Brian Karemba"]
    assert replies[1].posted_at == datetime.datetime(2018, 7, 3, 3, 58, tzinfo=UTC)


def test_comment_times_read_am_and_pm_correctly(sample_archive):
    posted = dict(
        Comment.objects.filter(position__in=[1, 6, 18]).values_list("author_name", "posted_at")
    )
    assert posted == {
        "Zubair Ahmed": datetime.datetime(2018, 7, 2, 10, 29, tzinfo=UTC),
        "Samih Eisa": datetime.datetime(2018, 7, 2, 12, 2, tzinfo=UTC),
        "hiankun": datetime.datetime(2018, 7, 3, 0, 3, tzinfo=UTC),
    }


def test_comment_paragraphs_and_line_breaks_are_kept(sample_archive):
    brian = Comment.objects.get(author_name="Brian Karemba")
    assert brian.text == (
        "Kudzai, sounds Zimbabwean? Would be awesome to network locally if you are.\n\n"
        "Thanks Adrian and Francois \u2013 inspiring as usual. Cant wait for PyImageConf!!"
    )
    emeka = Comment.objects.get(author_name="Emeka")
    assert (
        emeka.text == "Wow.. that was great!\nThank you Francois. Thanks Adrian for your good work."
    )
    # Yuliya's comment is surrounded by stray blank lines on the page.
    yuliya = Comment.objects.get(author_name="Yuliya")
    assert yuliya.text == "What would you recommend similar to PyImageConf based in EU or UK?"
    assert "Thank Fran\u00e7ois and Adrian" in Comment.objects.get(position=26).text


def test_no_page_furniture_anywhere_in_the_database(sample_archive):
    stored_text = [
        *Interview.objects.values_list("title", "deck", "intro", "closing_note"),
        *Turn.objects.values_list("text", "speaker_label"),
        *Comment.objects.values_list("author_name", "text"),
        *Person.objects.values_list("name", "bio"),
        *Topic.objects.values_list("name", "description"),
    ]
    everything = "\n".join(value for row in stored_text for value in row)
    for furniture in PAGE_FURNITURE:
        assert furniture not in everything
    # The title repeated under the intro is not a turn.
    assert not Turn.objects.filter(text__contains="An interview with Francois Chollet").exists()


def test_every_paragraph_stored_appears_verbatim_in_its_seed(sample_archive):
    for interview in Interview.objects.all():
        seed = seed_text(interview.slug)
        texts = [
            interview.title,
            interview.intro,
            interview.closing_note,
            *interview.turns.values_list("text", flat=True),
            *interview.comments.values_list("text", flat=True),
        ]
        for text in texts:
            for paragraph in text.split("\n\n"):
                assert paragraph in seed, f"{interview.slug}: not in the seed: {paragraph[:80]!r}"


def test_loading_the_fixture_twice_changes_nothing(sample_archive):
    def snapshot():
        return (
            list(Interview.objects.values_list("pk", "slug", "updated_at")),
            list(Turn.objects.values_list("pk", "interview_id", "position", "text")),
            list(Comment.objects.values_list("pk", "parent_id", "position", "posted_at")),
            list(Participation.objects.values_list("pk", "interview_id", "person_id", "role")),
        )

    before = snapshot()
    call_command("loaddata", "sample_archive", verbosity=0)
    assert snapshot() == before


def test_build_sample_archive_reproduces_the_committed_fixture(tmp_path):
    output = tmp_path / "sample_archive.json"

    call_command("build_sample_archive", str(output), verbosity=0)

    assert output.read_bytes() == (FIXTURES_DIR / "sample_archive.json").read_bytes()


def test_build_sample_archive_refuses_seeds_that_lose_a_turn(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURES_DIR / "seeds", seeds)
    page = seeds / SEED_FILES[PYIMAGESEARCH]
    # Without its label, the question merges into the answer above it.
    page.write_text(
        page.read_text(encoding="utf-8").replace("Adrian: What inspired", "What inspired"),
        encoding="utf-8",
    )
    output = tmp_path / "sample_archive.json"

    with pytest.raises(CommandError, match="'question': 11"):
        call_command("build_sample_archive", "--seeds", str(seeds), str(output), verbosity=0)

    assert not output.exists()
