"""The import's forms: step 1's paste, and step 2's interview details, speakers and turns."""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from interviews.importing.drafts import names_from_text
from interviews.importing.editing import source_document_json
from interviews.importing.sources import SourceDocument, UnreadableSource
from interviews.importing.sources.reading import (
    UPLOAD_SUFFIXES,
    check_file_size,
    document_from_link,
    document_from_paste,
    document_from_upload,
)
from interviews.models import Interview, Outlet, Participation, Topic, Turn, choices_of
from interviews.transcript import parse
from interviews.transcript.model import (
    Format,
    ParseHints,
    PartialDate,
    precise_timestamp_text,
    timestamp_text,
)
from interviews.transcript.source import (
    MAX_TRANSCRIPT_BYTES,
    UnreadableTranscript,
    check_transcript_size,
)
from people.models import Person

FORMAT_CHOICES = choices_of(
    "Format",
    Format,
    {
        Format.AUTO: "Recognise it",
        Format.LABELLED: "Labelled (Name: text)",
        Format.QA: "Q: and A:",
        Format.ALTERNATING: "Alternating paragraphs, question first",
        Format.TIMESTAMPED: "Timestamped lines",
        Format.SRT: "SubRip subtitles (.srt)",
        Format.VTT: "WebVTT subtitles (.vtt)",
    },
).choices

ROLE_CHOICES = [*Participation.Role.choices, ("", "Neither")]

# The preview is paged, so a transcript's length is not limited by what one request can carry;
# this bound keeps a draft's stored state and each save within reason.
MAX_IMPORT_TURNS = 20_000
# Person ids are BigAutoField keys: anything larger is not one (and would overflow a query).
MAX_ID = 2**63 - 1
MAX_SPEAKERS = 200
# Longer addresses are refused by the fetch too; a form field says so before anything is sent.
MAX_LINK_LENGTH = 2000

# The admin's own classes for a wide text input and a large text area.
TEXT_INPUT = {"class": "vTextField"}
TEXT_AREA = {"class": "vLargeTextField"}

SPLIT_LINE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


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
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
        help_text=(
            "Text or Markdown (UTF-8), subtitles (.srt, .vtt), a PDF, a Word document (.docx) or "
            "a web page saved from the browser (.html); at most 15 MB."
        ),
    )
    link = forms.URLField(
        label="…or a link",
        required=False,
        max_length=MAX_LINK_LENGTH,
        widget=forms.URLInput(attrs={**TEXT_INPUT, "placeholder": "https://"}),
        help_text=(
            "The address of a published interview: the page is fetched and read like a saved "
            "page, with its comments and its details."
        ),
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
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial=Format.AUTO, required=False)
    source_url = forms.URLField(
        label="Source URL",
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs=TEXT_INPUT),
        help_text="Importing a source URL already in the archive updates that interview.",
    )
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), required=False)
    # The draft gone back from, when its text is parsed again: the new parse replaces it.
    draft = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID
    )

    def __init__(self, *args, previous: SourceDocument | None = None, **kwargs):
        """`previous`: the file or page a draft gone back from was read from, whose comments
        and details a new parse of its text keeps."""
        super().__init__(*args, **kwargs)
        self.previous = previous

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text, upload, link = cleaned.get("text", ""), cleaned.get("file"), cleaned.get("link")
        if sum(map(bool, (text, upload, link))) > 1:
            raise ValidationError("Paste a transcript, choose a file or give a link: only one.")
        field = "file" if upload else "link" if link else "text"
        try:
            document = self._document(text, upload, link)
        except (UnreadableSource, UnreadableTranscript) as error:
            self.add_error(field, str(error))
            return cleaned
        if not document.text.strip():
            raise ValidationError(
                "The file is empty."
                if upload
                else "The page has no text."
                if link
                else "Paste a transcript, choose a file or give a link."
            )
        self.document = document
        self.transcript = document.text
        self.source = self._source(upload, link, document)
        self.parsed = document.apply_to(parse(document.text, self.hints()))
        if not self.parsed.turns:
            raise ValidationError(
                [
                    "No turns were found in this text: no question or answer was recognised. "
                    "Choose its format, or give the names of the interviewer and interviewee.",
                    *(f"The parser says: {warning}" for warning in self.parsed.warnings[:20]),
                ]
            )
        if len(self.parsed.turns) > MAX_IMPORT_TURNS:
            raise ValidationError(
                f"This transcript has {len(self.parsed.turns):,} turns; an import can hold at "
                f"most {MAX_IMPORT_TURNS:,}. Split it into parts and import each one."
            )
        return cleaned

    def _document(self, text: str, upload, link: str) -> SourceDocument:
        if upload:
            # The size is known before reading: a huge upload is refused unread.
            limit = settings.IMPORT_MAX_FILE_BYTES
            check_file_size(upload.size, limit)
            return document_from_upload(upload.name, upload.read(limit + 1), max_bytes=limit)
        if link:
            return document_from_link(
                link,
                allowed_hosts=settings.IMPORT_FETCH_ALLOWED_HOSTS,
                timeout=settings.IMPORT_FETCH_TIMEOUT_SECONDS,
                max_bytes=settings.IMPORT_FETCH_MAX_BYTES,
            )
        check_transcript_size(len(text.encode("utf-8")))
        if self.previous is not None:
            # "Back" from a file or a page: its text again, with what its structure said.
            return dataclasses.replace(self.previous, text=text)
        return document_from_paste(text)

    @staticmethod
    def _source(upload, link: str, document: SourceDocument) -> dict:
        structure = None if document.kind == "text" else source_document_json(document)
        if upload:
            return {"kind": "file", "name": upload.name[:300], "document": structure}
        if link:
            return {"kind": "link", "name": link, "document": structure}
        return {"kind": "paste", "name": "", "document": structure}

    def hints(self) -> ParseHints:
        return ParseHints(
            interviewers=names_from_text(self.cleaned_data.get("interviewers", "")),
            interviewees=names_from_text(self.cleaned_data.get("interviewees", "")),
            format=self.cleaned_data.get("format") or "auto",
        )


# --- Step 2: preview and correct ---------------------------------------------------------------


class InterviewDetailsForm(forms.Form):
    """The interview's own fields, as the editor corrects them on every page of the preview."""

    # Needed to save, not to correct the rest first: `draft_for_save` asks for it.
    title = forms.CharField(
        max_length=300, required=False, widget=forms.TextInput(attrs=TEXT_INPUT)
    )
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
        widget=forms.URLInput(attrs=TEXT_INPUT),
    )
    intro = forms.CharField(
        required=False,
        max_length=MAX_TRANSCRIPT_BYTES,
        widget=forms.Textarea(attrs={**TEXT_AREA, "rows": 3, "class": "vLargeTextField grows"}),
    )
    closing_note = forms.CharField(
        required=False,
        max_length=MAX_TRANSCRIPT_BYTES,
        widget=forms.Textarea(attrs={**TEXT_AREA, "rows": 2, "class": "vLargeTextField grows"}),
    )
    topics = forms.ModelMultipleChoiceField(queryset=Topic.objects.all(), required=False)
    status = forms.ChoiceField(choices=Interview.Status.choices, initial=Interview.Status.DRAFT)
    # Consent, asked on the page when this text is already in the archive without its address.
    update_repeated = forms.BooleanField(
        label="Update that interview instead of making a new one", required=False
    )

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_byline(self):
        return " ".join(self.cleaned_data["byline"].split())

    def clean_new_outlet(self):
        return " ".join(self.cleaned_data["new_outlet"].split())

    def clean_intro(self):
        return plain_text(self.cleaned_data["intro"])

    def clean_closing_note(self):
        return plain_text(self.cleaned_data["closing_note"])

    def clean_published(self) -> str:
        """The date as the state keeps it: "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
        text = self.cleaned_data["published"].strip()
        if not text:
            return ""
        try:
            return PartialDate.from_iso(text).isoformat()
        except ValueError as error:
            raise ValidationError(
                f"“{text}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."
            ) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outlet") and cleaned.get("new_outlet"):
            self.add_error("new_outlet", "Choose an outlet or name a new one, not both.")
        slug = cleaned.get("slug")
        if slug and "source_url" in cleaned:
            taken = Interview.objects.filter(slug=slug)
            updated = interview_for_source_url(cleaned["source_url"])
            if updated is not None:
                taken = taken.exclude(pk=updated.pk)
            if taken.exists():
                self.add_error("slug", f"Another interview already has the slug “{slug}”.")
        return cleaned


def interview_for_source_url(source_url: str) -> Interview | None:
    """The interview an import of this source URL updates, as `transcript_import` finds it."""
    if not source_url:
        return None
    return Interview.objects.filter(source_url=source_url).first()


# --- Values a row posts: ids and timestamps ---------------------------------------------------

ASCII_NUMBER = re.compile(r"[0-9]{1,19}")
# "1:02:03", "2:03" or seconds, and a fraction of a second after "." or "," where a field takes one.
TIMESTAMP_TEXT = re.compile(
    r"(?:(?:(?P<h>[0-9]{1,3}):)?(?P<m>[0-9]{1,2}):)?(?P<s>[0-9]{1,6})(?:[.,](?P<f>[0-9]{1,9}))?"
)
MAX_TIMESTAMP = 100 * 3600


class TimestampField(forms.CharField):
    """A time into the recording: "1:02:03", "2:03" or seconds ("123"), from 0 to 100 hours.

    Whole seconds, as a transcript writes them; `PreciseTimestampField` takes a fraction too.
    """

    # Digits a time may have after the seconds' point.
    fraction_digits = 0
    examples = "1:02:03, 2:03 or seconds"

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "import-timestamp", "size": 8}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return timestamp_text(value) if isinstance(value, int) else value

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        # ASCII digits only: str.isdigit() and int() also take "²" or "٣", which are not times.
        found = TIMESTAMP_TEXT.fullmatch(text)
        fraction = (found["f"] or "") if found else ""
        if found is None or len(fraction) > self.fraction_digits:
            raise ValidationError(f"“{text}” is not a time: write {self.examples}.")
        hours, minutes, seconds = (int(found[part] or 0) for part in "hms")
        if (found["m"] is not None and seconds >= 60) or (found["h"] is not None and minutes >= 60):
            raise ValidationError(f"“{text}” is not a time: minutes and seconds go up to 59.")
        total = hours * 3600 + minutes * 60 + seconds
        if total > MAX_TIMESTAMP or (total == MAX_TIMESTAMP and fraction.strip("0")):
            raise ValidationError(f"“{text}” is more than 100 hours into the recording.")
        return self.time_of(total, fraction)

    def time_of(self, seconds: int, fraction: str):
        """The cleaned value: whole seconds here."""
        return seconds


class PreciseTimestampField(TimestampField):
    """A time with up to a millisecond: "1:02:03.5", as an editor stamps it; a timedelta."""

    fraction_digits = 3
    examples = "1:02:03.5, 2:03 or seconds"

    def prepare_value(self, value):
        if isinstance(value, datetime.timedelta):
            return precise_timestamp_text(value)
        return value

    def time_of(self, seconds: int, fraction: str) -> datetime.timedelta:
        return datetime.timedelta(seconds=seconds, milliseconds=int(fraction.ljust(3, "0")))


class PersonAutocomplete(AutocompleteSelect):
    """The admin's person search, showing the chosen person from names already looked up.

    Django's widget looks up its chosen option with one query per field; the speakers' table
    looks up all of its people at once and hands them over as `people`.
    """

    def __init__(self, people: dict[int, str] | None = None):
        super().__init__(Participation._meta.get_field("person"), admin.site)
        self.people = people or {}

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, "", "", False, 0)]
        for chosen in value:
            if isinstance(chosen, int) or ASCII_NUMBER.fullmatch(str(chosen)):
                label = self.people.get(int(chosen))
                if label is not None:
                    options.append(self.create_option(name, str(chosen), label, True, 1))
        return [(None, options, 0)]


class PersonIdField(forms.Field):
    """An id of a person in the archive, or nothing; whether it exists is checked with the rest."""

    def to_python(self, value) -> int | None:
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        if not ASCII_NUMBER.fullmatch(text) or not 0 < int(text) <= MAX_ID:
            raise ValidationError("Choose a person from the list.")
        return int(text)


# --- Step 2: the speakers ---------------------------------------------------------------------


class SpeakerForm(forms.Form):
    """One speaker of the draft: who in the archive they are, or the new person to create."""

    person = PersonIdField(required=False)
    new_name = forms.CharField(label="or a new person named", max_length=200, required=False)
    confirmed = forms.BooleanField(label="create this person", required=False)
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)

    def __init__(self, *args, people=None, name="", label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.name_shown = name
        self.label_written = label
        self.fields["person"].widget = PersonAutocomplete(people)
        # The table's headings are not labels: each field names its row for a screen reader.
        for field, says in (
            ("person", f"Person in the archive for {name}"),
            ("new_name", f"New person's name, for {name}"),
            ("confirmed", f"Create the new person, for {name}"),
            ("role", f"Role of {name}"),
        ):
            self.fields[field].widget.attrs["aria-label"] = says

    def clean_new_name(self):
        return " ".join(self.cleaned_data["new_name"].split())


class BaseSpeakerFormSet(forms.BaseFormSet):
    """One row per speaker of the draft, in the draft's order; the people shown are looked up
    once for all the rows, and the people chosen checked in one query."""

    def __init__(
        self, *args, people: dict[int, str], names: list[str], labels: list[str], **kwargs
    ):
        self.people = people
        self.names = names
        self.labels = labels
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        known = index is not None and index < len(self.names)
        # Every row is one of the draft's: none may be left out as an empty extra form.
        return {
            "people": self.people,
            "name": self.names[index] if known else "",
            "label": self.labels[index] if known else "",
            "empty_permitted": False,
        }

    def clean(self):
        # Django's own errors (a missing management form) are kept: they say more.
        if any(self.errors) or self._non_form_errors:
            return
        if self.total_form_count() != len(self.names):
            raise ValidationError(
                "The speakers changed since this page was shown: reload it and try again."
            )
        chosen = {form.cleaned_data.get("person") for form in self.forms} - {None}
        known = set(Person.objects.filter(pk__in=chosen).values_list("pk", flat=True))
        for form in self.forms:
            if form.cleaned_data.get("person") not in known | {None}:
                form.add_error("person", "This person is no longer in the archive.")


SpeakerFormSet = forms.formset_factory(
    SpeakerForm,
    formset=BaseSpeakerFormSet,
    extra=0,
    max_num=MAX_SPEAKERS,
    absolute_max=MAX_SPEAKERS,
    validate_max=True,
)


class AddSpeakerForm(forms.Form):
    """A speaker the transcript does not name: for Q/A or unlabelled turns, say."""

    name = forms.CharField(label="New speaker's name", max_length=200)
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="add", **kwargs)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class MapLabelForm(forms.Form):
    """Every turn labelled X → one speaker, in one step."""

    label = forms.ChoiceField(label="Every turn labelled")
    speaker = forms.ChoiceField(label="is said by")

    def __init__(self, *args, labels: list[str], speakers: list[tuple[str, str]], **kwargs):
        super().__init__(*args, prefix="map", **kwargs)
        self.fields["label"].choices = [
            (label, f"“{label}”" if label else "(no label)") for label in labels
        ]
        self.fields["speaker"].choices = [("", "— no one —"), *speakers]


# --- Step 2: the turns of one page ------------------------------------------------------------


class TurnForm(forms.Form):
    speaker = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(choices=Turn.Kind.choices)
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_TRANSCRIPT_BYTES,
        widget=forms.Textarea(attrs={"rows": 2, "class": "import-turn-text grows"}),
    )
    timestamp = TimestampField()

    def __init__(self, *args, speaker_choices=(), number=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        self.fields["speaker"].choices = speaker_choices
        # A row's fields say which turn they belong to (the table headings are not labels).
        for name, says in (
            ("speaker", f"Speaker of turn {number}"),
            ("kind", f"Kind of turn {number}"),
            ("text", f"Text of turn {number}"),
            ("timestamp", f"Time of turn {number}"),
        ):
            self.fields[name].widget.attrs["aria-label"] = says

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])


class BaseTurnFormSet(forms.BaseFormSet):
    """The turns of one page of the preview; `first` is the number of its first turn."""

    def __init__(self, *args, speakers: list[tuple[str, str]], first: int, count: int, **kwargs):
        self.speaker_choices = [("", "— no one —"), *speakers]
        self.first = first
        self.count = count
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {
            "speaker_choices": self.speaker_choices,
            "number": self.first + (index or 0),
            "empty_permitted": False,
        }

    def clean(self):
        if any(self.errors) or self._non_form_errors:
            return
        if self.total_form_count() != self.count:
            raise ValidationError(
                "The turns changed since this page was shown: reload it and try again."
            )


TurnFormSet = forms.formset_factory(
    TurnForm,
    formset=BaseTurnFormSet,
    extra=0,
    max_num=1000,
    absolute_max=1000,
    validate_max=True,
)


# --- Step 2: which button was pressed ---------------------------------------------------------

ACTION = re.compile(
    r"(?P<name>update|save|back|discard|map|add_speaker|trim)"
    r"|(?P<turn_action>merge|split|page):(?P<number>[0-9]{1,7})(?::(?P<speaker>[a-z0-9_-]{1,40}))?",
    re.ASCII,
)


@dataclass
class Action:
    name: str  # update, save, back, discard, map, add_speaker, trim, merge, split or page
    number: int | None = None  # the turn merged or split (from 1), or the page to go to
    speaker: str | None = None  # for a merge: whose the merged turn is


def action_from_post(value) -> Action | None:
    """The button pressed ("merge:12", "merge:12:s2", "save"...), or None for anything else."""
    found = ACTION.fullmatch(str(value or "update"))
    if found is None:
        return None
    if found["name"]:
        return Action(found["name"])
    if found["speaker"] and found["turn_action"] != "merge":
        return None
    return Action(found["turn_action"], int(found["number"]), found["speaker"])


class TrimForm(forms.Form):
    """Keep turns first..last: drop the page furniture a parse kept at either end."""

    first = forms.IntegerField(label="Keep turns from", min_value=1, max_value=MAX_IMPORT_TURNS)
    last = forms.IntegerField(label="to", min_value=1, max_value=MAX_IMPORT_TURNS)

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, prefix="trim", **kwargs)
        self.count = count

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            if first > last:
                self.add_error("last", "The last turn comes before the first.")
            elif last > self.count:
                self.add_error(
                    "last", f"There are {self.count} turns: the last can be at most {self.count}."
                )
        return cleaned
