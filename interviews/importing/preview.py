"""The import preview: the forms of `forms.py` together, the editor's corrections applied.

The preview keeps nothing on the server between requests. The pasted text, the parse's comments
and its notes (ignored lines, warnings) travel in hidden fields; the speakers and turns are
ordinary formsets. "Update preview" applies the editor's corrections and renders the result as a
fresh form; "Save interview" applies the same corrections and hands them to `transcript_import`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from interviews.importing.drafts import (
    ImportHints,
    TranscriptDraft,
    draft_from_parse,
    names_from_text,
)
from interviews.importing.forms import (
    SPLIT_LINE,
    InterviewDetailsForm,
    ParseNotes,
    SpeakerFormSet,
    TurnFormSet,
    interview_for_source_url,
)
from interviews.importing.services import ImportOutcome, outlet_get_or_create, transcript_import
from interviews.models import Interview
from interviews.transcript.model import ParsedComment, ParsedTranscript, ParsedTurn
from people.models import Person
from people.selectors import person_match_labels


def turns_corrected(*, rows: list[dict], first: int, last: int) -> list[ParsedTurn]:
    """The turns as the editor corrected them, in order.

    Rows are numbered from 1; those outside first..last are dropped, and so is a row whose text
    was emptied. A line holding only "---" splits a row's text into turns that share its speaker
    and kind; "merge" appends a row's (first part of) text to the turn before it.
    """
    turns: list[ParsedTurn] = []
    for number, row in enumerate(rows, start=1):
        if not first <= number <= last:
            continue
        parts = [part.strip() for part in SPLIT_LINE.split(row["text"])]
        parts = [part for part in parts if part]
        if row["merge"] and turns and parts:
            turns[-1].text = f"{turns[-1].text}\n\n{parts.pop(0)}"
        # The label as written stays only while the turn keeps the speaker it was read for.
        label = row["label"] if row["speaker"] == row["parsed_speaker"] else ""
        for index, part in enumerate(parts):
            turns.append(
                ParsedTurn(
                    speaker=row["speaker"],
                    kind=row["kind"],
                    text=part,
                    timestamp=row["timestamp"] if index == 0 else None,
                    label=label,
                )
            )
    return turns


def turn_rows(turns: list[ParsedTurn]) -> list[dict]:
    return [
        {
            "speaker": turn.speaker,
            "kind": turn.kind,
            "text": turn.text,
            "merge": False,
            "timestamp": turn.timestamp,
            "label": turn.label,
            "parsed_speaker": turn.speaker,
        }
        for turn in turns
    ]


@dataclass
class CommentRow:
    """A comment of the preview's thread, flattened for a template that nests without recursion."""

    author: str
    posted: str | None
    text: str
    depth: int
    reply_count: int
    closing_levels: range


def comment_rows(comments: list[ParsedComment]) -> list[CommentRow]:
    in_order: list[tuple[ParsedComment, int]] = []
    stack = [(comment, 0) for comment in reversed(comments)]
    while stack:
        comment, depth = stack.pop()
        in_order.append((comment, depth))
        stack.extend((reply, depth + 1) for reply in reversed(comment.replies))
    rows = []
    for index, (comment, depth) in enumerate(in_order):
        next_depth = in_order[index + 1][1] if index + 1 < len(in_order) else 0
        rows.append(
            CommentRow(
                author=comment.author,
                posted=comment.posted,
                text=comment.text,
                depth=depth,
                reply_count=len(comment.replies),
                # A comment with replies leaves its list item open around them.
                closing_levels=range(0 if comment.replies else depth - next_depth),
            )
        )
    return rows


class TranscriptPreview:
    """The preview page's forms together: the interview's details, its speakers and its turns."""

    def __init__(self, details, speakers, turns):
        self.details = details
        self.speakers = speakers
        self.turns = turns
        self.errors: list[str] = []

    @classmethod
    def from_parse(
        cls, *, parsed: ParsedTranscript, transcript: str, paste: dict
    ) -> TranscriptPreview:
        """The first preview of a parse, with what step 1's hints add to it."""
        interviewers = names_from_text(paste.get("interviewers", ""))
        interviewees = names_from_text(paste.get("interviewees", ""))
        # Every turn's speaker must be one of the rows, even one the parser did not list.
        labels = [*parsed.speakers, *(turn.speaker for turn in parsed.turns if turn.speaker)]
        parsed = dataclasses.replace(parsed, speakers=list(dict.fromkeys(labels)))
        draft = draft_from_parse(
            parsed=parsed,
            hints=ImportHints(
                interviewers=interviewers,
                interviewees=interviewees,
                source_url=paste.get("source_url") or "",
                outlet=paste.get("outlet"),
            ),
        )
        choices = draft.speakers
        hinted = person_match_labels(labels=interviewers + interviewees).values()
        offered = [choice.person for choice in choices] + list(hinted)
        people = sorted(
            {person.pk: person for person in offered if person}.values(),
            key=lambda person: person.name,
        )
        source_url, published = draft.source_url, draft.published
        existing = interview_for_source_url(source_url)
        details = InterviewDetailsForm(
            initial={
                "transcript": transcript,
                "hint_interviewers": ", ".join(interviewers),
                "hint_interviewees": ", ".join(interviewees),
                "hint_format": paste.get("format") or "auto",
                "comments": parsed.comments,
                "notes": ParseNotes(
                    parsed.format, parsed.ignored, parsed.warnings, dict(parsed.metadata)
                ),
                "people": [person.pk for person in people],
                "title": draft.title or (existing.title if existing else ""),
                "slug": existing.slug if existing else "",
                "deck": parsed.deck or (existing.deck if existing else ""),
                "byline": parsed.byline or (existing.byline if existing else ""),
                "outlet": draft.outlet or (existing.outlet if existing else None),
                "published": published.isoformat() if published else "",
                "source_url": source_url,
                "intro": parsed.intro,
                "closing_note": parsed.outro,
                # An update keeps what the editors decided about the interview before.
                "topics": list(existing.topics.all()) if existing else [],
                "status": existing.status if existing else Interview.Status.DRAFT,
                "first_turn": 1,
                "last_turn": len(parsed.turns),
            }
        )
        speakers = SpeakerFormSet(
            prefix="speakers",
            people=people,
            initial=[
                {
                    "label": choice.label,
                    "person": str(choice.person.pk) if choice.person else "",
                    "new_name": choice.new_name,
                    "role": choice.role,
                }
                for choice in choices
            ],
        )
        turns = TurnFormSet(
            prefix="turns", speaker_labels=parsed.speakers, initial=turn_rows(parsed.turns)
        )
        return cls(details, speakers, turns)

    @classmethod
    def from_post(cls, data) -> TranscriptPreview:
        details = InterviewDetailsForm(data)
        people_field = details.fields["people"]
        try:
            person_ids = people_field.clean(details["people"].value())
        except ValidationError:
            person_ids = []
        people = list(Person.objects.filter(pk__in=person_ids).only("id", "name", "slug"))
        speakers = SpeakerFormSet(data, prefix="speakers", people=people)
        turns = TurnFormSet(data, prefix="turns", speaker_labels=speakers.labels())
        return cls(details, speakers, turns)

    def is_valid(self) -> bool:
        valid = all([self.details.is_valid(), self.speakers.is_valid(), self.turns.is_valid()])
        if valid:
            count = len(self.turns.forms)
            last = self.details.cleaned_data["last_turn"]
            if last > count:
                self.details.add_error(
                    "last_turn", f"There are {count} turns: the last can be at most {count}."
                )
                return False
            if not self.corrected_turns():
                self.errors.append(
                    "No turns are left: widen the first and last turns, or fill in some text."
                )
                return False
        return valid

    def corrected_turns(self) -> list[ParsedTurn]:
        return turns_corrected(
            rows=[form.cleaned_data for form in self.turns.forms],
            first=self.details.cleaned_data["first_turn"],
            last=self.details.cleaned_data["last_turn"],
        )

    def updated(self) -> TranscriptPreview:
        """A new, unbound preview showing the corrections applied, numbered afresh."""
        turns = self.corrected_turns()
        initial = dict(self.details.cleaned_data)
        published = initial["published"]
        initial.update(
            published=published.isoformat() if published else "",
            first_turn=1,
            last_turn=len(turns),
        )
        details = InterviewDetailsForm(initial=initial)
        speakers = SpeakerFormSet(
            prefix="speakers",
            people=list(self.speakers.people.values()),
            initial=[form.cleaned_data for form in self.speakers.forms],
        )
        turns_formset = TurnFormSet(
            prefix="turns", speaker_labels=self.speakers.labels(), initial=turn_rows(turns)
        )
        return TranscriptPreview(details, speakers, turns_formset)

    def save(self) -> ImportOutcome:
        """Save the corrected transcript, creating the new outlet with it: all or nothing."""
        details = self.details.cleaned_data
        with transaction.atomic():
            outlet = details["outlet"] or outlet_get_or_create(name=details["new_outlet"])
            return transcript_import(
                draft=TranscriptDraft(
                    title=details["title"],
                    turns=self.corrected_turns(),
                    speakers=self.speakers.speaker_choices(),
                    comments=details["comments"],
                    slug=details["slug"],
                    deck=details["deck"],
                    byline=details["byline"],
                    outlet=outlet,
                    published=details["published"],
                    source_url=details["source_url"],
                    intro=details["intro"],
                    closing_note=details["closing_note"],
                    topics=list(details["topics"]),
                    status=details["status"],
                )
            )

    # What the template shows besides the forms.

    @property
    def notes(self) -> ParseNotes:
        return self._carried("notes") or ParseNotes(ignored=[], warnings=[], metadata={})

    @property
    def comments(self) -> list[CommentRow]:
        return comment_rows(self._carried("comments") or [])

    @property
    def updates(self) -> Interview | None:
        """The interview that saving would update, found by the source URL."""
        source_url = self._carried("source_url")
        return interview_for_source_url(source_url) if isinstance(source_url, str) else None

    def _carried(self, name: str):
        """A field's value from a valid form, or from the initial values of an unbound one."""
        form = self.details
        if form.is_bound:
            return form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        return form.initial.get(name)

    def paste_initial(self) -> dict:
        """Step 1's fields as this preview was made from them, to go back and parse again."""
        data = self.details.data
        return {
            "text": data.get("transcript", ""),
            "interviewers": data.get("hint_interviewers", ""),
            "interviewees": data.get("hint_interviewees", ""),
            "format": data.get("hint_format", "auto"),
            "source_url": data.get("source_url", ""),
            "outlet": data.get("outlet", ""),
        }
