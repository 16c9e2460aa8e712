"""The `paragraphs` filter: plain transcript text to escaped HTML paragraphs and lists."""

from django.template import Context, Template
from django.utils.safestring import SafeString

from interviews.templatetags.transcript_text import paragraphs, web_url


def test_blocks_separated_by_blank_lines_become_paragraphs():
    assert paragraphs("First.\n\nSecond.") == "<p>First.</p>\n<p>Second.</p>"


def test_several_blank_lines_and_whitespace_only_lines_separate_one_pair_of_paragraphs():
    assert paragraphs("First.\n \n\t\n\nSecond.") == "<p>First.</p>\n<p>Second.</p>"


def test_a_single_newline_becomes_a_line_break():
    assert paragraphs("Line one\nLine two") == "<p>Line one<br>Line two</p>"


def test_windows_line_endings_are_read_as_newlines():
    assert paragraphs("One\r\nTwo\r\n\r\nThree") == "<p>One<br>Two</p>\n<p>Three</p>"


def test_a_block_of_bullet_lines_becomes_a_list():
    text = "• His inspiration to study AI\n- The reason why he created Keras\n* Advice"

    assert paragraphs(text) == (
        "<ul><li>His inspiration to study AI</li><li>The reason why he created Keras</li>"
        "<li>Advice</li></ul>"
    )


def test_a_lead_line_then_bullets_becomes_a_paragraph_then_a_list():
    text = "Inside this interview Francois discusses:\n\n  • His inspiration\n  • Keras"
    lead_in_same_block = "Francois discusses:\n• His inspiration\n• Keras"

    expected_list = "<ul><li>His inspiration</li><li>Keras</li></ul>"
    assert paragraphs(text) == f"<p>Inside this interview Francois discusses:</p>\n{expected_list}"
    assert paragraphs(lead_in_same_block) == f"<p>Francois discusses:</p>\n{expected_list}"


def test_an_indented_line_under_an_item_continues_it():
    assert paragraphs("- one\n  and more\n- two") == "<ul><li>one and more</li><li>two</li></ul>"


def test_a_dash_or_star_without_a_space_is_text_not_a_list():
    assert paragraphs("-- an aside\n*emphasis*") == "<p>-- an aside<br>*emphasis*</p>"


def test_text_is_escaped_in_paragraphs_and_list_items():
    rendered = paragraphs("<script>alert(1)</script> & co\n\n• <b>bold</b>")

    assert rendered == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>\n"
        "<ul><li>&lt;b&gt;bold&lt;/b&gt;</li></ul>"
    )


def test_text_already_marked_safe_is_still_escaped():
    assert paragraphs(SafeString("<b>x</b>")) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


def test_empty_or_missing_text_renders_nothing():
    assert paragraphs("") == ""
    assert paragraphs("  \n\n ") == ""
    assert paragraphs(None) == ""


def test_the_result_is_safe_for_templates_and_not_escaped_twice():
    template = Template("{% load transcript_text %}{{ text|paragraphs }}")

    rendered = template.render(Context({"text": "A & B\n\nC"}))

    assert rendered == "<p>A &amp; B</p>\n<p>C</p>"


def test_web_url_keeps_http_addresses_and_drops_others():
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_url("http://example.org") == "http://example.org"
    assert web_url("javascript:alert(1)") == ""
    assert web_url(" JavaScript:alert(1)") == ""
    assert web_url("data:text/html,<script>") == ""
    assert web_url("") == ""
    assert web_url(None) == ""
