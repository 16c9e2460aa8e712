"""Discovery: the Atom feeds, their links in the page head, and the sitemap."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from interviews.feeds import FEED_LENGTH
from interviews.models import Interview, Participation, Turn

ATOM = {"a": "http://www.w3.org/2005/Atom"}
# The archive's version (the feed's ETag), the feed's own object (topic, outlet or person), the
# interviews with their outlets, interviewers, interviewees, topics and turns: measured, and the
# same for any number of entries.
FEED_QUERIES = 7


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entry_titles(feed) -> list[str]:
    return [entry.findtext("a:title", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM)]


# --- The latest interviews ----------------------------------------------------------------------


def test_the_site_feed_has_the_required_atom_elements(client, make_interview, make_topic):
    keras = make_topic("Keras")
    interview = make_interview(
        "A talk about Keras",
        deck="What Keras is for.",
        published_on=datetime.date(2018, 7, 2),
        topics=[keras],
    )
    interviewer = interview.participations.get(role=Participation.Role.INTERVIEWER).person

    feed = get_feed(client, reverse("interviews:feed"))

    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:title", namespaces=ATOM) == "Interview Archive: latest interviews"
    assert feed.findtext("a:id", namespaces=ATOM)
    assert feed.findtext("a:updated", namespaces=ATOM)
    self_link = feed.find("a:link[@rel='self']", ATOM)
    assert self_link.get("href") == "http://testserver/feeds/interviews/"
    (entry,) = feed.findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == "A talk about Keras"
    link = entry.find("a:link[@rel='alternate']", ATOM).get("href")
    assert link == f"http://testserver{interview.get_absolute_url()}"
    assert entry.findtext("a:id", namespaces=ATOM) == link
    assert entry.findtext("a:published", namespaces=ATOM).startswith("2018-07-02T00:00:00")
    assert entry.findtext("a:updated", namespaces=ATOM)
    assert entry.findtext("a:author/a:name", namespaces=ATOM) == interviewer.name
    assert entry.findtext("a:summary", namespaces=ATOM) == "What Keras is for."
    assert [c.get("term") for c in entry.findall("a:category", ATOM)] == ["Keras"]


def test_the_site_feed_lists_published_interviews_newest_first_and_no_drafts(
    client, make_interview
):
    make_interview("Older", published_on=datetime.date(2016, 1, 1))
    make_interview("Newer", published_on=datetime.date(2019, 1, 1))
    make_interview("Secret draft", status=Interview.Status.DRAFT)

    feed = get_feed(client, reverse("interviews:feed"))

    assert entry_titles(feed) == ["Newer", "Older"]


def test_the_site_feed_holds_the_latest_few(client, make_interview):
    for _ in range(FEED_LENGTH + 2):
        make_interview()

    feed = get_feed(client, reverse("interviews:feed"))

    assert len(feed.findall("a:entry", ATOM)) == FEED_LENGTH


def test_an_entry_without_a_deck_summarises_the_start_of_the_intro(client, make_interview):
    make_interview(deck="", intro="word " * 200)

    feed = get_feed(client, reverse("interviews:feed"))

    summary = feed.findtext("a:entry/a:summary", namespaces=ATOM)
    assert summary.startswith("word word")
    assert summary.endswith("…")
    assert len(summary.split()) <= 61


def test_a_summary_is_escaped_text_in_the_html_summary(client, make_interview):
    make_interview(title="Title <b>bold</b>", deck="Deck <script>alert(1)</script> & more")

    response = client.get(reverse("interviews:feed"))
    feed = ET.fromstring(response.content)

    entry = feed.find("a:entry", ATOM)
    # Atom's summary is HTML: the reader's HTML parser must see the text, not a tag.
    summary = entry.find("a:summary", ATOM)
    assert summary.get("type") == "html"
    assert summary.text == "Deck &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    # The title is Atom text: the XML writer escapes it once.
    assert entry.findtext("a:title", namespaces=ATOM) == "Title <b>bold</b>"
    assert b"<script" not in response.content


# --- Per topic, outlet and person -------------------------------------------------------------


def test_a_topic_feed_has_only_that_topics_published_interviews(client, make_interview, make_topic):
    keras, ethics = make_topic("Keras"), make_topic("Ethics")
    make_interview("On Keras", topics=[keras])
    make_interview("On both", topics=[keras, ethics])
    make_interview("On ethics", topics=[ethics])
    make_interview("Keras draft", topics=[keras], status=Interview.Status.DRAFT)

    feed = get_feed(client, reverse("interviews:topic_feed", args=[keras.slug]))

    assert sorted(entry_titles(feed)) == ["On Keras", "On both"]
    assert feed.findtext("a:title", namespaces=ATOM) == "Interview Archive: interviews about Keras"
    alternate = feed.find("a:link[@rel='alternate']", ATOM).get("href")
    assert alternate == f"http://testserver{keras.get_absolute_url()}"


def test_an_outlet_feed_has_only_that_outlets_published_interviews(
    client, make_interview, make_outlet
):
    datacamp, other = make_outlet("DataCamp"), make_outlet("Other")
    make_interview("From DataCamp", outlet=datacamp)
    make_interview("From elsewhere", outlet=other)
    make_interview("DataCamp draft", outlet=datacamp, status=Interview.Status.DRAFT)

    feed = get_feed(client, reverse("interviews:outlet_feed", args=[datacamp.slug]))

    assert entry_titles(feed) == ["From DataCamp"]


def test_a_person_feed_has_the_interviews_they_gave_and_conducted(
    client, make_interview, make_person
):
    hugo = make_person("Hugo")
    make_interview("Hugo asks", interviewer=hugo, published_on=datetime.date(2017, 1, 1))
    make_interview("Hugo answers", interviewee=hugo, published_on=datetime.date(2018, 1, 1))
    make_interview("Without Hugo")
    make_interview("Hugo's draft", interviewer=hugo, status=Interview.Status.DRAFT)

    feed = get_feed(client, reverse("interviews:person_feed", args=[hugo.slug]))

    assert entry_titles(feed) == ["Hugo answers", "Hugo asks"]


@pytest.mark.parametrize(
    "name", ["interviews:topic_feed", "interviews:outlet_feed", "interviews:person_feed"]
)
def test_a_feed_for_an_unknown_slug_is_404(client, db, name):
    assert client.get(reverse(name, args=["no-such-slug"])).status_code == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/feeds/interviews/", "/topics/t/feed/", "/sitemap.xml"])
def test_feeds_and_the_sitemap_take_get_and_head_only(
    client, make_interview, make_topic, method, path
):
    make_interview(topics=[make_topic(slug="t")])

    response = client.generic(method, path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"<feed" not in response.content and b"<sitemapindex" not in response.content
    assert client.head(path).status_code == 200


HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def entry_content(feed) -> str:
    content = feed.find("a:entry/a:content", ATOM)
    assert content.get("type") == "html"
    return content.text


def test_an_entry_carries_the_whole_interview_as_html(client, make_interview, make_person):
    asker, guest = make_person("Ann Asker"), make_person(f"Guest {HOSTILE}")
    interview = make_interview(
        f"Title {HOSTILE}", interviewer=asker, interviewee=guest, turns=0, intro="An intro."
    )
    texts = [
        (Turn.Kind.QUESTION, asker, "", f"First question {HOSTILE}?"),
        (Turn.Kind.ANSWER, guest, "", "Line one.\nLine two.\n\n• a point\n• <another>"),
        (Turn.Kind.CAPTION, None, "", "A figure."),
        (Turn.Kind.QUESTION, None, "Audience", "Last question?"),
    ]
    for position, (kind, speaker, label, text) in enumerate(texts, start=1):
        Turn.objects.create(
            interview=interview,
            position=position,
            kind=kind,
            speaker=speaker,
            speaker_label=label,
            text=text,
        )

    html = entry_content(get_feed(client, reverse("interviews:feed")))

    assert html.startswith("<p>An intro.</p>")
    assert "<p><strong>Ann Asker:</strong></p>" in html
    assert "<p>First question &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; " in html
    assert "<p><strong>Guest &lt;script&gt;" in html
    assert "<p>Line one.<br>Line two.</p>" in html
    assert "<ul><li>a point</li><li>&lt;another&gt;</li></ul>" in html
    assert "<figure><figcaption><p>A figure.</p></figcaption></figure>" in html
    assert html.endswith("<p><strong>Audience:</strong></p>\n<p>Last question?</p>")
    assert "<script>" not in html and "<b>" not in html
    # In order, every turn.
    assert html.index("First question") < html.index("Line one") < html.index("Last question")


@pytest.mark.parametrize("count", [2, 12])
def test_feed_queries_do_not_grow_with_the_entries(
    client, make_interview, make_topic, make_person, django_assert_max_num_queries, count
):
    topic, person = make_topic(), make_person()
    for _ in range(count):
        make_interview(topics=[topic, make_topic()], interviewer=person, turns=count)

    for url in (
        reverse("interviews:feed"),
        reverse("interviews:topic_feed", args=[topic.slug]),
        reverse("interviews:person_feed", args=[person.slug]),
    ):
        with django_assert_max_num_queries(FEED_QUERIES):
            feed = get_feed(client, url)
        assert len(feed.findall("a:entry", ATOM)) == count
        assert entry_content(feed).count("<strong>") == count


# --- Advertised in the page head ----------------------------------------------------------------


def feed_links(html: str) -> list[str]:
    head = html.split("</head>")[0]
    return [
        line.split('href="')[1].split('"')[0]
        for line in head.splitlines()
        if 'type="application/atom+xml"' in line
    ]


def test_home_and_list_pages_advertise_the_site_feed(client, db):
    for url in (reverse("home"), reverse("interviews:list")):
        html = client.get(url).content.decode()
        assert feed_links(html) == [reverse("interviews:feed")]
        assert '<link rel="alternate" type="application/atom+xml"' in html


def test_topic_outlet_and_person_pages_advertise_their_own_feed(client, make_interview, make_topic):
    topic = make_topic("Keras")
    interview = make_interview(topics=[topic])
    person = interview.participations.first().person

    pages = {
        topic.get_absolute_url(): reverse("interviews:topic_feed", args=[topic.slug]),
        interview.outlet.get_absolute_url(): reverse(
            "interviews:outlet_feed", args=[interview.outlet.slug]
        ),
        person.get_absolute_url(): reverse("interviews:person_feed", args=[person.slug]),
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert feed in feed_links(html), page
        assert client.get(feed).status_code == 200


def test_a_feed_link_title_is_escaped(client, make_topic):
    topic = make_topic('Keras "and" <friends>')

    html = client.get(topic.get_absolute_url()).content.decode()

    assert (
        'title="Interview Archive: interviews about Keras &quot;and&quot; &lt;friends&gt;"' in html
    )


# --- Sitemap -----------------------------------------------------------------------------------


def test_the_sitemap_lists_every_public_page_and_nothing_only_a_draft_leads_to(
    make_interview, make_person, make_topic, make_outlet, read_sitemap
):
    public_topic, draft_topic = make_topic(), make_topic()
    draft_outlet, draft_person = make_outlet(), make_person()
    published = make_interview(topics=[public_topic])
    draft = make_interview(
        status=Interview.Status.DRAFT,
        topics=[draft_topic],
        outlet=draft_outlet,
        interviewee=draft_person,
    )

    urls = read_sitemap()

    paths = set(urls)
    public_people = [p.person for p in published.participations.all()]
    assert {
        reverse("home"),
        reverse("interviews:list"),
        published.get_absolute_url(),
        published.outlet.get_absolute_url(),
        public_topic.get_absolute_url(),
        *(person.get_absolute_url() for person in public_people),
    } <= paths
    for url in (
        draft.get_absolute_url(),
        draft_topic.get_absolute_url(),
        draft_outlet.get_absolute_url(),
        draft_person.get_absolute_url(),
    ):
        assert url not in paths
    assert urls[published.get_absolute_url()]
