"""Reading a web page into a SourceDocument: the article as parser text, comments, metadata."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviews.importing.sources import UnreadableSource
from interviews.importing.sources.web import document_from_html, looks_like_html
from interviews.transcript import parse
from interviews.transcript.comments import posted_from_text
from interviews.transcript.model import comments_in_page_order

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
PYIMAGESEARCH = "000_4dfcc7687fa37658"
DATACAMP = "001_25023ba15ad2cbed"


def seed(name: str, suffix: str) -> str:
    return (SEEDS / f"{name}.{suffix}").read_text(encoding="utf-8")


def words(text: str) -> str:
    """Whitespace-collapsed, control characters as spaces (a page shows them as nothing)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def speech(parsed):
    return [turn for turn in parsed.turns if turn.kind in ("question", "answer", "remark")]


def thread(comments):
    """The whole tree as comparable rows: depth, author, date, text."""
    return [
        (depth, comment.author, comment.posted, comment.text)
        for comment, depth in comments_in_page_order(comments)
    ]


_INVISIBLE = {"head", "script", "style", "noscript", "template", "svg", "canvas", "iframe"}
_FORM_CONTROLS = {"input", "select", "textarea", "button", "option"}


def hidden(element) -> bool:
    return any(
        not isinstance(e.tag, str)
        or e.tag in _INVISIBLE | _FORM_CONTROLS
        or e.get("hidden") is not None
        or "display:none" in (e.get("style") or "").replace(" ", "").lower()
        or "visibility:hidden" in (e.get("style") or "").replace(" ", "").lower()
        for e in [element, *element.iterancestors()]
    )


def visible_texts(html: str) -> list[str]:
    """Every visible text node of the page's body, whitespace-collapsed: what must not be lost."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    texts = []
    for element in root.iter():
        if element.text and element.text.strip() and not hidden(element):
            texts.append(words(element.text))
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None and not hidden(parent):
            texts.append(words(element.tail))
    return texts


def lost_text(html: str, doc) -> list[str]:
    """Visible text found neither in doc.text, a comment (author, text, date) nor set_aside."""
    found = words(doc.text) + "\n" + "\n".join(words(line) for line in doc.set_aside)
    posted = set()
    for comment, _ in comments_in_page_order(doc.comments or []):
        found += "\n" + words(comment.author) + "\n" + words(comment.text)
        posted.add(comment.posted)
    return [
        text
        for text in visible_texts(html)
        # A label's colon may move inside the bold label: "<b>Ann</b>: Hi" -> "**Ann:** Hi".
        if text.lstrip(": ") not in found
        and not (posted_from_text(text) and posted_from_text(text) in posted)
    ]


# --- The seed pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pyimagesearch():
    return document_from_html(seed(PYIMAGESEARCH, "html").encode("utf-8"))


def test_pyimagesearch_reads_as_the_same_interview_as_its_text(pyimagesearch):
    from_html = parse(pyimagesearch.text)
    from_text = parse(seed(PYIMAGESEARCH, "txt"))
    turns = speech(from_html)
    assert len(turns) == 24
    assert [turn.speaker for turn in turns] == ["Adrian", "Francois"] * 12
    assert [turn.kind for turn in turns] == ["question", "answer"] * 12
    captions = [turn for turn in from_html.turns if turn.kind == "caption"]
    assert [caption.text[:9] for caption in captions] == [f"Figure {n}:" for n in range(1, 5)]
    assert [(t.speaker, t.kind, words(t.text)) for t in from_html.turns] == [
        (t.speaker, t.kind, words(t.text)) for t in from_text.turns
    ]


def test_pyimagesearch_comments_come_from_the_markup_as_the_text_parser_reads_them(pyimagesearch):
    comments = pyimagesearch.comments
    assert len(comments) == 33
    assert len(thread(comments)) == 43
    replies = [row[1] for row in thread(comments) if row[0] == 1]
    assert replies.count("Adrian Rosebrock") == 9
    assert replies.count("Brian Karemba") == 1  # answering Kudzai, after Adrian
    assert thread(comments) == thread(parse(seed(PYIMAGESEARCH, "txt")).comments)
    mark_c = [row for row in thread(comments) if row[1] == "Mark C"]
    assert mark_c[0][2] == "2018-07-04T08:43"
    assert pyimagesearch.notes == [
        "Read 43 reader comments from the page's comment markup (33 at the top level, the "
        "rest replies)."
    ]


def test_pyimagesearch_metadata(pyimagesearch):
    assert pyimagesearch.kind == "html"
    assert pyimagesearch.title == "An interview with Francois Chollet"
    assert pyimagesearch.published == "2018-07-02"
    assert pyimagesearch.byline == "Adrian Rosebrock"
    assert pyimagesearch.source_url == (
        "https://www.pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/"
    )


def test_pyimagesearch_furniture_is_set_aside_not_spoken(pyimagesearch):
    turns = " ".join(turn.text for turn in parse(pyimagesearch.text).turns)
    for furniture in (
        "• Start Here",
        "Latest posts",
        "© 2018 PyImageSearch. All Rights Reserved.",
        "Leave a Reply",
        "43 Responses to An interview with Francois Chollet",
        "Before you leave a comment...",
        "Reply",
    ):
        assert furniture in pyimagesearch.set_aside
        assert furniture not in pyimagesearch.text
    assert "Start Here" not in turns


def test_pyimagesearch_loses_no_visible_text(pyimagesearch):
    assert lost_text(seed(PYIMAGESEARCH, "html"), pyimagesearch) == []


def test_datacamp_reads_as_the_same_interview_as_its_text():
    doc = document_from_html(seed(DATACAMP, "html"))
    from_html, from_text = parse(doc.text), parse(seed(DATACAMP, "txt"))
    assert len(speech(from_html)) == 26
    assert [(t.speaker, t.kind, words(t.text)) for t in from_html.turns] == [
        (t.speaker, t.kind, words(t.text)) for t in from_text.turns
    ]
    assert doc.title == "An Interview with François Chollet"
    assert doc.published == "2017-12"
    assert doc.byline == "Hugo Bowne-Anderson"
    assert doc.comments is None
    assert "Skip to main content" in doc.set_aside
    assert "Top 32 AWS Interview Questions and Answers For 2024" in doc.set_aside
    assert "Top 32 AWS" not in doc.text
    assert lost_text(seed(DATACAMP, "html"), doc) == []


def test_the_seed_pages_are_built_from_the_text_copies():
    """build_html.py is deterministic: rebuilding gives the committed pages."""
    spec = importlib.util.spec_from_file_location("build_html", SEEDS / "build_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.pyimagesearch_page() == seed(PYIMAGESEARCH, "html")
    assert module.datacamp_page() == seed(DATACAMP, "html")


# --- Real saved pages (tests/interviews/importing/pages/, provenance beside each) ----------------

PAGES = Path(__file__).resolve().parent / "pages"


def test_a_real_wordpress_blog_post_with_its_thread():
    html = (PAGES / "lemire.me.json.html").read_text(encoding="utf-8")
    doc = document_from_html(html.encode("utf-8"))
    assert doc.title == "JSON parsing: simdjson vs. JSON for Modern C++"
    assert doc.byline == "Daniel Lemire"
    assert doc.published == "2019-08-02"
    assert [row[:3] for row in thread(doc.comments)] == [
        (0, "degski", "2019-08-03T04:11"),
        (0, "degski", "2019-08-05T02:51"),
        (1, "Daniel Lemire", "2019-08-05T13:46"),
        (0, "wmu", "2019-08-05T16:43"),
        (1, "Daniel Lemire", "2019-08-05T20:28"),
    ]
    assert doc.text.startswith("# JSON parsing: simdjson vs. JSON for Modern C++\n\nJSON is")
    assert "Leave a Reply" in doc.set_aside
    assert "degski" not in doc.text
    assert lost_text(html, doc) == []


def test_a_real_interview_page_with_bold_labels_and_pingbacks():
    html = (PAGES / "erp-news.info.interview.html").read_text(encoding="utf-8")
    doc = document_from_html(html)
    assert doc.title == (
        "ERP-Interview mit *um: digitale Assistenten und künstliche Intelligenz (KI)"
    )
    assert (doc.byline, doc.published) == ("Matthias Weber", "2017-04-20")
    assert doc.comments == []  # two pingbacks that only name the linking page
    assert "Pingback:" in doc.set_aside
    answers = [turn for turn in parse(doc.text).turns if turn.kind == "answer"]
    assert [turn.speaker for turn in answers] == ["Klaas Bollhoefer"] * 5
    assert lost_text(html, doc) == []


# --- Comment markup ------------------------------------------------------------------------------

ARTICLE = """<article><h1>Talking boats</h1>
<p>We talked to the harbour master about the boats, the quay and the tourists who come
in summer.</p>
</article>"""


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


DISQUS = page(
    ARTICLE
    + """<div id="disqus_thread"><div class="thread-header">2 comments</div>
<ul id="post-list" class="post-list">
<li class="post" id="post-1"><div class="post-content">
<div class="avatar"><img src="/a.png" alt=""></div>
<div class="post-body"><header><span class="post-byline">
<span class="author publisher-anchor-color"><a href="/by/jane">Jane Doe</a></span></span>
<span class="post-meta"><a class="time-ago" href="#comment-1"
 title="Monday, July 2, 2018 10:29 AM">5 years ago</a></span></header>
<div class="post-body-inner"><div class="post-message"><p>Lovely read.</p><p>Second thought.</p>
</div></div>
<footer><menu><li class="voting"><a class="vote-up">3</a></li><li class="reply"><a>Reply</a></li>
</menu></footer></div></div>
<ul class="children"><li class="post" id="post-2"><div class="post-content"><div class="post-body">
<header><span class="author"><a>Sam Roe</a></span>
<span class="post-meta"><a class="time-ago" title="July 3, 2018 9:05 PM">5 years ago</a></span>
</header><div class="post-message"><p>Agreed.</p></div></div></div></li></ul>
</li></ul></div>"""
)


def test_a_disqus_thread_is_read_with_its_replies():
    doc = document_from_html(DISQUS)
    assert thread(doc.comments) == [
        (0, "Jane Doe", "2018-07-02T10:29", "Lovely read.\n\nSecond thought."),
        (1, "Sam Roe", "2018-07-03T21:05", "Agreed."),
    ]
    assert "2 comments" in doc.set_aside
    assert "Jane Doe" not in doc.text
    assert lost_text(DISQUS, doc) == []


MICRODATA = page(
    ARTICLE.replace("</article>", "")
    + """<section class="comments"><h2>Comments</h2>
<div itemscope itemtype="https://schema.org/Comment">
<span itemprop="author" itemscope itemtype="https://schema.org/Person">
<span itemprop="name">Ann Lee</span></span>
<time itemprop="dateCreated" datetime="2020-03-04T05:06">March 4, 2020 at 5:06 am</time>
<div itemprop="text"><p>Great read.</p></div>
<div itemscope itemtype="https://schema.org/Comment">
<span itemprop="author">Bo Chan</span>
<meta itemprop="dateCreated" content="2020-03-05T07:00">
<div itemprop="text"><p>Thanks, Ann.</p></div></div>
</div></section></article>"""
)


def test_a_microdata_thread_is_read_with_its_replies():
    doc = document_from_html(MICRODATA)
    assert thread(doc.comments) == [
        (0, "Ann Lee", "2020-03-04T05:06", "Great read."),
        (1, "Bo Chan", "2020-03-05T07:00", "Thanks, Ann."),
    ]
    assert "Comments" in doc.set_aside
    assert "Great read" not in doc.text
    assert lost_text(MICRODATA, doc) == []


GENERIC = page(
    ARTICLE
    + """<div class="discussion"><ul class="thread">
<li><span class="username">bob</span> <span class="date">2019-05-06 14:30</span>
<p>Hello there, nice piece.</p>
<ul><li><span class="username">amy</span> <span class="date">2019-05-06 15:00</span>
<p>Hi bob.</p><a class="reply-link" href="#">Reply</a></li></ul></li>
<li><span class="username">cy</span> <span class="date">May 7, 2019</span><p>Late to this.</p></li>
</ul></div>"""
)


def test_a_nested_list_shaped_like_a_thread_is_read_as_comments():
    doc = document_from_html(GENERIC)
    assert thread(doc.comments) == [
        (0, "bob", "2019-05-06T14:30", "Hello there, nice piece."),
        (1, "amy", "2019-05-06T15:00", "Hi bob."),
        (0, "cy", "2019-05-07", "Late to this."),
    ]
    assert "Reply" in doc.set_aside
    assert lost_text(GENERIC, doc) == []


MODERN_WORDPRESS = page(
    ARTICLE
    + """<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on
&ldquo;Talking boats&rdquo;</h2><ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1 parent">
<article id="div-comment-11" class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><img alt="" src="/a.png" class="avatar">
<b class="fn"><a href="https://example.org" class="url">Fran<i>ç</i>ois</a></b>
<span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-11"><time datetime="2018-07-04T08:43:00+00:00">
July 4, 2018 at 8:43 am</time></a><span class="edit-link"><a>Edit</a></span></div>
</footer><div class="comment-content"><p>First line<br>second line.</p><p>More.</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#">Reply</a></div>
</article><ol class="children"><li id="comment-12" class="comment odd alt depth-2">
<article id="div-comment-12" class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Ed</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a><time datetime="2018-07-05T10:00:00+00:00">Yesterday</time>
</a></div></footer><div class="comment-content"><p>Merci.</p></div></article></li></ol></li>
</ol><div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>
<form><p class="comment-notes">Your email address will not be published.</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>"""
)


def test_a_modern_wordpress_thread_is_read_with_its_replies():
    doc = document_from_html(MODERN_WORDPRESS)
    assert thread(doc.comments) == [
        (0, "François", "2018-07-04T08:43", "First line\nsecond line.\n\nMore."),
        (1, "Ed", "2018-07-05T10:00", "Merci."),
    ]
    assert "2 thoughts on “Talking boats”" in doc.set_aside
    assert "Leave a Reply" in doc.set_aside
    assert "Your email address will not be published." in doc.set_aside
    assert "Leave a Reply" not in doc.text
    assert lost_text(MODERN_WORDPRESS, doc) == []


def test_a_name_element_holding_the_date_gives_the_name_alone():
    html = page(
        ARTICLE
        + """<ol class="comment-list">
<li class="comment" id="comment-1"><div class="comment-body"><div class="comment-author vcard">
<img class="avatar" src="/a.png" alt=""><cite class="fn">Jeremy Banks</cite>
<span class="says">says:</span><div class="comment-meta commentmetadata">
<a href="#comment-1">January 20, 2020 at 11:27 am</a></div></div>
<div class="comment-text"><p>Great post.</p></div></div></li>
<li class="comment" id="comment-2"><div class="comment-body">
<div class="comment-author">Bürger 635</div><p>Mine too.</p></div></li>
<li class="comment" id="comment-3"><div class="comment-body">
<div class="comment-author">Ben 19. Juni 2018 um 15:28 Uhr</div><p>Danke.</p></div></li>
</ol>"""
    )
    doc = document_from_html(html)
    assert thread(doc.comments) == [
        (0, "Jeremy Banks", "2020-01-20T11:27", "Great post."),
        (0, "Bürger 635", None, "Mine too."),
        (0, "Ben", "2018-06-19T15:28", "Danke."),  # a German date, read as such
    ]
    assert "Ben 19. Juni 2018 um 15:28 Uhr" in doc.set_aside  # the line the name came from
    assert lost_text(html, doc) == []


def test_a_pingback_without_text_is_set_aside():
    html = page(
        ARTICLE
        + """<ol class="commentlist"><li class="pingback" id="comment-9">
<div class="comment-body"><cite class="fn"><a href="https://elsewhere.example/">Elsewhere</a></cite>
</div></li><li class="comment" id="comment-10"><div class="comment-body">
<div class="comment-author vcard"><cite class="fn">Dee</cite></div>
<div class="comment-meta commentmetadata"><a href="#c">July 4, 2018 at 8:43 am</a></div>
<p>Nice.</p></div></li></ol>"""
    )
    doc = document_from_html(html)
    assert thread(doc.comments) == [(0, "Dee", "2018-07-04T08:43", "Nice.")]
    assert "Elsewhere" in doc.set_aside


def test_a_page_without_comment_markup_has_no_comments():
    assert document_from_html(page(ARTICLE)).comments is None


# --- Deep nesting --------------------------------------------------------------------------------


def test_deep_divs_are_refused_without_recursion_error():
    html = page("<div>" * 2000 + "<p>Deep down there is text.</p>" + "</div>" * 2000)
    with pytest.raises(UnreadableSource, match="nested"):
        document_from_html(html)


def test_a_page_of_unclosed_font_tags_is_read_without_them():
    html = page(
        "<article>" + "<p><font size=2>Some words of an old post here. " * 300 + "</article>"
    )
    doc = document_from_html(html)
    assert doc.text.count("Some words of an old post here.") == 300
    assert "read without its inline formatting" in doc.notes[0]


def test_deep_replies_are_refused_without_recursion_error():
    reply = '<li class="comment"><cite class="fn">A</cite><p>Reply text.</p><ul class="children">'
    html = page(ARTICLE + '<ol class="commentlist">' + reply * 2000 + "</ul></li>" * 2000 + "</ol>")
    with pytest.raises(UnreadableSource, match="nested"):
        document_from_html(html)


def test_nesting_as_deep_as_the_parser_allows_is_read_without_recursion():
    """100 levels of replies (li > ul.children > li ...), walked with a small stack to spare."""
    reply = (
        '<li class="comment"><div class="comment-author"><cite class="fn">A{n}</cite></div>'
        '<div class="commentmetadata"><a>July 4, 2018 at 8:43 am</a></div><p>Reply {n}.</p>'
        '<ul class="children">'
    )
    html = page(
        "<div>" * 40
        + ARTICLE
        + '<ol class="commentlist">'
        + "".join(reply.format(n=n) for n in range(100))
        + "</ul></li>" * 100
        + "</ol>"
        + "</div>" * 40
    )
    limit = sys.getrecursionlimit()
    depth = len(inspect.stack())
    sys.setrecursionlimit(depth + 60)
    try:
        doc = document_from_html(html)
    finally:
        sys.setrecursionlimit(limit)
    rows = thread(doc.comments)
    assert len(rows) == 100
    assert rows[-1][:2] == (99, "A99")


# --- Text shapes ---------------------------------------------------------------------------------


def test_a_two_column_speaker_table_reads_as_labelled_turns():
    doc = document_from_html(
        "<table><tr><td>Ann:</td><td>Hello there, how are you?</td></tr>"
        "<tr><td>Bob</td><td>Fine thanks, and you?</td></tr>"
        "<tr><td>Ann</td><td>Very well.</td></tr></table>"
    )
    assert doc.text.startswith("**Ann:** Hello there, how are you?\n\n**Bob:** Fine")
    assert [turn.speaker for turn in parse(doc.text).turns] == ["Ann", "Bob", "Ann"]


def test_other_tables_join_their_cells():
    doc = document_from_html(
        "<p>The figures:</p><table><tr><th>Year</th><th>Boats</th><th>Tons</th></tr>"
        "<tr><td>2001</td><td>12</td><td>300</td></tr></table>"
    )
    assert doc.text == "The figures:\n\nYear | Boats | Tons\n\n2001 | 12 | 300"


def test_line_breaks_keep_their_lines():
    doc = document_from_html("<p>Roses are red,<br>violets are blue.<br/></p>")
    assert doc.text == "Roses are red,\nviolets are blue."


def test_preformatted_text_keeps_its_lines():
    doc = document_from_html("<p>Run this:</p><pre>for boat in boats:\n    print(boat)\n</pre>")
    assert doc.text == "Run this:\n\nfor boat in boats:\n    print(boat)"


def test_a_caption_that_does_not_say_so_is_marked_as_an_image():
    doc = document_from_html(
        "<p>Intro.</p><figure><img src=a.jpg alt='x'><figcaption>The harbour at dawn."
        "</figcaption></figure><div class='wp-caption'><img src=b.jpg>"
        "<p class='wp-caption-text'>Figure 2: The quay.</p></div>"
    )
    assert doc.text == "Intro.\n\n![The harbour at dawn.]()\n\nFigure 2: The quay."


def test_heading_questions_read_as_questions():
    doc = document_from_html(
        "<h1>Talking to a fisher</h1><p>We met on the quay.</p>"
        "<h2>What do you do?</h2><p>I fish for a living, mostly cod.</p>"
        "<h2>Where do you sell it?</h2><p>At the market on Fridays.</p>"
        "<h3>Do you like it?</h3><p>Very much, yes.</p>"
    )
    assert doc.text.startswith("# Talking to a fisher\n\nWe met on the quay.\n\n## What do you do?")
    parsed = parse(doc.text)
    assert parsed.title == "Talking to a fisher"
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 3


def test_bold_labels_lists_and_whole_bold_paragraphs():
    doc = document_from_html(
        "<p><b>Ann</b>: Hello &amp; welcome.</p>"
        "<p><span style='font-weight: bold'>Bob:</span>&nbsp;Thanks.</p>"
        "<p><strong>Is this a question?</strong></p>"
        "<p><em>An aside in italics.</em></p>"
        "<p>Mixed <b>bold</b> inside.</p>"
        "<ul><li>One</li><li>Two</li></ul><ol start='3'><li>Three</li><li>Four</li></ol>"
    )
    assert doc.text == (
        "**Ann:** Hello & welcome.\n\n**Bob:** Thanks.\n\n**Is this a question?**\n\n"
        "*An aside in italics.*\n\nMixed bold inside.\n\n• One\n• Two\n\n3. Three\n4. Four"
    )


def test_a_fragment_is_read_whole():
    doc = document_from_html(
        "<p><b>Q:</b> Where do you live?</p><p><b>A:</b> By the sea.</p>"
        "<p><b>Q:</b> Always?</p><p><b>A:</b> Since I was born.</p>"
    )
    assert doc.set_aside == []
    assert [turn.kind for turn in parse(doc.text).turns] == ["question", "answer"] * 2


def test_scripts_styles_forms_and_hidden_text_are_not_read():
    doc = document_from_html(
        page(
            "<article><p>Visible words of the article, long enough to count.</p>"
            "<script>var secret = 1;</script><style>p {}</style><noscript>Enable JS</noscript>"
            "<form><label>Name</label><input value='typed'><select><option>Pick</option></select>"
            "<button>Send</button></form><p hidden>Hidden words</p></article>"
        )
    )
    assert doc.text == "Visible words of the article, long enough to count.\n\nName"
    for invisible in ("secret", "Enable JS", "typed", "Pick", "Send", "Hidden words"):
        assert invisible not in doc.text
        assert not any(invisible in line for line in doc.set_aside)


def test_the_main_container_wins_over_menus_and_sidebars():
    html = page(
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul></nav>"
        "</header><div class='sidebar'><p>Subscribe to our newsletter today!</p></div>"
        "<div class='entry-content'><p>The real article text is here, and it goes on for a "
        "while about boats and the sea and the people who sail them.</p>"
        "<p>A second paragraph of the article, also about the sea.</p></div>"
        "<footer><p>© 2024 Example</p></footer>"
        "<div class='cookie-banner'><p>We use cookies.</p></div>"
    )
    doc = document_from_html(html)
    assert doc.text.startswith("The real article text is here")
    assert "Subscribe" not in doc.text
    assert doc.set_aside == [
        "• Home",
        "• About",
        "Subscribe to our newsletter today!",
        "© 2024 Example",
        "We use cookies.",
    ]
    assert lost_text(html, doc) == []


def test_a_teaser_box_inside_the_article_is_set_aside():
    html = page(
        "<article><p><b>Ann:</b> What changed on the quay this year?</p>"
        "<p><b>Bob:</b> The boats got bigger, and the quay did not.</p>"
        "<div class='teaser'><h2><a href='/other'>Other interviews</a></h2>"
        "<p>Ten more harbour masters speak.</p></div>"
        "<p><b>Ann:</b> And next year?</p><p><b>Bob:</b> Bigger still.</p>"
        "<div class='meta'><a class='printlink'>Print</a></div></article>"
    )
    doc = document_from_html(html)
    assert "Other interviews" not in doc.text and "Print" not in doc.text
    assert doc.set_aside == ["Other interviews", "Ten more harbour masters speak.", "Print"]
    assert parse(doc.text).turns[-1].text == "Bigger still."
    assert lost_text(html, doc) == []


def test_a_blogs_date_heading_above_the_post_is_its_publication_date():
    html = (
        "<html><body><div class='blog-posts'><h2 class='date-header'><span>Samstag, 5. Oktober"
        " 2013</span></h2><div class='post'><h3 class='post-title'>Ein Interview</h3>"
        "<div class='post-body entry-content'><p><b>Sunshine:</b> Wie kamst du auf die Idee zu"
        " dieser Geschichte, und wann hast du angefangen?</p><p><b>Anne:</b> In einem Traum, vor"
        " vielen Jahren schon, und dann habe ich einfach angefangen zu schreiben.</p>"
        "</div></div></div></body></html>"
    )
    assert document_from_html(html).published == "2013-10-05"


def test_a_box_between_paragraphs_of_an_answer_ends_that_turn():
    html = page(
        "<article><p><b>Ann:</b> What changed on the quay this year?</p>"
        "<p><b>Bob:</b> The boats got bigger, and the quay did not.</p>"
        "<div class='boxhead'>More information</div>"
        "<div class='teaser'><p>Ten more harbour masters speak.</p></div>"
        "<p>So we are building a new one.</p>"
        "<p><b>Ann:</b> When?</p><p><b>Bob:</b> Next year.</p></article>"
    )
    doc = document_from_html(html)
    assert doc.set_aside == ["More information", "Ten more harbour masters speak."]
    assert [(t.speaker, t.text) for t in speech(parse(doc.text))] == [
        ("Ann", "What changed on the quay this year?"),
        ("Bob", "The boats got bigger, and the quay did not."),
        ("Bob", "So we are building a new one."),
        ("Ann", "When?"),
        ("Bob", "Next year."),
    ]
    assert lost_text(html, doc) == []


def test_without_a_container_readability_finds_the_article():
    article = "".join(
        f"<p>Paragraph {n} of the story, with enough words in it to look like prose, "
        "about boats, harbours and the people who keep them running.</p>"
        for n in range(6)
    )
    html = page(
        "<div id='top'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<div id='x1'><div id='x2'>{article}</div></div>"
        "<div id='bottom'><a href='/terms'>Terms</a></div>"
    )
    doc = document_from_html(html)
    assert "chosen by readability" in doc.notes[0]
    assert doc.text.startswith("Paragraph 0 of the story")
    assert "Paragraph 5 of the story" in doc.text
    assert "Terms" in doc.set_aside
    assert lost_text(html, doc) == []


# --- Metadata ------------------------------------------------------------------------------------


def test_title_falls_back_to_the_page_title_without_the_site_name():
    doc = document_from_html(
        page(
            "<article><p>Words of the article go here.</p></article>",
            "<title>Boats - Example News</title>",
        )
    )
    assert doc.title == "Boats"


def test_a_site_logo_heading_is_not_taken_for_the_title():
    doc = document_from_html(
        page(
            "<header><h1 class='site-title'>Example News</h1></header>"
            "<div class='entry-content'><h2>Boats and harbours</h2>"
            "<p>Words of the article go here, enough of them to read.</p></div>",
            "<title>Boats and harbours | Example News</title>",
        )
    )
    assert doc.text.startswith("## Boats and harbours")
    assert doc.title == "Boats and harbours"
    assert "Example News" in doc.set_aside


def test_title_prefers_the_articles_h1_to_the_page_title():
    doc = document_from_html(page(ARTICLE, "<title>Boats | Example</title>"))
    assert doc.title == "Talking boats"


def test_json_ld_gives_the_date_and_author():
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Example"}, {"@type": "NewsArticle", '
        '"datePublished": "2021-06-15T08:00:00Z", "author": [{"@type": "Person", '
        '"name": "Rita Moreno"}]}]}</script>'
    )
    doc = document_from_html(page(ARTICLE, head))
    assert doc.published == "2021-06-15"
    assert doc.byline == "Rita Moreno"


def test_a_byline_in_the_article_header_is_read_as_a_name():
    doc = document_from_html(
        page(
            "<article><header><h1>Boats</h1><p class='byline'>By Sam Smith</p>"
            "<time datetime='2019-03'>March 2019</time></header>"
            "<p>Words of the article go here, enough of them.</p></article>"
        )
    )
    assert doc.byline == "Sam Smith"
    assert doc.published == "2019-03"


def test_a_relative_canonical_is_made_absolute():
    doc = document_from_html(
        page(ARTICLE, '<link rel="canonical" href="/2018/boats/">'),
        url="https://example.org/print/boats?x=1",
    )
    assert doc.source_url == "https://example.org/2018/boats/"


def test_a_javascript_canonical_is_ignored():
    doc = document_from_html(
        page(ARTICLE, '<link rel="canonical" href="javascript:alert(1)">'),
        url="https://example.org/boats",
    )
    assert doc.source_url == "https://example.org/boats"


def test_bytes_follow_the_declared_charset():
    html = page("<article><p>Fran\xe7ois sa\xefd hello to the harbour.</p></article>")
    declared = html.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
    assert "François" in document_from_html(declared).text
    assert "François" in document_from_html(html.encode("latin-1"), charset="latin-1").text
    assert "François" in document_from_html(b"\xef\xbb\xbf" + html.encode("utf-8")).text


# --- Refusals ------------------------------------------------------------------------------------


def test_binary_bytes_are_refused():
    with pytest.raises(UnreadableSource, match="not a web page"):
        document_from_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_an_empty_page_is_refused():
    for empty in ("", "   ", b""):
        with pytest.raises(UnreadableSource, match="empty"):
            document_from_html(empty)


def test_a_page_of_menus_only_is_refused():
    html = page("<nav><ul><li><a href='/'>Home</a></li><li><a href='/b'>Blog</a></li></ul></nav>")
    with pytest.raises(UnreadableSource, match="No article text was found in this page"):
        document_from_html(html)


def test_a_page_over_the_size_limit_is_refused():
    with pytest.raises(UnreadableSource, match="larger than 5 MB"):
        document_from_html(b"<p>" + b"x" * (5 * 1024 * 1024) + b"</p>")


# --- Recognising pasted HTML ---------------------------------------------------------------------


def test_looks_like_html():
    assert looks_like_html(seed(PYIMAGESEARCH, "html"))
    assert looks_like_html("<p>Q: Hello?</p>\n<p>A: Hi.</p>")
    assert looks_like_html("<div class='x'>Hello</div>")
    assert not looks_like_html("I <3 this interview")
    assert not looks_like_html("If a < b > c then we stop.")
    assert not looks_like_html(seed(PYIMAGESEARCH, "txt"))
    assert not looks_like_html("**Adrian:** Hello\n\n**Francois:** Hi <there>")
    assert not looks_like_html("Adrian: I use <b>Keras</b>, see <a href='/k'>this</a>.")


# --- Fuzz ----------------------------------------------------------------------------------------

_TAGS = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "b",
    "i",
    "br",
    "table",
    "tr",
    "td",
    "h1",
    "h2",
    "pre",
    "article",
    "figcaption",
    "time",
    "cite",
    "span",
    "a",
    "script",
    "main",
    "nav",
]
_PIECES = st.one_of(
    st.sampled_from([f"<{tag}>" for tag in _TAGS] + [f"</{tag}>" for tag in _TAGS]),
    st.sampled_from(
        [
            '<li class="comment">',
            '<ol class="commentlist">',
            '<ul class="children">',
            '<cite class="fn">',
            '<div itemscope itemtype="https://schema.org/Comment">',
            '<span itemprop="author">',
            '<meta property="og:title" content="x">',
            '<link rel="canonical" href="//x">',
            "&amp;",
            "&#0;",
            "&nbsp;",
            "<!--",
            "-->",
            '<li class="pingback">',
            '<div id="disqus_thread">',
            '<li class="post">',
            '<div class="post-message">',
            '<div itemprop="text">',
            "<p hidden>",
            '<div class="entry-content">',
            '<span style="font-weight:bold">',
            "<td>Ann:</td>",
            '<div class="comment-metadata"><a>',
            '<div id="respond">',
            "<figure>",
            "July 4, 2018 at 8:43 am",
            "**",
            ":",
            "\x00",
            "<?xml version='1.0'?>",
        ]
    ),
    st.text(max_size=20),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.booleans())
def test_any_tag_soup_is_read_or_refused_and_loses_no_text(pieces, as_bytes):
    html = "".join(pieces)
    try:
        doc = document_from_html(html.encode("utf-8", "surrogatepass") if as_bytes else html)
    except UnreadableSource:
        return
    assert isinstance(doc.text, str)
    if not as_bytes:
        assert lost_text(html, doc) == []
    parse(doc.text)


def test_a_page_of_too_many_elements_is_refused_before_it_is_read():
    page = "<html><body><article>" + "<p><b>Q:</b> Why?</p>" * 160_000 + "</article></body></html>"
    with pytest.raises(UnreadableSource, match="more than 150,000 HTML elements"):
        document_from_html(page)
