"""Atom feeds: the latest interviews, and the latest on a topic, from an outlet, with a person.

Each feed is the newest FEED_LENGTH published interviews of its list, read with the list's own
selector (outlet by join, people, topics and turns by prefetch), so a feed costs the same few
queries however many entries it has. Each entry carries the whole interview as its HTML content,
built from escaped text only. Pages advertise their feed in the head (`{% block feeds %}`).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from interviews import selectors
from interviews.models import Interview, Outlet, Participation, Topic, Turn, public_people
from interviews.templatetags.transcript_text import paragraphs
from people.models import Person

FEED_LENGTH = 20
SUMMARY_WORDS = 60


class AtomFeedWithContent(Atom1Feed):
    """Atom with each entry's `<content type="html">`: the whole interview, for feed readers."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            # The XML writer escapes the HTML once more, as Atom's type="html" requires.
            handler.addQuickElement("content", item["content"], {"type": "html"})


def interview_content_html(interview: Interview) -> SafeString:
    """The interview as HTML: deck, intro, every turn with its speaker, closing note.

    Built from stored plain text through `paragraphs` (which escapes every piece) and
    format_html; `interview.transcript_turns` are its turns with their speakers, in order.
    """
    parts = []
    if interview.deck:
        parts.append(format_html("<p><em>{}</em></p>", interview.deck))
    parts.append(paragraphs(interview.intro))
    for turn in interview.transcript_turns:
        if turn.kind == Turn.Kind.CAPTION:
            parts.append(
                format_html("<figure><figcaption>{}</figcaption></figure>", paragraphs(turn.text))
            )
        elif turn.speaker_name:
            parts.append(
                format_html(
                    "<p><strong>{}:</strong></p>\n{}", turn.speaker_name, paragraphs(turn.text)
                )
            )
        else:
            parts.append(paragraphs(turn.text))
    parts.append(paragraphs(interview.closing_note))
    # Each part is escaped text inside fixed tags.
    return mark_safe("\n".join(part for part in parts if part))


class InterviewFeed(Feed):
    """What every interview feed shares: one entry per interview."""

    feed_type = AtomFeedWithContent

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Django dates a feed by its newest entry, which an edit to an older entry or a
        # future publication date would belie: the archive's last change dates it instead,
        # set with the ETag by http_caching.public_feed.
        response.headers.pop("Last-Modified", None)
        return response

    def item_title(self, interview: Interview) -> str:
        # Atom titles are plain text (the XML writer escapes them), unlike RSS's.
        return interview.title

    def item_description(self, interview: Interview) -> str:
        """The deck, or the start of the intro, as escaped text: Atom's summary is HTML."""
        summary = interview.deck or Truncator(" ".join(interview.intro.split())).words(
            SUMMARY_WORDS, truncate="…"
        )
        return escape(summary)

    def item_extra_kwargs(self, interview: Interview) -> dict:
        return {"content": interview_content_html(interview)}

    def item_pubdate(self, interview: Interview) -> datetime.datetime:
        if interview.published_on is None:
            return interview.created_at
        day = interview.published_on
        return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)

    def item_updateddate(self, interview: Interview) -> datetime.datetime:
        # An interview imported years after it appeared was not updated before it was published.
        return max(interview.updated_at, self.item_pubdate(interview))

    def item_author_name(self, interview: Interview) -> str | None:
        names = [p.person.name for p in interview.interviewer_participations]
        return ", ".join(names) or None

    def item_categories(self, interview: Interview) -> list[str]:
        return [topic.name for topic in interview.topics.all()]


class LatestInterviewsFeed(InterviewFeed):
    title = "Interview Archive: latest interviews"
    subtitle = "The interviews most recently published, newest first."

    def link(self):
        return reverse("interviews:list")

    def items(self):
        return selectors.with_transcripts(selectors.interview_list_latest(limit=FEED_LENGTH))


class TopicFeed(InterviewFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic: Topic) -> str:
        return f"Interview Archive: interviews about {topic.name}"

    def subtitle(self, topic: Topic) -> str:
        return topic.description or f"The latest interviews about {topic.name}."

    def link(self, topic: Topic) -> str:
        return topic.get_absolute_url()

    def items(self, topic: Topic):
        return selectors.with_transcripts(
            selectors.interview_list_for_topic(topic=topic)[:FEED_LENGTH]
        )


class OutletFeed(InterviewFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Outlet, slug=slug)

    def title(self, outlet: Outlet) -> str:
        return f"Interview Archive: interviews from {outlet.name}"

    def subtitle(self, outlet: Outlet) -> str:
        return f"The latest interviews published by {outlet.name}."

    def link(self, outlet: Outlet) -> str:
        return outlet.get_absolute_url()

    def items(self, outlet: Outlet):
        return selectors.with_transcripts(
            selectors.interview_list_for_outlet(outlet=outlet)[:FEED_LENGTH]
        )


class PersonFeed(InterviewFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_people(), slug=slug)

    def title(self, person: Person) -> str:
        return f"Interview Archive: interviews with {person.name}"

    def subtitle(self, person: Person) -> str:
        return f"The latest interviews {person.name} gave or conducted."

    def link(self, person: Person) -> str:
        return person.get_absolute_url()

    def items(self, person: Person):
        # Either role: a subquery, so that an interview they both gave and conducted comes once.
        taking_part = Participation.objects.filter(person=person).values("interview_id")
        return selectors.with_transcripts(
            selectors.published_interviews().filter(pk__in=taking_part)[:FEED_LENGTH]
        )
