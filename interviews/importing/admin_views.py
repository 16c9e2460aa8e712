"""The admin's "Import transcript" page: paste, preview and correct, save.

One URL, three steps told apart by the `step` of the button pressed; `forms.py` and
`preview.py` do the work and `services.transcript_import` does the saving.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from interviews.exports import ExportFormatError
from interviews.importing.export_form import ExportImportForm
from interviews.importing.forms import TranscriptPasteForm
from interviews.importing.preview import TranscriptPreview
from interviews.importing.services import (
    ImportOutcome,
    TranscriptImportError,
    export_import,
    saving_error_message,
)

PASTE_TEMPLATE = "admin/interviews/interview/import_paste.html"
PREVIEW_TEMPLATE = "admin/interviews/interview/import_preview.html"


def transcript_import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method != "POST":
        return _paste_page(model_admin, request, TranscriptPasteForm())

    step = request.POST.get("step", "preview")
    if step == "preview":
        form = TranscriptPasteForm(request.POST, request.FILES)
        if not form.is_valid():
            return _paste_page(model_admin, request, form)
        preview = TranscriptPreview.from_parse(
            parsed=form.parsed, transcript=form.transcript, paste=form.cleaned_data
        )
        return _preview_page(model_admin, request, preview)

    preview = TranscriptPreview.from_post(request.POST)
    if step == "back":
        return _paste_page(
            model_admin, request, TranscriptPasteForm(initial=preview.paste_initial())
        )
    if not preview.is_valid():
        return _preview_page(model_admin, request, preview)
    if step != "save":
        return _preview_page(model_admin, request, preview.updated())
    try:
        outcome = preview.save()
    except (TranscriptImportError, DatabaseError) as error:
        preview.errors.append(f"Nothing was saved: {saving_error_message(error)}")
        return _preview_page(model_admin, request, preview)
    model_admin.message_user(request, outcome_message(outcome), messages.SUCCESS)
    return redirect(reverse("admin:interviews_interview_change", args=[outcome.interview.pk]))


def outcome_message(outcome: ImportOutcome):
    interview = outcome.interview
    new_people = ", ".join(person.name for person in outcome.people_created)
    kept = "" if outcome.created else f" ({outcome.turns_kept} kept from before)"
    return format_html(
        '{} the interview “{}”: {} turns{}, {} imported comments{}. <a href="{}">{}</a>',
        "Created" if outcome.created else "Updated",
        interview.title,
        outcome.turns_written,
        kept,
        outcome.comments_written,
        f"; new people: {new_people}" if new_people else "",
        interview.get_absolute_url(),
        "View it on the site" if interview.is_public else "Its public page (once published)",
    )


def _context(model_admin, request, **context):
    opts = model_admin.model._meta
    return {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": "Import transcript",
        "has_view_permission": model_admin.has_view_permission(request),
        **context,
    }


def _paste_page(model_admin, request, form):
    return TemplateResponse(
        request, PASTE_TEMPLATE, _context(model_admin, request, form=form, media=form.media)
    )


def _preview_page(model_admin, request, preview):
    return TemplateResponse(
        request,
        PREVIEW_TEMPLATE,
        _context(
            model_admin,
            request,
            preview=preview,
            details=preview.details,
            speakers=preview.speakers,
            turns=preview.turns,
            notes=preview.notes,
            comments=preview.comments,
            updates=preview.updates,
            title="Import transcript: check and correct",
        ),
    )


# --- Import JSON export ----------------------------------------------------------------------

EXPORT_IMPORT_TEMPLATE = "admin/interviews/interview/import_json.html"


def export_import_view(model_admin, request):
    """The admin's "Import JSON export" page: one form, saved at once (an export needs no
    preview: it is the archive's own data), then the interview's change page."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ExportImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = export_import(
                data=form.export,
                status=form.cleaned_data["status"],
                user=request.user,
                update=form.update,
            )
        except (ExportFormatError, TranscriptImportError, DatabaseError) as error:
            form.add_error(None, f"Nothing was saved: {saving_error_message(error)}")
        else:
            interview = outcome.interview
            model_admin.message_user(
                request,
                format_html(
                    "{} the interview “{}” from the export: {} turns, {} comments.",
                    "Created" if outcome.created else "Updated",
                    interview.title,
                    outcome.turns_written,
                    outcome.comments_written,
                ),
                messages.SUCCESS,
            )
            return redirect(reverse("admin:interviews_interview_change", args=[interview.pk]))
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": "Import JSON export",
        "has_view_permission": model_admin.has_view_permission(request),
        "form": form,
        "media": form.media,
    }
    return TemplateResponse(request, EXPORT_IMPORT_TEMPLATE, context)
