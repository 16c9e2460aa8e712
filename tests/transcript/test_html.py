"""HTML pasted as text: tags are markup, character references are characters."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.text import decode_entities, strip_html
from tests.transcript.helpers import sample, speech

BLOG = """<div align="center">
    <p><img src="../images/pier.jpg" /></p>
  </div>
  <p>The harbour master spoke to our editor (E) by e-mail; his answers are marked (H).</p>
  <p>E: <i>How long have you run the harbour?</i></p>
  <p>H: <a href="http://example.org/">Twelve years</a> this spring, and it&#39;s never dull.</p>
  <p>We get &quot;weather&quot; &amp; tourists.<br /> <br />
Mostly tourists.</p>
  <p>E: <i>What changed?</i></p>
  <p>H: The boats got bigger&nbsp;&nbsp;and the quay didn&#8217;t.</p>
  <ul>
    <li>More cranes.</li>
    <li>Less room.</li>
  </ul>
"""


def test_html_paragraphs_are_read_as_labelled_text():
    parsed = parse(BLOG)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["E", "H", "E", "H"]
    assert turns[0].text == "How long have you run the harbour?"
    assert turns[1].text.startswith("Twelve years this spring, and it's never dull.")
    assert 'We get "weather" & tourists.' in turns[1].text
    assert "<" not in " ".join(turn.text for turn in parsed.turns)
    assert "The boats got bigger and the quay didn\u2019t." in turns[3].text
    assert "• More cranes." in turns[3].text
    assert conservation_problems(BLOG, parsed) == []


def test_a_permalink_anchor_before_a_label_is_dropped():
    text = (
        '<a name="first" href="#first">#</a> **Q:** What do you use for state? – kim\n\n'
        "**A:** Mostly the URL.\n\n"
        '<a name="second" href="#second">#</a> **Q:** And for tests? – lee\n\n'
        "**A:** The browser.\n"
    )
    parsed = parse(text)
    assert [turn.kind for turn in speech(parsed)] == ["question", "answer"] * 2
    assert speech(parsed)[0].text.startswith("What do you use for state?")
    assert conservation_problems(text, parsed) == []


def test_character_references_are_decoded_in_plain_text():
    text = (
        "Ana: I&#39;m &quot;fine&quot; &amp; you?\n\nBen: Good&nbsp;thanks.\n\n"
        "Ana: Fine.\n\nBen: Yes.\n"
    )
    parsed = parse(text)
    assert parsed.turns[0].text == 'I\'m "fine" & you?'
    assert parsed.turns[1].text == "Good thanks."
    assert conservation_problems(text, parsed) == []


def test_only_known_tags_are_markup():
    assert strip_html("<p>R: <i>question</i></p>") == "R: question"
    assert strip_html("<laughter>") == "<laughter>"
    assert strip_html("<i don't know>") == "<i don't know>"
    assert strip_html("&lt;div&gt; is a tag") == "<div> is a tag"  # decoded, not removed
    assert decode_entities("AT&T and a=1&b=2") == "AT&T and a=1&b=2"


def test_angle_codes_in_a_page_without_html_are_left_alone():
    text = (
        "<R><B> MT <N>  Will the machine ship this year?\n\n"
        "<R><B> SD <N>  YES, in the autumn.\n\n"
        "<R><B> MT <N>  And the price?\n"
    )
    parsed = parse(text)
    assert "<B>" in " ".join(turn.text for turn in parsed.turns)


def test_character_references_are_decoded_in_comments_and_subtitles():
    page = sample("comments_reply_links.txt").replace(
        "Loved the photos of the workshop.", "Loved the photos &amp; the workshop&#8217;s tools."
    )
    parsed = parse(page)
    assert parsed.comments[0].text.startswith("Loved the photos & the workshop\u2019s tools.")
    assert conservation_problems(page, parsed) == []
    captions = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>It&#39;s 5 &lt; 6, isn&#x2019;t it?\n\n"
        "00:00:03.000 --> 00:00:05.000\n<v Ben>&lt;v Ann&gt; is how she&apos;s tagged.\n"
    )
    parsed = parse(captions)
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Ann", "It's 5 < 6, isn\u2019t it?"),
        ("Ben", "<v Ann> is how she's tagged."),
    ]


def test_a_paragraph_wrapped_in_the_html_source_is_one_paragraph():
    text = (
        "<p>E: <i>How long have you run the harbour?</i></p>\n"
        "<p>H: Twelve years this spring,\n"
        "   and it has never been dull.</p>\n"
        "<p>E: <i>What changed?</i></p>\n"
        "<p>H: The boats got bigger.</p>\n"
    )
    parsed = parse(text)
    assert [(t.speaker, t.text) for t in speech(parsed)] == [
        ("E", "How long have you run the harbour?"),
        ("H", "Twelve years this spring, and it has never been dull."),
        ("E", "What changed?"),
        ("H", "The boats got bigger."),
    ]
    assert conservation_problems(text, parsed) == []
