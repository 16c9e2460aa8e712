"""An interview page's transcript and comment thread, built in Python rather than by templates.

Why: on a first render (fragment cache empty) the template loops over the turns and comments
were ~85% of the page's time: ~90,000 Python function calls a request for the 28-turn,
43-comment seed interview, nearly all of it the template engine resolving variables and
applying filters one by one (bench/page_profile.py --profile; docs/benchmarks-sections.md,
"Where the interview page's first render goes (issue 13)"). Here each piece is worked out once
and the markup joined as plain strings.

Safety is the templates' own rule, kept by hand: every value that comes from the database or a
reader goes through `_escaped`, which is conditional_escape (plain text escaped; what the
`paragraphs` and `comment_text` filters, or the selectors, built from escaped pieces and marked
safe kept as it is); everything else is fixed markup written here. The HTML is the same as the
templates made (tests/interviews/test_reading_html.py renders both and compares them).
"""

import html

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe

from interviews.templatetags.transcript_text import comment_text, paragraphs, web_url

register = template.Library()


def _escaped(value) -> str:
    """What django.utils.html.conditional_escape gives, without its lazy-string wrapper.

    HTML already made safe (`__html__`: the `paragraphs` and `comment_text` filters' output, the
    selectors' fixed anchors and kinds) as it is; anything else as django.utils.html.escape
    escapes it, which is html.escape of its text. conditional_escape checks each argument for a
    lazy string first, which was a third of this module's function calls (measured with
    bench/page_profile.py --profile) for the same output.
    """
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


# From this depth on a reply no longer moves right (CSS) and says whom it answers instead.
COMMENT_INDENT_LEVELS = 4


# The markup below keeps a line break wherever the templates had white space between two
# elements: between inline elements (a speaker's name and the time, two links) it shows as a
# space, so the page reads as it did.


def _question_nav_html(turn) -> str:
    if not (turn.previous_question or turn.next_question):
        return ""
    previous = (
        f'<a href="#{_escaped(turn.previous_question)}" rel="prev"'
        ' data-question-nav="previous">↑ Previous question</a>'
        if turn.previous_question
        else ""
    )
    following = (
        f'<a href="#{_escaped(turn.next_question)}" rel="next"'
        ' data-question-nav="next">↓ Next question</a>'
        if turn.next_question
        else ""
    )
    return f'<p class="question-nav">\n{previous}\n{following}\n</p>\n'


def _tools_html(turn, anchor: str, interview_url: str) -> str:
    """The turn's link, citation and question navigation, folded behind one small control.

    A <details>, so that it opens by keyboard, pointer or touch without JavaScript; the CSS
    shows its "⋯" only while the turn is hovered or holds the focus (always on a touch screen).
    """
    return (
        '<details class="turn-tools">\n'
        '<summary><span aria-hidden="true">⋯</span>'
        f'<span class="visually-hidden">Link or cite {_escaped(turn.label)}</span></summary>\n'
        '<div class="turn-tools-panel">\n'
        f'<a class="copy-link" href="#{anchor}" data-copy-url="{interview_url}#{anchor}">'
        f"Link to this {_escaped(turn.kind_words)}</a>\n"
        '<span class="copy-status" role="status"></span>\n'
        '<span class="cite-label">Cite</span>\n'
        f'<p class="cite">{_escaped(turn.citation)}. {interview_url}#{anchor}</p>\n'
        f"{_question_nav_html(turn)}</div>\n</details>"
    )


# How wide a figure is shown: the reading column (site.css, --measure: 38em of 17 px, about
# 650 px) on a wide screen, else the screen's width.
FIGURE_SIZES = "(min-width: 44em) 41em, 100vw"


def _figure_image_html(figure) -> str:
    """A caption's image (selectors.ReadingFigure), "" when it has none.

    Its width and height are set, so the browser keeps its room before it loads (the CSS
    scales it to the column, keeping that shape), and it loads only when it comes near.
    """
    if figure is None:
        return ""
    # With a narrower copy, the browser picks the one the column needs at the screen's density.
    srcset = (
        f' srcset="{_escaped(figure.small_url)} {int(figure.small_width)}w,'
        f' {_escaped(figure.url)} {int(figure.width)}w" sizes="{FIGURE_SIZES}"'
        if figure.small_url
        else ""
    )
    return (
        f'<img src="{_escaped(figure.url)}"{srcset} alt="{_escaped(figure.alt_text)}"'
        f' width="{int(figure.width)}" height="{int(figure.height)}"'
        ' loading="lazy" decoding="async">\n'
    )


def _time_html(turn, anchor: str, media_url: str) -> str:
    """The turn's time: with a recording, a link to that moment of it (Media Fragments, which
    a browser's own player follows without JavaScript), which static/js/player.js turns into a
    control of the page's player; without one, a link to its turn, as a chapter mark."""
    if not media_url:
        return f'<a class="turn-time" href="#{anchor}">{_escaped(turn.timestamp)}</a>'
    seconds = _escaped(turn.seconds)
    timestamp = _escaped(turn.timestamp)
    return (
        f'<a class="turn-time" href="{media_url}#t={seconds}" data-seek="{seconds}"'
        f' aria-label="Play from {timestamp}">{timestamp}</a>'
    )


def _turn_html(turn, interview_url: str, media_url: str) -> str:
    anchor = _escaped(turn.anchor)
    if turn.kind == "caption":
        # A caption belongs to its figure: no speaker, no tools of its own.
        return (
            f'<section id="{anchor}" class="turn turn--caption">\n'
            '<figure class="turn-figure">\n'
            f"{_figure_image_html(getattr(turn, 'figure', None))}"
            f"<figcaption>{_escaped(paragraphs(turn.text))}</figcaption>\n"
            "</figure>\n</section>"
        )
    speaker = (
        f'<span class="speaker-name">{_escaped(turn.speaker_name)}</span>'
        if turn.speaker_name
        else ""
    )
    time = _time_html(turn, anchor, media_url) if turn.timestamp else ""
    return (
        f'<section id="{anchor}" class="turn turn--{_escaped(turn.kind)}">\n'
        f'<div class="turn-head">\n{speaker}\n{time}\n'
        f"{_tools_html(turn, anchor, interview_url)}\n</div>\n"
        f'<div class="turn-text">{_escaped(paragraphs(turn.text))}</div>\n'
        "</section>"
    )


@register.simple_tag
def transcript_html(turns, interview_url, media_url="") -> SafeString:
    """The transcript: one <section> per turn (`selectors.ReadingTurn`), with its tools.

    `interview_url` is the page's full address, which each turn's link and citation carry;
    `media_url` the recording's, when the page plays one: the turns' times then play it.
    """
    interview_url = _escaped(interview_url)
    media_url = _escaped(media_url)
    # Every piece above is fixed markup or escaped text.
    return mark_safe("\n".join(_turn_html(turn, interview_url, media_url) for turn in turns))


class _Dates:
    """Comment times as the template's |date:"c" and |date:"j F Y, H:i" showed them.

    Written out, with the time zone and the month names looked up once a thread: Django's date
    formatting, and the lazy translation of a month name, were nearly a third of this module's time
    (measured). Like |date, an aware time is shown in the current time zone.
    """

    def __init__(self):
        self.zone = timezone.get_current_timezone() if settings.USE_TZ else None
        self.month_names = {}

    def html(self, posted_at) -> str:
        when = posted_at
        if self.zone is not None and not timezone.is_naive(when):
            when = when.astimezone(self.zone)
        month = self.month_names.get(when.month)
        if month is None:
            month = self.month_names[when.month] = str(MONTHS[when.month])
        shown = f"{when.day} {month} {when.year:04d}, {when.hour:02d}:{when.minute:02d}"
        return f'<time datetime="{_escaped(when.isoformat())}">{_escaped(shown)}</time>'


def _comment_html(comment, *, reply_url: str, outlet_name: str, dates: _Dates) -> str:
    anchor = _escaped(comment.anchor)
    author = _escaped(comment.author_name)
    # The badge is what was verified (Comment.verified_as), never the name the author typed.
    role = comment.verified_as
    role_class = f" comment--by-{_escaped(role)}" if role else ""
    author_url = web_url(comment.author_url)
    if author_url:
        author_html = f'<a href="{_escaped(author_url)}" rel="nofollow ugc noopener">{author}</a>'
    else:
        author_html = author
    if role == "interviewer":
        badge = '<span class="comment-badge">Interviewer</span>'
    elif role == "interviewee":
        badge = '<span class="comment-badge">Interviewee</span>'
    elif role == "outlet" and outlet_name:
        badge = f'<span class="comment-badge">{outlet_name}</span>'
    else:
        badge = ""
    # The date is the comment's link, kept on one line (CSS): no lone "#" at a line's start.
    if comment.posted_at:
        permalink = (
            f'<a class="comment-date" href="#{anchor}">{dates.html(comment.posted_at)}'
            f'<span class="visually-hidden">, link to this comment by {author}</span></a>'
        )
    else:
        permalink = (
            f'<a class="permalink" href="#{anchor}"'
            f' aria-label="Link to this comment by {author}">#</a>'
        )
    parent_author = getattr(comment, "parent_author", "")
    in_reply = (
        f'<span class="comment-in-reply">in reply to {_escaped(parent_author)}</span>'
        if comment.depth >= COMMENT_INDENT_LEVELS and parent_author
        else ""
    )
    pk = _escaped(comment.pk)
    reply_count = comment.reply_count
    replies = (
        f'<span class="comment-reply-count">{_escaped(reply_count)}'
        f" repl{'y' if reply_count == 1 else 'ies'}</span>"
        if reply_count
        else ""
    )
    # A comment with replies leaves its <li> open around an <ol> of them; `closing_levels`
    # closes the lists that end after it.
    after = '<ol class="comment-replies">' if comment.children else "</li>"
    closing = "</ol></li>\n" * len(comment.closing_levels)
    return (
        f'<li id="{anchor}" class="comment{role_class}">\n'
        f'<article class="comment-body" aria-label="Comment by {author}">\n'
        '<p class="comment-meta">\n'
        f'<span class="comment-author">{author_html}</span>\n{badge}\n{in_reply}\n{permalink}\n'
        "</p>\n"
        f'<div class="comment-text">{_escaped(comment_text(comment.text))}</div>\n'
        '<p class="comment-actions">\n'
        # Opens the form's own page; static/js/comments.js brings this page's form here instead.
        f'<a class="comment-reply-link" href="{reply_url}?reply_to={pk}#comment-form"'
        f' data-reply-to="{pk}" data-reply-author="{author}"'
        f' aria-label="Reply to {author}">Reply</a>\n{replies}\n</p>\n'
        f"</article>\n{after}\n{closing}"
    )


@register.simple_tag
def comment_thread_html(comments, interview) -> SafeString:
    """The public comments as nested lists, "" when there are none.

    `comments` is selectors.comment_thread_in_reading_order(...): depth first, flat. One loop
    instead of recursion, so no depth is too deep. Past COMMENT_INDENT_LEVELS the replies stop
    moving right (CSS) and say whom they answer instead.
    """
    if not comments:
        return mark_safe("")
    reply_url = _escaped(reverse("interviews:comment_new", args=[interview.slug]))
    outlet_name = _escaped(interview.outlet.name) if interview.outlet else ""
    dates = _Dates()
    items = "".join(
        _comment_html(comment, reply_url=reply_url, outlet_name=outlet_name, dates=dates)
        for comment in comments
    )
    # Every piece above is fixed markup or escaped text.
    return mark_safe(f'<ol class="comment-thread">\n{items}</ol>')
