"""The admin's "Import transcript" pages: paste, then a stored draft previewed and corrected.

Step 1 (`import/`) parses the paste and stores an `ImportDraft`, then redirects to the draft's
own page (`import/<id>/`). Each POST there carries the fields of the page shown and the button
pressed; the change is applied to the stored state and the browser is sent back to the page
(POST/redirect/GET), so reloading never applies a change twice. `preview.py` does the work and
`services.transcript_import` the saving.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from interviews.exports import ExportFormatError
from interviews.importing import editing
from interviews.importing.export_form import ExportImportForm
from interviews.importing.forms import TranscriptPasteForm, action_from_post
from interviews.importing.models import ImportDraft
from interviews.importing.preview import (
    EditRefused,
    PreviewPage,
    SaveRefused,
    apply_post,
    draft_store,
    drafts_expired_delete,
    merge_question,
    page_number,
    save,
    state_for_paste,
    turns_per_page,
)
from interviews.importing.services import (
    ImportOutcome,
    TranscriptImportError,
    export_import,
    saving_error_message,
)
from interviews.importing.sources import SourceDocument
from interviews.transcript import threads

PASTE_TEMPLATE = "admin/interviews/interview/import_paste.html"
PREVIEW_TEMPLATE = "admin/interviews/interview/import_preview.html"


def preview_url(draft_id: int, *, page: int = 1, turn: int | None = None, merge=None) -> str:
    url = reverse("admin:interviews_interview_import_draft", args=[draft_id])
    query = [f"page={page}"] if page > 1 else []
    if merge:
        query.append(f"merge={merge}")
    url += f"?{'&'.join(query)}" if query else ""
    if merge:
        return url + "#merge-question"
    return url + (f"#turn-{turn}" if turn else "")


def transcript_import_view(model_admin, request):
    """Step 1: the paste page; a valid paste becomes a draft, or replaces the one gone back from."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    editable = ImportDraft.objects.editable_by(request.user).unfinished()
    if request.method != "POST":
        initial = {}
        draft = _draft_or_none(editable, request.GET.get("draft"))
        if draft is not None:
            initial = _paste_initial(draft)
        form = TranscriptPasteForm(initial=initial)
        return _paste_page(model_admin, request, form, gone_back_from=draft)

    # "Back to the pasted text" then a new parse replaces the draft gone back from, and keeps
    # what the file or page it was read from said beyond its text.
    draft = _draft_or_none(editable, request.POST.get("draft"))
    form = TranscriptPasteForm(request.POST, request.FILES, previous=_source_document(draft))
    if not form.is_valid():
        return _paste_page(model_admin, request, form, gone_back_from=draft)
    drafts_expired_delete()
    try:
        state = state_for_paste(form=form)
    except editing.EditError as error:
        form.add_error(None, str(error))
        return _paste_page(model_admin, request, form, gone_back_from=draft)
    if draft is None:
        draft = ImportDraft(owner=request.user)
    draft.source = (form.source["name"] or form.source["kind"])[:300]
    draft_store(draft, state)
    return redirect(preview_url(draft.pk))


def _draft_or_none(drafts, value):
    text = str(value or "")
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return drafts.filter(pk=int(text)).first()


def _source_document(draft: ImportDraft | None) -> SourceDocument | None:
    """The file or page a draft was read from (its structure; the text comes from the form)."""
    if draft is None:
        return None
    document = (draft.state.get("source") or {}).get("document")
    try:
        return editing.source_document_from_json(document, text="") if document else None
    except (KeyError, TypeError, ValueError):
        return None


def _paste_initial(draft: ImportDraft) -> dict:
    """Step 1's fields as the draft was made from them, to go back and parse again."""
    state = draft.state
    hints = state.get("hints") or {}
    return {
        "draft": draft.pk,
        "text": state.get("transcript", ""),
        "interviewers": ", ".join(hints.get("interviewers") or []),
        "interviewees": ", ".join(hints.get("interviewees") or []),
        "format": hints.get("format") or "auto",
        "source_url": hints.get("source_url") or "",
        "outlet": hints.get("outlet_id"),
    }


def import_draft_view(model_admin, request, draft_id: int):
    """Step 2: a draft's preview, a page of turns at a time; its POSTs change the draft."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    drafts = ImportDraft.objects.editable_by(request.user)
    if request.method != "POST":
        draft = drafts.filter(pk=draft_id).first()
        if draft is None:
            raise Http404("No such unfinished import.")
        if draft.saved_interview_id:
            return _already_saved(model_admin, request, draft)
        page = PreviewPage(draft, _state(draft), request.GET.get("page"))
        merge = request.GET.get("merge")
        if merge:
            page.merge_question = merge_question(page, page_number(merge, page.turn_count))
        return _preview_page(model_admin, request, page)

    action = action_from_post(request.POST.get("action"))
    if action is None:
        return HttpResponseBadRequest("This button is not one of the preview's.")
    with transaction.atomic():
        # Two submits of one draft (a double click on Save) take turns here.
        draft = drafts.select_for_update().filter(pk=draft_id).first()
        if draft is None:
            raise Http404("No such unfinished import.")
        if draft.saved_interview_id:
            return _already_saved(model_admin, request, draft)
        if action.name == "discard":
            draft.delete()
            model_admin.message_user(request, "The unfinished import was discarded.")
            return redirect(reverse("admin:interviews_interview_changelist"))
        if action.name == "back":
            return redirect(reverse("admin:interviews_interview_import") + f"?draft={draft.pk}")
        state = _state(draft)
        page = PreviewPage(draft, state, request.GET.get("page"), data=request.POST)
        try:
            applied = apply_post(page, action)
        except EditRefused as error:
            page.errors.append(str(error))
            return _preview_page(model_admin, request, page)
        if applied is None:
            return _preview_page(model_admin, request, page)
        draft_store(draft, applied.state)
        per_page = turns_per_page()
        at_page = (applied.anchor - 1) // per_page + 1
        if applied.ask_merge:
            return HttpResponseRedirect(
                preview_url(draft.pk, page=at_page, merge=applied.ask_merge)
            )
        if action.name != "save":
            return HttpResponseRedirect(preview_url(draft.pk, page=at_page, turn=applied.anchor))
        try:
            repeated = page.repeats if page.details.cleaned_data["update_repeated"] else None
            outcome = save(draft, applied.state, user=request.user, update=repeated)
        except SaveRefused as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(preview_url(draft.pk, page=page.page))
    model_admin.message_user(request, outcome_message(outcome), messages.SUCCESS)
    return redirect(reverse("admin:interviews_interview_change", args=[outcome.interview.pk]))


def _state(draft: ImportDraft) -> editing.DraftState:
    try:
        return editing.DraftState.from_json(draft.state)
    except ValueError as error:
        # The server wrote it; a state it cannot read is a bug to report, not the editor's.
        raise Http404(f"This unfinished import cannot be read: {error}") from error


def _already_saved(model_admin, request, draft: ImportDraft):
    model_admin.message_user(
        request,
        "This import was already saved: here is the interview it made.",
        messages.INFO,
    )
    return redirect(reverse("admin:interviews_interview_change", args=[draft.saved_interview_id]))


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


def _paste_page(model_admin, request, form, *, gone_back_from: ImportDraft | None = None):
    source = (gone_back_from.state.get("source") or {}) if gone_back_from else {}
    return TemplateResponse(
        request,
        PASTE_TEMPLATE,
        _context(
            model_admin,
            request,
            form=form,
            media=form.media,
            # Going back to a file's or a page's text: say what a new parse keeps of it.
            read_from=source if source.get("document") else None,
            read_from_comments=_thread_size((source.get("document") or {}).get("comments")),
        ),
    )


def _thread_size(thread) -> int:
    return threads.count(thread or (), children=lambda comment: comment.get("replies") or ())


def _preview_page(model_admin, request, page: PreviewPage):
    media = page.details.media + page.speakers.media
    return TemplateResponse(
        request,
        PREVIEW_TEMPLATE,
        _context(
            model_admin,
            request,
            preview=page,
            details=page.details,
            speakers=page.speakers,
            turns=page.turns,
            notes=page.notes,
            comments=page.comments,
            updates=page.updates,
            media=media,
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
