"""The public pages: home, interview list and detail, outlet, topic and sitemap."""

import datetime
import re

import lxml.html
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from interviews.filters import MAX_QUERY_LENGTH
from interviews.models import Comment, Interview, Turn

# Measured bounds; the point of the tests is that they hold for any amount of content.
# Every public page first reads the archive's version, for its ETag and the page cache
# (interviews/http_caching.py): one query more than the page itself makes.
VERSION_QUERY = 1
# interview+outlet, participations, topics, turns, neighbours, comments
DETAIL_PAGE_QUERIES = VERSION_QUERY + 6
# count, the page's ids, interviews with outlets, interviewers, interviewees, topics; then one
# query per facet (years, topics, outlets, interviewees, interviewers)
LIST_PAGE_QUERIES = VERSION_QUERY + 11
HOME_PAGE_QUERIES = VERSION_QUERY + 6  # latest interviews (4 with prefetches), topics, outlets
# The outlet or topic, then as the list page; the outlet's page has no outlet facet.
OUTLET_OR_TOPIC_PAGE_QUERIES = VERSION_QUERY + 12


def ids_inside(html: str, element_id: str) -> set[str]:
    """The ids of the elements nested inside the element with this id, in a page that nests well."""
    parser = lxml.html.HTMLParser(huge_tree=True)  # a chain of 200 replies nests 200 deep
    page = lxml.html.document_fromstring(html, parser=parser)
    assert not parser.error_log, [error.message for error in parser.error_log]  # a stray end tag
    outer = page.get_element_by_id(element_id)
    return {element.get("id") for element in outer.iterdescendants() if element.get("id")}


def add_comment(interview, position, *, parent=None, status=Comment.Status.PUBLIC, **fields):
    fields.setdefault("author_name", f"Reader {position}")
    fields.setdefault("text", f"Comment number {position}")
    return Comment.objects.create(
        interview=interview, parent=parent, status=status, position=position, **fields
    )


# --- Home ---------------------------------------------------------------------------------------


def test_home_shows_the_intro_and_the_latest_published_interviews(client, make_interview):
    older = make_interview("An older talk", published_on=datetime.date(2017, 12, 1))
    newer = make_interview("A newer talk", published_on=datetime.date(2018, 7, 2))

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Interview Archive" in html
    assert html.index(newer.title) < html.index(older.title)
    assert "2 July 2018" in html
    assert older.participations.get(role="interviewee").person.name in html


def test_home_lists_topics_and_outlets_with_their_published_counts(
    client, make_interview, make_outlet, make_topic
):
    outlet = make_outlet("DataCamp")
    topic = make_topic("Keras")
    make_interview(outlet=outlet, topics=[topic])
    make_interview(outlet=outlet, topics=[topic])
    make_interview(outlet=outlet, topics=[topic], status=Interview.Status.DRAFT)

    html = client.get(reverse("home")).content.decode()

    assert f'href="{outlet.get_absolute_url()}">DataCamp</a> <span class="count">2</span>' in html
    assert f'href="{topic.get_absolute_url()}">Keras</a> <span class="count">2</span>' in html


def test_home_leaves_out_drafts_and_their_only_topic(client, make_interview, make_topic):
    secret = make_topic("Secret topic")
    make_interview("Unfinished draft", status=Interview.Status.DRAFT, topics=[secret])

    html = client.get(reverse("home")).content.decode()

    assert "Unfinished draft" not in html
    assert "Secret topic" not in html


# --- Interview list -----------------------------------------------------------------------------


def test_list_shows_each_entry_with_its_links_and_question_count(
    client, make_interview, make_person, make_topic
):
    interviewer = make_person("Hugo Bowne-Anderson")
    interviewee = make_person("François Chollet")
    topic = make_topic("Deep learning")
    interview = make_interview(
        "An Interview with François Chollet",
        deck="About his new book",
        interviewer=interviewer,
        interviewee=interviewee,
        topics=[topic],
        turns=7,
        published_on=datetime.date(2017, 12, 1),
        date_precision=Interview.DatePrecision.MONTH,
    )

    response = client.get(reverse("interviews:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{interview.get_absolute_url()}">{interview.title}</a>' in html
    assert "About his new book" in html
    assert f'href="{interview.outlet.get_absolute_url()}"' in html
    assert '<time datetime="2017-12">December 2017</time>' in html
    assert f'<a href="{interviewer.get_absolute_url()}">Hugo Bowne-Anderson</a>' in html
    assert f'<a href="{interviewee.get_absolute_url()}">François Chollet</a>' in html
    assert f'href="{topic.get_absolute_url()}">Deep learning</a>' in html
    assert "4 questions" in html


def test_list_is_newest_first_and_leaves_out_drafts(client, make_interview):
    same_day = datetime.date(2019, 5, 5)
    first = make_interview("First of the day", published_on=same_day)
    second = make_interview("Second of the day", published_on=same_day)
    oldest = make_interview("Oldest", published_on=datetime.date(2010, 1, 1))
    undated = make_interview("Undated", published_on=None)
    make_interview("A draft", status=Interview.Status.DRAFT)

    html = client.get(reverse("interviews:list")).content.decode()

    positions = [html.index(f">{i.title}</a>") for i in (second, first, oldest, undated)]
    assert positions == sorted(positions)
    assert "A draft" not in html


@pytest.fixture
def nine_interviews(make_interview, settings):
    settings.INTERVIEWS_PER_PAGE = 2
    # With 3 orphans, 9 interviews at 2 a page make pages of 2, 2 and 5.
    return [
        make_interview(f"Interview {day:02d}", published_on=datetime.date(2020, 1, day))
        for day in range(1, 10)
    ]


def test_list_second_page_holds_the_next_interviews(client, nine_interviews):
    html = client.get(reverse("interviews:list"), {"page": 2}).content.decode()

    assert "Interview 07" in html
    assert "Interview 06" in html
    assert "Interview 08" not in html
    assert "Page 2 of 3" in html


def test_list_last_page_takes_the_orphans(client, nine_interviews):
    html = client.get(reverse("interviews:list"), {"page": 3}).content.decode()

    assert all(f"Interview 0{day}" in html for day in range(1, 6))


def test_a_deep_list_page_holds_its_interviews_in_order_with_their_question_counts(
    client, make_interview, settings
):
    settings.INTERVIEWS_PER_PAGE = 2
    for day in range(1, 13):
        make_interview(f"Day {day:02d}", published_on=datetime.date(2020, 1, day), turns=2 * day)

    # Page 5 of 2 a page takes the last 4 (3 orphans): page 4 is the deepest full page.
    response = client.get(reverse("interviews:list"), {"page": 4})

    page = response.context["page"]
    assert [interview.title for interview in page.object_list] == ["Day 06", "Day 05"]
    assert [interview.question_count for interview in page.object_list] == [6, 5]
    assert (page.paginator.count, page.paginator.num_pages) == (12, 5)


def test_a_deep_list_page_costs_the_queries_of_the_first(
    client, make_interview, settings, django_assert_max_num_queries
):
    settings.INTERVIEWS_PER_PAGE = 2
    for _ in range(20):
        make_interview()
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("interviews:list"), {"sort": "oldest"})
    cache.clear()

    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("interviews:list"), {"sort": "oldest", "page": 9})

    assert response.status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "4", str(10**9), "abc", "1.5", "9" * 5000])
def test_list_page_out_of_range_or_not_a_number_is_a_404(client, nine_interviews, page):
    response = client.get(reverse("interviews:list"), {"page": page})

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "page" in response.context["message"]


def test_list_page_message_says_which_pages_exist(client, nine_interviews):
    response = client.get(reverse("interviews:list"), {"page": 7})

    assert "run from page 1 to page 3" in response.content.decode()


def test_list_page_message_when_everything_fits_on_one_page(client, make_interview):
    make_interview()

    response = client.get(reverse("interviews:list"), {"page": 2})

    assert "they all fit on page 1" in response.content.decode()


def test_list_with_no_interviews_says_so(client, db):
    response = client.get(reverse("interviews:list"))

    assert response.status_code == 200
    assert "No published interviews yet." in response.content.decode()


# --- Interview detail ---------------------------------------------------------------------------


def test_detail_shows_title_once_as_the_h1_and_the_metadata(
    client, make_interview, make_person, make_topic
):
    interviewer = make_person("Adrian Rosebrock")
    interviewee = make_person("François Chollet")
    topic = make_topic("Keras")
    interview = make_interview(
        "An interview with Francois Chollet",
        deck="The creator of Keras",
        interviewer=interviewer,
        interviewee=interviewee,
        topics=[topic],
        published_on=datetime.date(2018, 7, 2),
        source_url="https://pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/",
        intro="In today’s blog post, I interview Francois.",
        closing_note="Thank you for reading.",
    )

    response = client.get(interview.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<h1>An interview with Francois Chollet</h1>" in html
    assert "The creator of Keras" in html
    assert '<time datetime="2018-07-02">2 July 2018</time>' in html
    assert f'<a href="{interviewer.get_absolute_url()}">Adrian Rosebrock</a>' in html
    assert f'<a href="{interviewee.get_absolute_url()}">François Chollet</a>' in html
    assert f'<a href="{topic.get_absolute_url()}">Keras</a>' in html
    assert f'<a href="{interview.outlet.get_absolute_url()}">' in html
    assert f'<a href="{interview.source_url}" rel="noopener">' in html
    assert "<p>In today’s blog post, I interview Francois.</p>" in html
    assert "<p>Thank you for reading.</p>" in html


def test_detail_year_precision_date(client, make_interview):
    interview = make_interview(
        published_on=datetime.date(2016, 1, 1), date_precision=Interview.DatePrecision.YEAR
    )

    html = client.get(interview.get_absolute_url()).content.decode()

    assert '<time datetime="2016">2016</time>' in html


def test_detail_shows_every_turn_in_order_with_a_link_to_it(client, make_interview):
    interview = make_interview(turns=4)

    html = client.get(interview.get_absolute_url()).content.decode()

    anchors = [html.index(f'id="t{position}"') for position in range(1, 5)]
    assert anchors == sorted(anchors)
    assert html.count('id="t') == 4
    for position in range(1, 5):
        assert f'<a class="copy-link" href="#t{position}"' in html
    assert '<section id="t1" class="turn turn--question">' in html
    assert '<section id="t2" class="turn turn--answer">' in html


def test_detail_table_of_contents_links_to_the_questions(client, make_interview):
    interview = make_interview(turns=4)

    html = client.get(interview.get_absolute_url()).content.decode()

    contents = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
    assert '<a href="#t1">Turn number 1?</a>' in contents
    assert '<a href="#t3">Turn number 3?</a>' in contents
    assert "#t2" not in contents


def test_detail_names_the_person_when_linked_else_the_transcript_label(
    client, make_interview, make_person
):
    interview = make_interview(interviewee=make_person("François Chollet"), turns=0)
    Turn.objects.create(
        interview=interview, position=1, speaker=None, speaker_label="Audience member", text="Hi"
    )
    Turn.objects.create(
        interview=interview,
        position=2,
        speaker=interview.participations.get(role="interviewee").person,
        speaker_label="Francois",
        text="Hello",
    )

    html = client.get(interview.get_absolute_url()).content.decode()

    assert '<span class="speaker-name">Audience member</span>' in html
    assert '<span class="speaker-name">François Chollet</span>' in html


def test_detail_renders_captions_as_figures_and_directions_apart(client, make_interview):
    interview = make_interview(turns=0)
    Turn.objects.create(
        interview=interview, position=1, kind=Turn.Kind.CAPTION, text="Figure 1: Francois."
    )
    Turn.objects.create(interview=interview, position=2, kind=Turn.Kind.DIRECTION, text="Laughter.")

    html = client.get(interview.get_absolute_url()).content.decode()

    assert "<figcaption><p>Figure 1: Francois.</p></figcaption>" in html
    assert '<section id="t2" class="turn turn--direction">' in html


def test_a_turn_at_the_start_of_the_recording_shows_its_time(client, make_interview):
    interview = make_interview(turns=0)
    Turn.objects.create(
        interview=interview,
        position=1,
        kind=Turn.Kind.QUESTION,
        speaker_label="Ann",
        text="Ready?",
        timestamp=datetime.timedelta(0),
    )

    html = client.get(interview.get_absolute_url()).content.decode()

    assert '<a class="turn-time" href="#t1">00:00:00</a>' in html


def test_each_turns_tools_name_its_kind_and_number_and_its_time_links_to_it(client, make_interview):
    interview = make_interview(turns=0)
    Turn.objects.create(
        interview=interview,
        position=1,
        kind=Turn.Kind.QUESTION,
        speaker_label="Ann",
        text="Why?",
        timestamp=datetime.timedelta(minutes=1, seconds=23),
    )
    Turn.objects.create(interview=interview, position=2, kind=Turn.Kind.CAPTION, text="Figure.")
    Turn.objects.create(interview=interview, position=3, kind=Turn.Kind.DIRECTION, text="Laughs.")

    html = client.get(interview.get_absolute_url()).content.decode()

    assert '<a class="turn-time" href="#t1">00:01:23</a>' in html
    assert html.count('class="turn-time"') == 1
    for label, words in (("question 1", "question"), ("stage direction 3", "stage direction")):
        anchor = f"t{label.split()[-1]}"
        assert f'<span class="visually-hidden">Link or cite {label}</span></summary>' in html
        assert f'<a class="copy-link" href="#{anchor}"' in html
        assert f">Link to this {words}</a>" in html
    # A caption belongs to its figure: it has no tools of its own.
    assert 'href="#t2"' not in html
    assert "Link to this caption" not in html


def test_detail_of_a_draft_is_a_404(client, make_interview):
    draft = make_interview(status=Interview.Status.DRAFT)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "There is no published interview at this address." in response.content.decode()


def test_detail_of_an_unknown_slug_is_a_404(client, db):
    response = client.get(reverse("interviews:detail", kwargs={"slug": "no-such-interview"}))

    assert response.status_code == 404


# --- Comments -----------------------------------------------------------------------------------


def test_comments_heading_counts_the_public_comments(client, make_interview):
    interview = make_interview(comments=4)

    html = client.get(interview.get_absolute_url()).content.decode()

    assert "4 comments" in html


def test_a_reply_is_nested_inside_its_parent(client, make_interview):
    interview = make_interview()
    question = add_comment(interview, 1, text="Which framework?")
    answer = add_comment(interview, 2, parent=question, text="Keras.")
    thanks = add_comment(interview, 3, parent=answer, text="Thanks!")
    other = add_comment(interview, 4, text="Great interview.")

    html = client.get(interview.get_absolute_url()).content.decode()

    assert ids_inside(html, question.anchor) == {answer.anchor, thanks.anchor}
    assert ids_inside(html, answer.anchor) == {thanks.anchor}
    assert ids_inside(html, other.anchor) == set()
    assert html.index("Which framework?") < html.index("Keras.") < html.index("Thanks!")


def test_a_long_chain_of_replies_renders_fully_nested(client, make_interview):
    interview = make_interview()
    parent = None
    for position in range(1, 201):
        parent = add_comment(interview, position, parent=parent)

    response = client.get(interview.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "200 comments" in html
    assert "c200" in ids_inside(html, "c1")
    assert "c200" in ids_inside(html, "c199")


def test_hidden_and_pending_comments_are_not_shown_or_counted(client, make_interview):
    interview = make_interview()
    add_comment(interview, 1, text="Visible comment")
    hidden = add_comment(interview, 2, text="Hidden comment", status=Comment.Status.HIDDEN)
    add_comment(interview, 3, text="Pending comment", status=Comment.Status.PENDING)
    orphan = add_comment(interview, 4, parent=hidden, text="Reply to a hidden comment")
    add_comment(interview, 5, parent=orphan, text="Reply under that reply")

    html = client.get(interview.get_absolute_url()).content.decode()

    assert "Visible comment" in html
    assert "1 comment<" in html
    for text in ("Hidden comment", "Pending comment", "Reply to a hidden", "Reply under"):
        assert text not in html


def test_comment_shows_author_link_and_time(client, make_interview):
    interview = make_interview()
    add_comment(
        interview,
        1,
        author_name="Kudzai",
        author_url="https://example.org/kudzai",
        posted_at=datetime.datetime(2018, 7, 2, 13, 16, tzinfo=datetime.UTC),
    )

    html = client.get(interview.get_absolute_url()).content.decode()

    assert '<li id="c1" class="comment">' in html
    assert '<a href="https://example.org/kudzai" rel="nofollow ugc noopener">Kudzai</a>' in html
    assert '<time datetime="2018-07-02T13:16:00+00:00">2 July 2018, 13:16</time>' in html


def test_comment_author_url_that_is_not_http_is_not_linked(client, make_interview):
    interview = make_interview()
    add_comment(interview, 1, author_name="Mallory", author_url="javascript:alert(1)")

    html = client.get(interview.get_absolute_url()).content.decode()

    assert "javascript:" not in html
    assert "Mallory" in html


def test_no_comments_says_so(client, make_interview):
    interview = make_interview()

    html = client.get(interview.get_absolute_url()).content.decode()

    assert "No comments" in html
    assert 'class="comment-thread"' not in html


# --- Escaping -----------------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def test_user_text_is_escaped_everywhere_on_the_detail_page(client, make_interview):
    interview = make_interview(
        title=f"Title {SCRIPT}",
        deck=f"Deck {SCRIPT}",
        intro=f"Intro {SCRIPT}",
        closing_note=f"Closing {SCRIPT}",
        turns=0,
    )
    Turn.objects.create(
        interview=interview, position=1, speaker_label=f"Label {SCRIPT}", text=f"Turn {SCRIPT}"
    )
    add_comment(interview, 1, author_name=f"Author {SCRIPT}", text=f"Comment {SCRIPT}")

    html = client.get(interview.get_absolute_url()).content.decode()

    # The page's only scripts are its own files, the citation, reading and reply helpers.
    own_scripts = re.compile(
        r'<script src="/static/js/(cite|reading|comments)\.js" defer></script>'
    )
    assert "<script" not in own_scripts.sub("", html)
    for prefix in ("Title", "Deck", "Intro", "Closing", "Label", "Turn", "Author", "Comment"):
        assert f"{prefix} {ESCAPED_SCRIPT}" in html, prefix


def test_titles_and_names_are_escaped_in_lists(client, make_interview, make_person):
    make_interview(title=f"Title {SCRIPT}", interviewee=make_person(f"Name {SCRIPT}"))

    for url in (reverse("home"), reverse("interviews:list")):
        html = client.get(url).content.decode()
        assert "<script" not in html
        assert f"Title {ESCAPED_SCRIPT}" in html
        assert f"Name {ESCAPED_SCRIPT}" in html


# --- Outlet and topic ---------------------------------------------------------------------------


def test_outlet_page_lists_its_published_interviews(client, make_interview, make_outlet):
    outlet = make_outlet("PyImageSearch", url="https://pyimagesearch.com/")
    make_interview("Published here", outlet=outlet)
    make_interview("Draft here", outlet=outlet, status=Interview.Status.DRAFT)
    make_interview("Published elsewhere")

    response = client.get(outlet.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>PyImageSearch</h1>" in html
    assert 'href="https://pyimagesearch.com/"' in html
    assert "Published here" in html
    assert "Draft here" not in html
    assert "Published elsewhere" not in html
    assert "1 published interview<" in html


def test_topic_page_lists_its_published_interviews(client, make_interview, make_topic):
    topic = make_topic("Keras", description="The deep learning library.")
    make_interview("About Keras", topics=[topic, make_topic()], turns=6)
    make_interview("Draft about Keras", topics=[topic], status=Interview.Status.DRAFT)
    make_interview("About something else")

    response = client.get(topic.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Keras</h1>" in html
    assert "<p>The deep learning library.</p>" in html
    assert "About Keras" in html
    assert "Draft about Keras" not in html
    assert "About something else" not in html
    assert "3 questions" in html


def test_unknown_outlet_and_topic_are_404(client, db):
    assert client.get(reverse("interviews:outlet", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("interviews:topic", kwargs={"slug": "nope"})).status_code == 404


def test_outlet_page_number_out_of_range_is_a_404(client, make_interview, make_outlet):
    outlet = make_outlet()
    make_interview(outlet=outlet)

    response = client.get(outlet.get_absolute_url(), {"page": 2})

    assert response.status_code == 404


# --- Queries do not grow with content -----------------------------------------------------------


@pytest.mark.parametrize(("turns", "comments"), [(5, 2), (500, 300)])
def test_detail_queries_are_fixed(
    client, make_interview, django_assert_max_num_queries, turns, comments
):
    interview = make_interview(turns=turns, comments=comments)

    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        response = client.get(interview.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('id="t') == turns


@pytest.mark.parametrize("interviews", [1, 25])
def test_list_and_home_queries_are_fixed(
    client, make_interview, make_topic, django_assert_max_num_queries, interviews
):
    topics = [make_topic(), make_topic()]
    for _ in range(interviews):
        make_interview(turns=4, topics=topics)

    with django_assert_max_num_queries(LIST_PAGE_QUERIES):
        assert client.get(reverse("interviews:list")).status_code == 200
    with django_assert_max_num_queries(HOME_PAGE_QUERIES):
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("interviews", [1, 25])
def test_outlet_and_topic_queries_are_fixed(
    client, make_interview, make_outlet, make_topic, django_assert_max_num_queries, interviews
):
    outlet = make_outlet()
    topic = make_topic()
    for _ in range(interviews):
        make_interview(outlet=outlet, topics=[topic])

    with django_assert_max_num_queries(OUTLET_OR_TOPIC_PAGE_QUERIES):
        assert client.get(outlet.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(OUTLET_OR_TOPIC_PAGE_QUERIES):
        assert client.get(topic.get_absolute_url()).status_code == 200


# --- Sitemap ------------------------------------------------------------------------------------


def test_sitemap_lists_published_pages_but_not_drafts(make_interview, make_person, read_sitemap):
    published = make_interview()
    draft_only_person = make_person()
    draft = make_interview(status=Interview.Status.DRAFT, interviewee=draft_only_person)

    paths = set(read_sitemap())

    assert published.get_absolute_url() in paths
    assert published.outlet.get_absolute_url() in paths
    assert reverse("home") in paths
    assert reverse("interviews:list") in paths
    assert draft.get_absolute_url() not in paths
    assert draft_only_person.get_absolute_url() not in paths


# --- The sample archive -------------------------------------------------------------------------


@pytest.fixture
def seed_pages(client, sample_archive):
    pyimagesearch, datacamp = (
        Interview.objects.get(slug="pyimagesearch-interview-francois-chollet-2018"),
        Interview.objects.get(slug="datacamp-interview-francois-chollet-2017"),
    )
    return {
        interview.slug: client.get(interview.get_absolute_url()).content.decode()
        for interview in (pyimagesearch, datacamp)
    }


@pytest.mark.parametrize(
    ("slug", "turns", "sentences"),
    [
        (
            "pyimagesearch-interview-francois-chollet-2018",
            28,
            [
                "I develop Keras, a deep learning library.",
                "developmental cognitive robotics",
                "It’s a really underrated pattern in my opinion.",
            ],
        ),
        (
            "datacamp-interview-francois-chollet-2017",
            26,
            [
                "What do you actually do?",
                "I work on the Brain team at Google in Mountain View",
                "Technology is never neutral",
            ],
        ),
    ],
)
def test_seed_interview_shows_every_turn(seed_pages, slug, turns, sentences):
    html = seed_pages[slug]

    assert html.count('id="t') == turns
    for sentence in sentences:
        assert sentence in html
    for turn in Turn.objects.filter(interview__slug=slug):
        first_line = turn.text.strip().splitlines()[0].strip()
        assert escape(first_line) in html, turn


def test_seed_pyimagesearch_shows_its_43_comments(seed_pages):
    html = seed_pages["pyimagesearch-interview-francois-chollet-2018"]

    assert "43 comments" in html
    assert html.count('<li id="c') == 43


def test_seed_replies_to_kudzai_are_nested_in_the_comment(seed_pages):
    html = seed_pages["pyimagesearch-interview-francois-chollet-2018"]
    kudzai = Comment.objects.get(author_name="Kudzai")
    replies = {reply.anchor for reply in kudzai.replies.all()}

    assert replies
    assert replies <= ids_inside(html, kudzai.anchor)
    assert "Thank you so much for the kind words, Kudzai" in html


def test_seed_datacamp_has_no_comments(seed_pages):
    assert "No comments" in seed_pages["datacamp-interview-francois-chollet-2017"]


def test_a_bad_request_gets_the_sites_own_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()


def test_every_search_box_accepts_the_longest_search_the_forms_accept(client, make_interview):
    interview = make_interview(turns=1)

    html = client.get(interview.get_absolute_url()).content.decode()
    html += client.get(reverse("interviews:list")).content.decode()

    # The site's box and the interview's own box; the list's filter box, which stands in for
    # the site's box there.
    boxes = re.findall(r'<input id="[^"]*-q" type="search"[^>]*>', html)
    assert len(boxes) == 3
    assert all(f'maxlength="{MAX_QUERY_LENGTH}"' in box for box in boxes)
