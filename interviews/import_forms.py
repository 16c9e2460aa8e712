"""The admin's transcript import: the paste form, and the preview an editor corrects before saving.

The preview keeps nothing on the server between requests. The pasted text, the parse's comments
and its notes (ignored lines, warnings) travel in hidden fields; the speakers and turns are
ordinary formsets. "Update preview" applies the editor's corrections and renders the result as a
fresh form; "Save interview" applies the same corrections and hands them to `transcript_import`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from interviews.models import Interview, Outlet, Participation, Topic, Turn
from interviews.services import (
    ImportOutcome,
    SpeakerChoice,
    TranscriptDraft,
    partial_date_from_iso,
    speaker_choices_for_parse,
    transcript_import,
)
from interviews.transcript import parse
from interviews.transcript.dates import date_from_url
from interviews.transcript.model import (
    FORMATS,
    ParsedComment,
    ParsedTranscript,
    ParsedTurn,
    ParseHints,
    PartialDate,
)
from interviews.transcript.source import (
    MAX_TRANSCRIPT_BYTES,
    UnreadableTranscript,
    check_transcript_size,
    decode_transcript,
)
from people.models import Person, name_key
from people.selectors import person_match_labels

FORMAT_CHOICES = [
    ("auto", "Recognise it"),
    ("labelled", "Labelled (Name: text)"),
    ("qa", "Q: and A:"),
    ("alternating", "Alternating paragraphs, question first"),
    ("timestamped", "Timestamped lines"),
    ("srt", "SubRip subtitles (.srt)"),
    ("vtt", "WebVTT subtitles (.vtt)"),
]
assert [value for value, _ in FORMAT_CHOICES] == list(FORMATS)

ROLE_CHOICES = [
    (Participation.Role.INTERVIEWER, "Interviewer"),
    (Participation.Role.INTERVIEWEE, "Interviewee"),
    ("", "Neither"),
]

# Fields each turn row can send: speaker, kind, text, merge and three hidden ones.
FIELDS_PER_TURN = 7
# A preview must fit in one request: Django refuses a POST with more fields than its setting.
MAX_PREVIEW_TURNS = min(3000, (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - 200) // FIELDS_PER_TURN)

# The carried comment thread is checked on the way back in; a thread deeper than this is
# flattened on the way out, since JSON libraries recurse once per level.
MAX_COMMENT_DEPTH = 100
MAX_COMMENTS = 20_000
MAX_NOTES = 100_000

# The admin's own classes for a wide text input and a large text area.
TEXT_INPUT = {"class": "vTextField"}
TEXT_AREA = {"class": "vLargeTextField"}

SPLIT_LINE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


def names_from_text(text: str) -> list[str]:
    """ "Hugo Bowne-Anderson, François Chollet" as two names; a repeated name counts once."""
    names, seen = [], set()
    for name in text.split(","):
        name = " ".join(name.split())
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    return names


def plain_text(text: str) -> str:
    """Text as a browser sends it back (CRLF line breaks) with the archive's "\n", trimmed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# --- Step 1: paste ---------------------------------------------------------------------------


class TranscriptPasteForm(forms.Form):
    text = forms.CharField(
        label="Transcript",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField import-paste"}),
        help_text=(
            "Paste the whole page: menus, captions, comments and footers are recognised and "
            "set aside."
        ),
    )
    file = forms.FileField(
        label="…or a file",
        required=False,
        help_text="Plain text, Markdown, .srt or .vtt, saved as UTF-8; at most 2 MB.",
    )
    interviewers = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs=TEXT_INPUT),
        help_text="Who asks the questions: names separated by commas. Optional.",
    )
    interviewees = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs=TEXT_INPUT),
        help_text="Who answers: names separated by commas. Optional.",
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto", required=False)
    source_url = forms.URLField(
        label="Source URL",
        required=False,
        max_length=1000,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT_INPUT),
        help_text="Importing a source URL already in the archive updates that interview.",
    )
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if self.errors:
            return cleaned
        if text and upload:
            raise ValidationError("Paste the transcript or choose a file, not both.")
        try:
            if upload:
                # The size is known before reading: a huge upload is refused unread.
                check_transcript_size(upload.size)
                text = decode_transcript(upload.read(MAX_TRANSCRIPT_BYTES + 1))
            else:
                check_transcript_size(len(text.encode("utf-8")))
        except UnreadableTranscript as error:
            self.add_error("file" if upload else "text", str(error))
            return cleaned
        if not text.strip():
            raise ValidationError(
                "The file is empty." if upload else "Paste a transcript or choose a file."
            )
        self.transcript = text
        self.parsed = parse(text, self.hints())
        if not self.parsed.turns:
            raise ValidationError(
                [
                    "No turns were found in this text: no question or answer was recognised. "
                    "Choose its format, or give the names of the interviewer and interviewee.",
                    *(f"The parser says: {warning}" for warning in self.parsed.warnings[:20]),
                ]
            )
        if len(self.parsed.turns) > MAX_PREVIEW_TURNS:
            raise ValidationError(
                f"This transcript has {len(self.parsed.turns)} turns; the preview can show "
                f"{MAX_PREVIEW_TURNS}. Split it into parts, or import it with "
                "`manage.py import_transcript`."
            )
        return cleaned

    def hints(self) -> ParseHints:
        return ParseHints(
            interviewers=names_from_text(self.cleaned_data.get("interviewers", "")),
            interviewees=names_from_text(self.cleaned_data.get("interviewees", "")),
            format=self.cleaned_data.get("format") or "auto",
        )


# --- Carried state: the comment thread and the parse's notes ------------------------------------


def comments_as_json(comments: list[ParsedComment]) -> list[dict]:
    """The thread as nested dicts, built without recursion.

    Replies deeper than MAX_COMMENT_DEPTH are listed after their parent at its level instead.
    """
    roots: list[dict] = []
    stack = [(comment, roots, 1) for comment in reversed(comments)]
    while stack:
        comment, siblings, depth = stack.pop()
        node = {"author": comment.author, "posted": comment.posted, "text": comment.text}
        node["replies"] = []
        siblings.append(node)
        if depth < MAX_COMMENT_DEPTH:
            reply_list, reply_depth = node["replies"], depth + 1
        else:
            reply_list, reply_depth = siblings, depth
        stack.extend((reply, reply_list, reply_depth) for reply in reversed(comment.replies))
    return roots


def comments_from_json(data) -> list[ParsedComment]:
    """The thread from `comments_as_json`, checked: ValidationError if it is anything else."""
    if not isinstance(data, list):
        raise ValidationError("The comments are not a list.")
    roots: list[ParsedComment] = []
    stack = [(item, roots, 1) for item in reversed(data)]
    count = 0
    while stack:
        item, siblings, depth = stack.pop()
        count += 1
        if count > MAX_COMMENTS:
            raise ValidationError(f"More than {MAX_COMMENTS} comments.")
        if depth > MAX_COMMENT_DEPTH:
            raise ValidationError(f"Replies nested deeper than {MAX_COMMENT_DEPTH} levels.")
        if not isinstance(item, dict) or set(item) - {"author", "posted", "text", "replies"}:
            raise ValidationError("A comment is not an object of author, posted, text, replies.")
        author, text = item.get("author"), item.get("text")
        posted, replies = item.get("posted"), item.get("replies", [])
        if not isinstance(author, str) or len(author) > 1000:
            raise ValidationError("A comment's author is not a name.")
        if not isinstance(text, str) or len(text) > MAX_TRANSCRIPT_BYTES:
            raise ValidationError("A comment's text is not text.")
        if posted is not None and (not isinstance(posted, str) or len(posted) > 64):
            raise ValidationError("A comment's date is not a date.")
        if not isinstance(replies, list):
            raise ValidationError("A comment's replies are not a list.")
        comment = ParsedComment(author=author, text=text, posted=posted)
        siblings.append(comment)
        stack.extend((reply, comment.replies, depth + 1) for reply in reversed(replies))
    return roots


def load_json(value: str):
    try:
        return json.loads(value)
    except (ValueError, RecursionError) as error:
        raise ValidationError("This is not the JSON the preview wrote.") from error


class CommentThreadField(forms.Field):
    """The parsed comment thread, carried as JSON in a hidden field."""

    widget = forms.HiddenInput

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return json.dumps(comments_as_json(value or []), ensure_ascii=False)

    def to_python(self, value):
        if value in (None, ""):
            return []
        return comments_from_json(load_json(value))


@dataclass
class ParseNotes:
    """What the parser said about the text: the format it saw, lines it set aside, doubts, and
    the "Key: value" lines it read as metadata."""

    format: str = "auto"
    ignored: list[str] | None = None
    warnings: list[str] | None = None
    metadata: dict[str, str] | None = None

    def metadata_shown(self) -> list[tuple[str, str]]:
        """The metadata read, but the byline, which the preview shows as a field of its own."""
        return [(key, value) for key, value in (self.metadata or {}).items() if key != "byline"]


class ParseNotesField(forms.Field):
    widget = forms.HiddenInput

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        value = value or ParseNotes()
        return json.dumps(
            {
                "format": value.format,
                "ignored": value.ignored or [],
                "warnings": value.warnings or [],
                "metadata": value.metadata or {},
            },
            ensure_ascii=False,
        )

    def to_python(self, value):
        if value in (None, ""):
            return ParseNotes(ignored=[], warnings=[], metadata={})
        data = load_json(value)
        if not isinstance(data, dict) or set(data) != {"format", "ignored", "warnings", "metadata"}:
            raise ValidationError("The parse notes are not the preview's.")
        lists, metadata = (data["ignored"], data["warnings"]), data["metadata"]
        if (
            data["format"] not in FORMATS
            or not all(
                isinstance(lines, list)
                and len(lines) <= MAX_NOTES
                and all(isinstance(line, str) for line in lines)
                for lines in lists
            )
            or not isinstance(metadata, dict)
            or len(metadata) > MAX_NOTES
            or not all(isinstance(text, str) for text in metadata.values())
        ):
            raise ValidationError("The parse notes are not the preview's.")
        return ParseNotes(
            format=data["format"], ignored=lists[0], warnings=lists[1], metadata=metadata
        )


class PersonIdsField(forms.Field):
    """The people offered in the speakers' lists, as comma-separated ids."""

    widget = forms.HiddenInput

    def prepare_value(self, value):
        if isinstance(value, list | tuple | set):
            return ",".join(str(pk) for pk in value)
        return value

    def to_python(self, value):
        parts = [part for part in str(value or "").split(",") if part.strip()]
        if len(parts) > 1000 or not all(part.strip().isdigit() for part in parts):
            raise ValidationError("The people offered are not the preview's.")
        return [int(part) for part in parts]


# --- Step 2: preview and correct ---------------------------------------------------------------


class InterviewDetailsForm(forms.Form):
    """The interview's own fields, and the state the preview carries from request to request."""

    transcript = forms.CharField(widget=forms.HiddenInput, strip=False)
    hint_interviewers = forms.CharField(widget=forms.HiddenInput, required=False)
    hint_interviewees = forms.CharField(widget=forms.HiddenInput, required=False)
    hint_format = forms.ChoiceField(widget=forms.HiddenInput, choices=FORMAT_CHOICES)
    # The uploaded file's name, for the edit history ("Imported from file NAME"); empty for a paste.
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    comments = CommentThreadField(required=False)
    notes = ParseNotesField(required=False)
    people = PersonIdsField(required=False)

    title = forms.CharField(max_length=300, widget=forms.TextInput(attrs=TEXT_INPUT))
    slug = forms.SlugField(
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT_INPUT),
        help_text="Leave empty to make one from the title.",
    )
    deck = forms.CharField(
        label="Deck / subtitle",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT_INPUT),
    )
    byline = forms.CharField(
        max_length=Interview._meta.get_field("byline").max_length,
        required=False,
        widget=forms.TextInput(attrs=TEXT_INPUT),
        help_text="Who wrote or conducted it, as the page prints it: shown on its page.",
    )
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), required=False)
    new_outlet = forms.CharField(
        label="…or a new outlet",
        max_length=200,
        required=False,
        help_text="Its name; it is created with the interview.",
    )
    published = forms.CharField(
        required=False,
        max_length=40,
        help_text="YYYY, YYYY-MM or YYYY-MM-DD: as much as is known.",
    )
    source_url = forms.URLField(
        label="Source URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT_INPUT),
    )
    intro = forms.CharField(required=False, widget=forms.Textarea(attrs={**TEXT_AREA, "rows": 5}))
    closing_note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={**TEXT_AREA, "rows": 3})
    )
    topics = forms.ModelMultipleChoiceField(queryset=Topic.objects.all(), required=False)
    status = forms.ChoiceField(choices=Interview.Status.choices, initial=Interview.Status.DRAFT)
    first_turn = forms.IntegerField(min_value=1, help_text="Turns before it are dropped.")
    last_turn = forms.IntegerField(min_value=1, help_text="Turns after it are dropped.")

    def clean_transcript(self):
        text = self.cleaned_data["transcript"]
        try:
            check_transcript_size(len(text.encode("utf-8")))
        except UnreadableTranscript as error:
            raise ValidationError(str(error)) from error
        return text

    def clean_byline(self):
        return " ".join(self.cleaned_data["byline"].split())

    def clean_intro(self):
        return plain_text(self.cleaned_data["intro"])

    def clean_closing_note(self):
        return plain_text(self.cleaned_data["closing_note"])

    def clean_published(self) -> PartialDate | None:
        text = self.cleaned_data["published"].strip()
        if not text:
            return None
        try:
            return partial_date_from_iso(text)
        except ValueError as error:
            raise ValidationError(
                f"“{text}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."
            ) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outlet") and cleaned.get("new_outlet", "").strip():
            self.add_error("new_outlet", "Choose an outlet or name a new one, not both.")
        first, last = cleaned.get("first_turn"), cleaned.get("last_turn")
        if first and last and first > last:
            self.add_error("last_turn", "The last turn comes before the first.")
        slug = cleaned.get("slug")
        if slug and "source_url" in cleaned:
            taken = Interview.objects.filter(slug=slug)
            updated = interview_for_source_url(cleaned["source_url"])
            if updated is not None:
                taken = taken.exclude(pk=updated.pk)
            if taken.exists():
                self.add_error("slug", f"Another interview already has the slug “{slug}”.")
        return cleaned

    def hint_names(self) -> list[str]:
        return names_from_text(self.cleaned_data.get("hint_interviewers", "")) + names_from_text(
            self.cleaned_data.get("hint_interviewees", "")
        )


def interview_for_source_url(source_url: str) -> Interview | None:
    """The interview an import of this source URL updates, as `transcript_import` finds it."""
    if not source_url:
        return None
    return Interview.objects.filter(source_url=source_url).first()


class SpeakerForm(forms.Form):
    label = forms.CharField(widget=forms.HiddenInput, max_length=200, strip=False)
    person = forms.ChoiceField(required=False)
    new_name = forms.CharField(label="or a new person named", max_length=200, required=False)
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)

    def __init__(self, *args, person_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = person_choices
        # The table's column headings are not labels: each field names its row for a screen reader.
        label = self["label"].value() or "this label"
        for name, says in (
            ("person", f"Person in the archive for “{label}”"),
            ("new_name", f"New person named, for “{label}”"),
            ("role", f"Role of “{label}”"),
        ):
            self.fields[name].widget.attrs["aria-label"] = says


class BaseSpeakerFormSet(forms.BaseFormSet):
    """One row per speaker label; the people offered are computed once for all the rows."""

    def __init__(self, *args, people: list[Person] = (), **kwargs):
        self.people = {person.pk: person for person in people}
        choices = [("", "— none: a new person, or no one —")]
        choices += [(str(person.pk), person.name) for person in people]
        super().__init__(*args, form_kwargs={"person_choices": choices}, **kwargs)

    def labels(self) -> list[str]:
        """The labels as the rows hold them, valid or not: the turns' speaker lists need them."""
        return [str(form["label"].value() or "") for form in self.forms]

    def clean(self):
        labels = [form.cleaned_data.get("label") for form in self.forms if form.cleaned_data]
        if len(set(labels)) != len(labels):
            raise ValidationError("Two speakers have the same label.")

    def speaker_choices(self) -> list[SpeakerChoice]:
        return [
            SpeakerChoice(
                label=data["label"],
                person=self.people.get(int(data["person"])) if data["person"] else None,
                new_name="" if data["person"] else " ".join(data["new_name"].split()),
                role=data["role"],
            )
            for data in (form.cleaned_data for form in self.forms)
        ]


SpeakerFormSet = forms.formset_factory(
    SpeakerForm, formset=BaseSpeakerFormSet, extra=0, max_num=200, absolute_max=200
)


class TurnForm(forms.Form):
    speaker = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(choices=Turn.Kind.choices)
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "import-turn-text"}),
    )
    merge = forms.BooleanField(label="merge into previous", required=False)
    # What the parser read, shown but not edited.
    timestamp = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    label = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    parsed_speaker = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, speaker_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = speaker_choices
        # A row's fields say which turn they belong to (the table headings are not labels).
        number = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else ""
        for name, says in (
            ("speaker", f"Speaker of turn {number}"),
            ("kind", f"Kind of turn {number}"),
            ("text", f"Text of turn {number}"),
            ("merge", f"Merge turn {number} into the previous one"),
        ):
            self.fields[name].widget.attrs["aria-label"] = says

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])

    @property
    def timestamp_text(self) -> str:
        value = self["timestamp"].value()
        try:
            return ParsedTurn("", "", "", timestamp=int(value)).timestamp_text
        except (TypeError, ValueError):
            return ""


class BaseTurnFormSet(forms.BaseFormSet):
    def __init__(self, *args, speaker_labels: list[str] = (), **kwargs):
        choices = [("", "— none —"), *((label, label) for label in speaker_labels)]
        super().__init__(*args, form_kwargs={"speaker_choices": choices}, **kwargs)


TurnFormSet = forms.formset_factory(
    TurnForm,
    formset=BaseTurnFormSet,
    extra=0,
    max_num=MAX_PREVIEW_TURNS,
    absolute_max=MAX_PREVIEW_TURNS,
)


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
        choices = speaker_choices_for_parse(
            parsed=parsed, interviewers=interviewers, interviewees=interviewees
        )
        hinted = person_match_labels(labels=interviewers + interviewees).values()
        offered = [choice.person for choice in choices] + list(hinted)
        people = sorted(
            {person.pk: person for person in offered if person}.values(),
            key=lambda person: person.name,
        )
        source_url = paste.get("source_url") or parsed.metadata.get("source_url", "")
        existing = interview_for_source_url(source_url)
        # A page that prints no date often has it in its address (/2018/07/02/...).
        published = parsed.published or date_from_url(source_url)
        details = InterviewDetailsForm(
            initial={
                "transcript": transcript,
                "hint_interviewers": ", ".join(interviewers),
                "hint_interviewees": ", ".join(interviewees),
                "hint_format": paste.get("format") or "auto",
                "file_name": paste["file"].name if paste.get("file") else "",
                "comments": parsed.comments,
                "notes": ParseNotes(
                    parsed.format, parsed.ignored, parsed.warnings, dict(parsed.metadata)
                ),
                "people": [person.pk for person in people],
                "title": parsed.title or (existing.title if existing else ""),
                "slug": existing.slug if existing else "",
                "deck": parsed.deck or (existing.deck if existing else ""),
                "byline": parsed.byline or (existing.byline if existing else ""),
                "outlet": paste.get("outlet") or (existing.outlet if existing else None),
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

    def save(self, *, user=None) -> ImportOutcome:
        """Save the corrected transcript, creating the new outlet with it: all or nothing."""
        details = self.details.cleaned_data
        file_name = details["file_name"]
        with transaction.atomic():
            outlet = details["outlet"] or outlet_for_name(details["new_outlet"])
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
                ),
                user=user,
                origin=f"file {file_name}" if file_name else "paste",
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


def outlet_for_name(name: str) -> Outlet | None:
    """The outlet with this name (or slug), created if there is none; None for no name."""
    name = " ".join(name.split())
    if not name:
        return None
    base = slugify(name)[:190] or "outlet"
    existing = (
        Outlet.objects.filter(name__iexact=name).first() or Outlet.objects.filter(slug=base).first()
    )
    if existing:
        return existing
    taken = set(Outlet.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return Outlet.objects.create(name=name, slug=slug)
