"""The transcript and comment thread built in Python give the HTML a template would give.

The templates below are the markup written as templates, as it was before
interviews/templatetags/reading_html.py took its place (for speed), kept in step with the quiet
reading page's markup since (issue 16): both are rendered on the same rows and compared, each
run of white space counted as one space. The templates escape by themselves, so a match says
the Python escapes every value too.
"""

import datetime
import re

import pytest
from django.template import engines

from interviews import selectors
from interviews.models import Comment, Recording, Turn

REFERENCE_TRANSCRIPT = """{% load transcript_text %}
    {% for turn in turns %}
    {% if turn.kind == "caption" %}
    <section id="{{ turn.anchor }}" class="turn turn--caption">
      <figure class="turn-figure">
        <figcaption>{{ turn.text|paragraphs }}</figcaption>
      </figure>
    </section>
    {% else %}
    <section id="{{ turn.anchor }}" class="turn turn--{{ turn.kind }}">
      <div class="turn-head">
        {% if turn.speaker_name %}<span class="speaker-name">{{ turn.speaker_name }}</span>{% endif %}
        {% if turn.timestamp %}{% if media_url %}<a class="turn-time" href="{{ media_url }}#t={{ turn.seconds }}" data-seek="{{ turn.seconds }}" aria-label="Play from {{ turn.timestamp }}">{{ turn.timestamp }}</a>{% else %}<a class="turn-time" href="#{{ turn.anchor }}">{{ turn.timestamp }}</a>{% endif %}{% endif %}
        <details class="turn-tools">
          <summary><span aria-hidden="true">⋯</span><span class="visually-hidden">Link or cite {{ turn.label }}</span></summary>
          <div class="turn-tools-panel">
            <a class="copy-link" href="#{{ turn.anchor }}" data-copy-url="{{ interview_url }}#{{ turn.anchor }}">Link to this {{ turn.kind_words }}</a>
            <span class="copy-status" role="status"></span>
            <span class="cite-label">Cite</span>
            <p class="cite">{{ turn.citation }}. {{ interview_url }}#{{ turn.anchor }}</p>
            {% if turn.previous_question or turn.next_question %}
            <p class="question-nav">
              {% if turn.previous_question %}<a href="#{{ turn.previous_question }}" rel="prev" data-question-nav="previous">↑ Previous question</a>{% endif %}
              {% if turn.next_question %}<a href="#{{ turn.next_question }}" rel="next" data-question-nav="next">↓ Next question</a>{% endif %}
            </p>
            {% endif %}
          </div>
        </details>
      </div>
      <div class="turn-text">{{ turn.text|paragraphs }}</div>
    </section>
    {% endif %}
    {% endfor %}
"""  # noqa: E501

REFERENCE_COMMENT_THREAD = """{% load transcript_text %}
{% if comments %}
<ol class="comment-thread">
{% for comment in comments %}
<li id="{{ comment.anchor }}" class="comment{% if comment.verified_as %} comment--by-{{ comment.verified_as }}{% endif %}">
  <article class="comment-body" aria-label="Comment by {{ comment.author_name }}">
    <p class="comment-meta">
      <span class="comment-author">{% if comment.author_url|web_url %}<a href="{{ comment.author_url|web_url }}" rel="nofollow ugc noopener">{{ comment.author_name }}</a>{% else %}{{ comment.author_name }}{% endif %}</span>
      {% if comment.verified_as == "interviewer" %}<span class="comment-badge">Interviewer</span>{% elif comment.verified_as == "interviewee" %}<span class="comment-badge">Interviewee</span>{% elif comment.verified_as == "outlet" and interview.outlet %}<span class="comment-badge">{{ interview.outlet.name }}</span>{% endif %}
      {% if comment.depth >= 4 and comment.parent_author %}<span class="comment-in-reply">in reply to {{ comment.parent_author }}</span>{% endif %}
      {% if comment.posted_at %}<a class="comment-date" href="#{{ comment.anchor }}"><time datetime="{{ comment.posted_at|date:'c' }}">{{ comment.posted_at|date:"j F Y, H:i" }}</time><span class="visually-hidden">, link to this comment by {{ comment.author_name }}</span></a>{% else %}<a class="permalink" href="#{{ comment.anchor }}" aria-label="Link to this comment by {{ comment.author_name }}">#</a>{% endif %}
    </p>
    <div class="comment-text">{{ comment.text|comment_text }}</div>
    <p class="comment-actions">
      <a class="comment-reply-link" href="{% url 'interviews:comment_new' interview.slug %}?reply_to={{ comment.pk }}#comment-form" data-reply-to="{{ comment.pk }}" data-reply-author="{{ comment.author_name }}" aria-label="Reply to {{ comment.author_name }}">Reply</a>
      {% if comment.reply_count %}<span class="comment-reply-count">{{ comment.reply_count }} repl{{ comment.reply_count|pluralize:"y,ies" }}</span>{% endif %}
    </p>
  </article>
{% if comment.children %}<ol class="comment-replies">{% else %}</li>{% endif %}
{% for level in comment.closing_levels %}</ol></li>
{% endfor %}
{% endfor %}
</ol>
{% endif %}
"""  # noqa: E501

NEW_TRANSCRIPT = "{% load reading_html %}{% transcript_html turns interview_url media_url %}"
NEW_COMMENT_THREAD = "{% load reading_html %}{% comment_thread_html comments interview %}"

HOSTILE = '<script>alert("x")</script> & \'quoted\' "double" — ünïcødé ☃'


def rendered(template_text: str, context: dict) -> str:
    html = engines["django"].from_string(template_text).render(context)
    # White space is kept where there was any (between inline elements it shows as a space),
    # however much of it.
    return re.sub(r"\s+", " ", html).strip()


def reading_context(interview) -> dict:
    """What the page gives the two blocks: its turns, comments and address."""
    reading = selectors.reading_page(slug=interview.slug)
    return {
        "interview": reading.interview,
        "turns": reading.turns,
        "questions": reading.questions,
        "comments": reading.comments,
        "interview_url": f"https://archive.example{interview.get_absolute_url()}?a=1&b=<2>",
        "media_url": reading.media_url,
    }


def assert_same_html(interview) -> tuple[str, str]:
    context = reading_context(interview)
    reference_transcript = rendered(REFERENCE_TRANSCRIPT, context)
    assert rendered(NEW_TRANSCRIPT, context) == reference_transcript
    reference_thread = rendered(REFERENCE_COMMENT_THREAD, context)
    assert rendered(NEW_COMMENT_THREAD, context) == reference_thread
    return reference_transcript, reference_thread


def test_the_seed_interviews_render_as_the_templates_rendered_them(sample_archive):
    for interview in sample_archive:
        transcript, thread = assert_same_html(interview)
        assert transcript.count("<section ") == interview.turns.count()
        assert thread.count('class="comment-body"') == interview.comments.public().count()


@pytest.fixture
def hostile_interview(make_interview, make_person, make_outlet):
    interviewer = make_person(f"Ivy {HOSTILE}")
    outlet = make_outlet(f"Outlet {HOSTILE}")
    interview = make_interview(turns=0, interviewer=interviewer, outlet=outlet, title=HOSTILE)
    rows = [
        (Turn.Kind.QUESTION, interviewer, "", datetime.timedelta(0), f"Why {HOSTILE}?"),
        (Turn.Kind.ANSWER, None, f"Guest {HOSTILE}", datetime.timedelta(seconds=83), HOSTILE),
        (Turn.Kind.CAPTION, None, "", None, f"A figure: {HOSTILE}\n\n• one\n• <two>"),
        (Turn.Kind.DIRECTION, None, "", datetime.timedelta(hours=1), "[laughs] & <b>"),
        (Turn.Kind.REMARK, None, "", None, "Nobody named.\nSecond line."),
        (Turn.Kind.QUESTION, interviewer, HOSTILE, None, "javascript:alert(1)"),
        (Turn.Kind.ANSWER, None, "", None, "https://example.org/?a=1&b=2"),
        (Turn.Kind.QUESTION, None, "Q", None, f"Last, {HOSTILE}, " + "and on " * 20 + "?"),
    ]
    Turn.objects.bulk_create(
        Turn(
            interview=interview,
            position=position,
            kind=kind,
            speaker=speaker,
            speaker_label=label,
            timestamp=timestamp,
            text=text,
        )
        for position, (kind, speaker, label, timestamp, text) in enumerate(rows, start=1)
    )
    position = iter(range(1, 100))

    def comment(author, *, parent=None, url="", posted_at=None, text=HOSTILE, verified_as=""):
        return Comment.objects.create(
            verified_as=verified_as,
            verified_by=Comment.Verification.EDITOR if verified_as else "",
            interview=interview,
            parent=parent,
            author_name=author,
            author_url=url,
            posted_at=posted_at,
            text=text,
            origin=Comment.Origin.IMPORTED,
            status=Comment.Status.PUBLIC,
            position=next(position),
        )

    when = datetime.datetime(2021, 3, 4, 23, 5, tzinfo=datetime.UTC)
    top = comment(
        f"Reader {HOSTILE}",
        url='https://example.org/?q="x"&y=<z>',
        posted_at=when,
        text=f"See https://example.org/a_(b). And {HOSTILE}\n\n- item & <i>",
    )
    parent = top
    for depth in range(1, 8):  # a chain deeper than the page indents
        parent = comment(
            f"Replier {depth} {HOSTILE}",
            parent=parent,
            url="javascript:alert(1)" if depth % 2 else "http://example.org/ünï",
            posted_at=when if depth % 3 else None,
        )
    comment(
        interviewer.name, parent=top, text="The interviewer answers.", verified_as="interviewer"
    )
    comment(outlet.name, text="The outlet speaks.", url="JAVASCRIPT:alert(2)", verified_as="outlet")
    comment(f"Guest {HOSTILE}", text="The guest answers.", verified_as="interviewee")
    comment("Lone & <plain>", posted_at=when)
    hidden = comment("Hidden", text="Not public.")
    Comment.objects.filter(pk=hidden.pk).update(status=Comment.Status.PENDING)
    comment("Reply to hidden", parent=hidden)
    return interview


def test_hostile_rows_render_as_the_templates_rendered_them(hostile_interview):
    transcript, thread = assert_same_html(hostile_interview)
    assert "<script>" not in transcript + thread
    assert 'href="javascript:' not in thread.lower()
    assert "comment--by-interviewer" in thread
    assert "comment--by-outlet" in thread
    assert "comment--by-interviewee" in thread
    assert 'class="comment-in-reply"' in thread
    assert 'class="turn-figure"' in transcript
    assert 'class="turn-time" href="#t1">00:00:00</a>' in transcript


def test_in_another_time_zone_the_comment_times_match(hostile_interview, settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    assert_same_html(hostile_interview)


def test_an_interview_without_comments_has_no_thread(make_interview):
    interview = make_interview(turns=3)
    transcript, thread = assert_same_html(interview)
    assert thread == ""
    assert transcript.count("<section ") == 3


def test_with_a_recording_the_times_render_as_the_templates_rendered_them(hostile_interview):
    Recording.objects.create(
        interview=hostile_interview, external_url=f"https://media.example/a.mp3?x={HOSTILE}"
    )
    transcript, _ = assert_same_html(hostile_interview)
    assert "<script>" not in transcript
    assert 'data-seek="83" aria-label="Play from 00:01:23">00:01:23</a>' in transcript
