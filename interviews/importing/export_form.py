"""The admin's "Import JSON export" form: an export file (or its text), read and checked.

An export whose source URL is in the archive updates that interview, as every import does. One
without a source URL whose transcript is already here (the same fingerprint) is not saved until
the editor says whether it updates that interview or is a new one.
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError

from interviews.exports import ExportFormatError
from interviews.importing.drafts import check_schema, draft_from_export
from interviews.importing.selectors import interview_for_reimport
from interviews.models import Interview
from interviews.transcript.source import MAX_TRANSCRIPT_BYTES, size_text

# An export holds the transcript (at most MAX_TRANSCRIPT_BYTES as text) plus its comments and
# JSON's quoting: room for both, and still a size read into memory without harm.
MAX_EXPORT_BYTES = 4 * MAX_TRANSCRIPT_BYTES

ASK, UPDATE, NEW = "ask", "update", "new"


class ExportImportForm(forms.Form):
    file = forms.FileField(
        label="JSON export",
        required=False,
        help_text=(
            "A file saved from an interview's “JSON” download (schema interview-archive/1), "
            f"at most {size_text(MAX_EXPORT_BYTES)}."
        ),
    )
    text = forms.CharField(
        label="…or paste it",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
    )
    status = forms.ChoiceField(
        label="Save as",
        choices=Interview.Status.choices,
        initial=Interview.Status.DRAFT,
        help_text="A draft is seen only here, in the admin, until it is published.",
    )
    if_already_here = forms.ChoiceField(
        label="If its transcript is already in the archive",
        choices=[
            (ASK, "Ask me first"),
            (UPDATE, "Update that interview"),
            (NEW, "Import it as a new interview"),
        ],
        initial=ASK,
        widget=forms.RadioSelect,
        help_text=(
            "An export with a source URL already in the archive always updates that interview."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.export: dict | None = None
        self.update: Interview | None = None  # the interview the editor agreed to update
        self.matching: Interview | None = None  # the one whose transcript this already is

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload and text.strip():
            raise ValidationError("Choose a file or paste the export, not both.")
        if not upload and not text.strip():
            raise ValidationError("Choose an export file, or paste its text.")
        field = "file" if upload else "text"
        try:
            self.export = _read_export(upload, text)
            check_schema(self.export)
            draft = draft_from_export(data=self.export, status=cleaned["status"])
        except ExportFormatError as error:
            self.add_error(field, str(error))
            return cleaned
        if draft.source_url:
            return cleaned  # the interview with that source URL, if any, is updated
        self.matching = interview_for_reimport(source_url="", fingerprint=draft.fingerprint())
        if self.matching is None:
            return cleaned
        choice = cleaned["if_already_here"]
        if choice == ASK:
            self.add_error(
                "if_already_here",
                f"This transcript is already in the archive as “{self.matching.title}”. Choose "
                "whether to update that interview or import it as a new one, and import again.",
            )
        elif choice == UPDATE:
            self.update = self.matching
        return cleaned


def _read_export(upload, text: str):
    """The export's JSON, or ExportFormatError saying why it cannot be read."""
    if upload is not None:
        # The size is known before reading: a huge upload is refused unread.
        if upload.size > MAX_EXPORT_BYTES:
            raise ExportFormatError(
                f"The file is {size_text(upload.size)}; the limit is {size_text(MAX_EXPORT_BYTES)}."
            )
        try:
            text = upload.read(MAX_EXPORT_BYTES + 1).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExportFormatError(
                "The file is not UTF-8 text, so not an export: choose the .json file the "
                "interview's “JSON” link saved."
            ) from error
    elif len(text.encode("utf-8")) > MAX_EXPORT_BYTES:
        raise ExportFormatError(f"The pasted text is larger than {size_text(MAX_EXPORT_BYTES)}.")
    try:
        return json.loads(text)
    except RecursionError as error:
        raise ExportFormatError("This is not an export: it is nested too deeply.") from error
    except ValueError as error:
        raise ExportFormatError(f"This is not JSON: {error}.") from error
