import datetime
import mimetypes

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from config.admin import (
    SiteModelAdmin,
    SiteStackedInline,
    SiteTabularInline,
    saved_or_conflict_message,
)
from config.numbers import bounded_int
from people.models import Person

from . import recordings, search
from .admin_figures import TurnFigureLinkMixin
from .admin_sync import timestamp_sync_view
from .history import history_record
from .importing.admin_views import (
    export_import_view,
    import_draft_view,
    preview_url,
    transcript_import_view,
)
from .models import (
    Comment,
    ImportDraft,
    Interview,
    Outlet,
    Participation,
    Recording,
    Topic,
    Turn,
    comment_signed_as,
)
from .selectors import comments_awaiting_moderation_count
from .services import comment_next_position
from .transcript.model import timestamp_text


class HistoryAdmin(VersionAdmin, SiteModelAdmin):
    """History (and revert) on each object, and "Recover deleted ..." on the list (reversion).

    Besides what VersionAdmin records (each save in the admin), the state before a first change
    and the state at deletion are recorded, so that no edit or deletion loses anything.
    """

    history_latest_first = True

    def add_view(self, request, form_url="", extra_context=None):
        # Here, outside the revision VersionAdmin opens, so that a refused save records nothing.
        return saved_or_conflict_message(self, request, super().add_view, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                history_record(
                    objects=[obj],
                    comment="The state before its first change in the admin.",
                    user=request.user,
                    unrecorded_only=True,
                )
        return saved_or_conflict_message(
            self, request, super().change_view, object_id, form_url, extra_context
        )

    def delete_model(self, request, obj):
        history_record(objects=[obj], comment="The state when deleted.", user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        history_record(objects=queryset, comment="The state when deleted.", user=request.user)
        super().delete_queryset(request, queryset)

    def update_recorded(self, request, queryset, *, done: str, already: str, **values) -> int:
        """queryset.update(**values) for an admin action, recorded with who did what.

        `done` says it with a place for the count ("Approved {}"), for the revision's comment and
        the editor's message; `already` names the state of rows the action leaves unchanged.
        The rows are taken by id before the update: the action's queryset may filter on the
        very field it changes (the moderation queue lists pending comments), and would find no
        rows afterwards. Rows already in the new state are left alone and not counted.
        """
        rows = self.model._default_manager
        with transaction.atomic():
            pks = list(queryset.exclude(**values).values_list("pk", flat=True))
            if not pks:
                plural = self.opts.verbose_name_plural
                self.message_user(
                    request, f"Nothing was changed: the selected {plural} were already {already}."
                )
                return 0
            history_record(
                objects=rows.filter(pk__in=pks),
                comment="The state before its first change in the admin.",
                user=request.user,
                unrecorded_only=True,
            )
            updated = rows.filter(pk__in=pks).update(**values)
            description = done.format(f"{updated} {model_ngettext(self.opts, updated)}") + "."
            history_record(objects=rows.filter(pk__in=pks), comment=description, user=request.user)
        self.message_user(request, description, messages.SUCCESS)
        return updated


class FullTextSearchAdmin(HistoryAdmin):
    """A change list of millions of rows, searched through the site's full-text search.

    `icontains` over every turn's text reads the whole table; the stored `search_vector`
    (interviews/search.py: a GIN-indexed tsvector on PostgreSQL, folded words on SQLite) finds
    the same rows from its index, with the syntax of the site's search box ("phrase", -word,
    or). `full_text_matches` says what a search matches. The autocomplete of a related field
    still searches `search_fields`, which finds the start of a word as it is being typed.

    The list counts cheaply (config.admin.CheapCountPaginator) and only once; facet counts are
    shown on request ("Show counts"), as each is a pass over the filtered rows.
    """

    show_full_result_count = False
    show_facets = admin.ShowFacets.ALLOW
    # Rendering a row costs more than reading it: half of Django's 100 keeps a page quick.
    list_per_page = 50

    def full_text_matches(self, found: search.SearchText):
        raise NotImplementedError

    def get_search_results(self, request, queryset, search_term):
        if _is_autocomplete(request) or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        found = search.parse(search_term.replace("\x00", ""))
        if found.is_empty:
            return queryset.none(), False
        return queryset.filter(self.full_text_matches(found)), False


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


class PublishedYearFilter(admin.SimpleListFilter):
    """The year of publication, offered from the first to the last year of the archive.

    Django's date hierarchy lists the years that have interviews with a DISTINCT over every
    filtered row, and its first and last date with a scan PostgreSQL may choose badly (most
    of a second at 100,000 interviews); the archive's first and last dates come from an index.
    The parameter is the date hierarchy's, so its addresses keep working.
    """

    title = "year published"
    parameter_name = "published_on__year"

    def lookups(self, request, model_admin):
        span = Interview.objects.aggregate(first=Min("published_on"), last=Max("published_on"))
        if span["first"] is None:
            return []
        return [
            (str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        year = bounded_int(self.value(), minimum=1, maximum=9998)
        if year is None:
            raise IncorrectLookupParameters(f"Not a year: {self.value()!r}")
        return queryset.filter(
            published_on__gte=datetime.date(year, 1, 1),
            published_on__lt=datetime.date(year + 1, 1, 1),
        )


class NamedWithInterviewsAdmin(SiteModelAdmin):
    """An outlet or a topic: a name, a slug, and how many interviews it has."""

    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(interview_count=Count("interviews"))
            .order_by("name")
        )

    @admin.display(description="interviews", ordering="interview_count")
    def interview_count(self, obj):
        return obj.interview_count


@admin.register(Outlet)
class OutletAdmin(NamedWithInterviewsAdmin):
    list_display = ["name", "url", "interview_count"]
    search_fields = ["name", "slug"]


@admin.register(Topic)
class TopicAdmin(NamedWithInterviewsAdmin):
    list_display = ["name", "description", "interview_count"]
    search_fields = ["name", "slug", "description"]


class ParticipationInline(SiteTabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["role", "person", "position"]


# The change page shows an interview's turns a page at a time: rendering a turn's form (nine
# widgets) costs 15 to 40 ms on the benchmark machine, and an interview has hundreds of turns.
TURNS_PER_PAGE = 10
TURN_PAGE_PARAMETER = "turns"


class TurnFormSet(BaseInlineFormSet):
    """One page of the interview's turns (`?turns=N`), with the speakers computed once.

    Offering as speakers the interview's participants (and whoever already speaks) from one
    query spares a choice list query per row; the rows' widgets are written without the
    template engine (config.admin.SiteInlineMixin), which took most of their time.
    `TurnInline.get_formset` sets the page asked for and the page's address, as a formset does
    not see the request.
    """

    page_number = "1"
    query = QueryDict()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker_choices = [("", "—"), *speakers_to_offer(self.instance)]

    def get_queryset(self):
        if not hasattr(self, "turn_page"):
            turns = super().get_queryset()
            self.turn_page = Paginator(turns, TURNS_PER_PAGE).get_page(self.page_number)
            self._queryset = self.turn_page.object_list
        return self._queryset

    def page_links(self) -> list[tuple[str, str | None]]:
        """(label, address) of each page of turns to offer; None for this page and gaps."""
        page = self.turn_page
        links = []
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2):
            if number == page.number or number == page.paginator.ELLIPSIS:
                links.append((str(number), None))
                continue
            query = self.query.copy()
            query[TURN_PAGE_PARAMETER] = str(number)
            links.append((str(number), f"?{query.urlencode()}"))
        return links

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["speaker"].choices = self.speaker_choices
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields["speaker"].choices = self.speaker_choices
        return form


def speakers_to_offer(interview: Interview) -> list[tuple[int, str]]:
    """The interview's participants and whoever already speaks in it, as (id, name) by name.

    The ids come from two index reads (participations and turns of this interview), united,
    and the people are then fetched by id: joining people to all their turns instead made
    PostgreSQL read millions of turns (102 s at 100,000 interviews).
    """
    if interview.pk is None:
        return []
    ids = (
        Participation.objects.filter(interview=interview)
        .order_by()
        .values("person_id")
        .union(
            Turn.objects.filter(interview=interview, speaker__isnull=False)
            .order_by()
            .values("speaker_id")
        )
    )
    return list(Person.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))


class TurnInline(TurnFigureLinkMixin, SiteStackedInline):
    model = Turn
    formset = TurnFormSet
    extra = 0
    ordering = ["position"]
    fields = [("position", "kind", "speaker", "speaker_label", "timestamp"), "text", "figure_link"]
    # A caption's image, or a link to attach one (admin_figures.py).
    readonly_fields = ["figure_link"]
    # Django's stacked inline, then the links to the other pages of turns.
    template = "admin/interviews/interview/turn_inline.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "speaker":
            # A plain select: the add, change and view links around it, rendered for each
            # turn, cost more than the select; people are added with the participants.
            field.widget = field.widget.widget
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.page_number = request.GET.get(TURN_PAGE_PARAMETER, "1")
        formset.query = request.GET
        return formset


@admin.register(Interview)
class InterviewAdmin(FullTextSearchAdmin):
    list_display = ["title", "outlet", "published_display", "status", "turn_count"]
    list_filter = ["status", PublishedYearFilter, "outlet", "topics", "date_precision"]
    list_select_related = ["outlet"]
    # The autocomplete's; the change list searches in full text (`full_text_matches`).
    search_fields = ["title"]
    search_help_text = (
        'Words of the title, deck or introduction ("a phrase", -word, or), a participant\'s '
        "name, or the slug."
    )
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["outlet", "topics"]
    readonly_fields = ["created_at", "updated_at", "recording_display"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "deck", "byline", "status"]}),
        (
            "Publication",
            {"fields": ["outlet", ("published_on", "date_precision"), "source_url", "topics"]},
        ),
        ("Text around the conversation", {"fields": ["intro", "closing_note"]}),
        ("Recording", {"fields": ["recording_display"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [ParticipationInline, TurnInline]
    actions = ["publish", "unpublish"]
    # Ours, with "Import transcript", extends reversion's, with "Recover deleted interviews".
    change_list_template = "admin/interviews/interview/change_list.html"

    def get_urls(self):
        # Before the default URLs, whose "<object_id>/" would take "import/" for an id.
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="interviews_interview_import",
            ),
            path(
                "import/<int:draft_id>/",
                self.admin_site.admin_view(self.import_draft_view),
                name="interviews_interview_import_draft",
            ),
            path(
                "import-json/",
                self.admin_site.admin_view(self.import_json_view),
                name="interviews_interview_import_json",
            ),
            path(
                "<path:object_id>/sync/",
                self.admin_site.admin_view(self.sync_view),
                name="interviews_interview_sync",
            ),
            *super().get_urls(),
        ]

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        page = request.GET.get(TURN_PAGE_PARAMETER)
        if "_continue" in request.POST and page and response.status_code == 302:
            separator = "&" if "?" in response["Location"] else "?"
            response["Location"] += f"{separator}{urlencode({TURN_PAGE_PARAMETER: page})}"
        return response

    def import_view(self, request):
        return transcript_import_view(self, request)

    def import_draft_view(self, request, draft_id):
        return import_draft_view(self, request, draft_id)

    def import_json_view(self, request):
        return export_import_view(self, request)

    def sync_view(self, request, object_id):
        return timestamp_sync_view(self, request, object_id)

    def get_queryset(self, request):
        # A count per listed row: PostgreSQL computes it for the page's rows only, after the
        # LIMIT, from the (interview, position) index; a join and GROUP BY counted every turn.
        turns = (
            Turn.objects.filter(interview=OuterRef("pk"))
            .order_by()
            .values("interview")
            .annotate(count=Count("*"))
            .values("count")
        )
        return super().get_queryset(request).annotate(turn_count=Subquery(turns))

    def full_text_matches(self, found):
        term = found.raw.strip()
        matched = (
            Interview.objects.filter(search.matches(found))
            .order_by()
            .values("pk")
            .union(
                Participation.objects.filter(person__name__icontains=term)
                .order_by()
                .values("interview_id"),
                Interview.objects.filter(slug=term).order_by().values("pk"),
            )
        )
        return Q(pk__in=matched)

    @admin.display(description="published", ordering="published_on")
    def published_display(self, interview):
        return interview.published_display

    @admin.display(description="recording")
    def recording_display(self, interview):
        """What the interview's recording is, with the link to attach, change or remove it."""
        if interview.pk is None:
            return "Save the interview first, then attach its recording."
        recording = Recording.objects.filter(interview=interview).first()
        if recording is None:
            return format_html(
                'No recording. <a href="{}?interview={}">Attach a recording</a> '
                "(an audio or video file, or its address).",
                reverse("admin:interviews_recording_add"),
                interview.pk,
            )
        return format_html(
            '{} <a href="{}">Change or remove the recording</a>',
            recording_summary(recording),
            reverse("admin:interviews_recording_change", args=[recording.pk]),
        )

    # Not sortable: sorting by it would count the turns of every interview.
    @admin.display(description="turns")
    def turn_count(self, interview):
        return interview.turn_count or 0

    @admin.action(description="Publish the selected interviews")
    def publish(self, request, queryset):
        self.update_recorded(
            request,
            queryset,
            done="Published {}",
            already="published",
            status=Interview.Status.PUBLISHED,
        )

    @admin.action(description="Return the selected interviews to draft")
    def unpublish(self, request, queryset):
        self.update_recorded(
            request,
            queryset,
            done="Returned {} to draft",
            already="drafts",
            status=Interview.Status.DRAFT,
        )


def recording_summary(recording: Recording) -> str:
    """ "Audio, MP3, 00:03:06, 2.9 MB, with subtitles (24 cues)": what an editor needs to know."""
    parts = [recording.get_kind_display()]
    if recording.format_name:
        parts.append(recording.format_name)
    if recording.duration is not None:
        parts.append(timestamp_text(recording.duration.total_seconds()))
    if recording.size_bytes is not None:
        parts.append(recordings.size_text(recording.size_bytes))
    if not recording.file:
        parts.append(f"at {recording.external_url}")
    if recording.subtitles_vtt:
        parts.append(f"with subtitles ({cues_text(recording.subtitles_vtt)})")
    return ", ".join(parts) + "."


def cues_text(webvtt: str) -> str:
    count = recordings.cue_count(webvtt)
    return f"{count} cue{'s' if count != 1 else ''}"


class RecordingForm(forms.ModelForm):
    """A recording as an uploaded file or an external address, and optional subtitles.

    What an upload is (kind, type, format, length, size) is read from its content
    (interviews.recordings.media_facts); an address must be on an allowed host.
    """

    subtitles_upload = forms.FileField(
        label="Subtitles file",
        required=False,
        help_text=(
            "An SRT or WebVTT file, shown as captions with a video (converted to WebVTT). "
            "Leave empty to keep the current subtitles; without any, the player makes them from "
            "the turns' timestamps."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".srt,.vtt,text/vtt"}),
    )
    remove_subtitles = forms.BooleanField(label="Remove the subtitles", required=False)

    class Meta:
        model = Recording
        fields = ["interview", "file", "external_url", "kind"]
        help_texts = {
            "kind": "For an external address; an uploaded file's kind is read from the file.",
        }
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": "audio/*,video/*,.mp3,.m4a,.aac,.ogg,.opus,.oga,.wav,.mp4,.webm"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here rather than in Meta: the limits are settings, read when the form is shown.
        self.fields["file"].help_text = (
            f"{recordings.ACCEPTED_FORMATS}, at most "
            f"{recordings.size_text(settings.MEDIA_MAX_UPLOAD_BYTES)}. Its kind, format and "
            "length are read from the file."
        )
        hosts = ", ".join(settings.MEDIA_EXTERNAL_HOSTS) or "none is allowed on this site"
        self.fields[
            "external_url"
        ].help_text = f"Instead of a file: its https address, on an allowed host ({hosts})."

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        url = cleaned.get("external_url") or ""
        if isinstance(upload, UploadedFile):
            if url:
                self.add_error("external_url", "Give a file or an address, not both.")
            self._read_upload(upload)
        elif url:
            try:
                recordings.check_external_url(url, allowed_hosts=settings.MEDIA_EXTERNAL_HOSTS)
            except recordings.MediaRefused as refusal:
                self.add_error("external_url", str(refusal))
            else:
                cleaned["file"] = False  # The address replaces a file the recording had.
                self._describe_external(url)
        elif upload:
            # The file stays: its kind is what was read from it, whatever the form posted.
            cleaned["kind"] = self.instance.kind
        # Neither a file nor an address: the model's constraint says so (recording_file_or_url).
        self._read_subtitles(cleaned)
        return cleaned

    def _read_upload(self, upload: UploadedFile) -> None:
        try:
            recordings.check_upload_size(upload.size, limit=settings.MEDIA_MAX_UPLOAD_BYTES)
            facts = recordings.media_facts(upload, size=upload.size)
        except recordings.MediaRefused as refusal:
            self.add_error("file", str(refusal))
            return
        self.cleaned_data["kind"] = facts.kind
        self.instance.mime_type = facts.mime_type
        self.instance.format_name = facts.format_name
        self.instance.duration = facts.duration
        self.instance.size_bytes = facts.size_bytes

    def _describe_external(self, url: str) -> None:
        """What can be said of a file the server never reads: a type guessed from its name."""
        if url == self.initial.get("external_url") and not self.instance.file:
            return
        self.instance.mime_type = mimetypes.guess_type(url.split("?")[0])[0] or ""
        self.instance.format_name = ""
        self.instance.duration = None
        self.instance.size_bytes = None

    def _read_subtitles(self, cleaned: dict) -> None:
        subtitles = cleaned.get("subtitles_upload")
        if subtitles:
            if cleaned.get("remove_subtitles"):
                self.add_error("remove_subtitles", "Upload new subtitles or remove them, not both.")
                return
            try:
                self.instance.subtitles_vtt = recordings.subtitles_webvtt(
                    subtitles.read(recordings.MAX_SUBTITLES_BYTES + 1)
                )
            except recordings.MediaRefused as refusal:
                self.add_error("subtitles_upload", str(refusal))
        elif cleaned.get("remove_subtitles"):
            self.instance.subtitles_vtt = ""


@admin.register(Recording)
class RecordingAdmin(HistoryAdmin):
    """An interview's recording, reached from the interview's change page ("Recording").

    Saving goes back to the interview. Each save is recorded in the edit history of the
    recording and of its interview (interviews/history.py follows one from the other).
    """

    form = RecordingForm
    list_display = ["interview", "kind", "format_name", "duration", "source_display"]
    list_filter = ["kind"]
    list_select_related = ["interview"]
    search_fields = ["interview__title"]
    autocomplete_fields = ["interview"]
    readonly_fields = ["facts_display", "subtitles_display"]
    fieldsets = [
        (None, {"fields": ["interview"]}),
        ("The recording", {"fields": ["file", "external_url", "kind", "facts_display"]}),
        (
            "Subtitles",
            {"fields": ["subtitles_display", "subtitles_upload", "remove_subtitles"]},
        ),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        interview = bounded_int(request.GET.get("interview", ""), minimum=1)
        initial["interview"] = interview if interview is not None else None
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        # An interview has one recording: "Attach" on one that has it opens that one.
        interview = bounded_int(request.GET.get("interview", ""), minimum=1)
        existing = Recording.objects.filter(interview_id=interview).first() if interview else None
        if request.method == "GET" and existing is not None:
            return HttpResponseRedirect(
                reverse("admin:interviews_recording_change", args=[existing.pk])
            )
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        recordings.recording_save(recording=obj)

    def construct_change_message(self, request, form, formsets, add=False):
        """The history's words: what the recording now is, not only which fields changed."""
        verb = "Attached the recording" if add else "Changed the recording"
        return f"{verb}: {recording_summary(form.instance)}"

    def response_post_save_add(self, request, obj):
        return self._back_to_interview(obj)

    def response_post_save_change(self, request, obj):
        return self._back_to_interview(obj)

    def _back_to_interview(self, recording):
        return HttpResponseRedirect(
            reverse("admin:interviews_interview_change", args=[recording.interview_id])
        )

    @admin.display(description="as read from the file")
    def facts_display(self, recording):
        if recording.pk is None:
            return "Read from the file when it is saved."
        return recording_summary(recording)

    @admin.display(description="current subtitles")
    def subtitles_display(self, recording):
        if not recording.subtitles_vtt:
            return "None: the player makes them from the turns' timestamps."
        return f"{cues_text(recording.subtitles_vtt)} (WebVTT)."

    @admin.display(description="source")
    def source_display(self, recording):
        return recording.file.name.rsplit("/", 1)[-1] if recording.file else recording.external_url


@admin.register(Comment)
class CommentAdmin(HistoryAdmin):
    """Comments, and the moderation queue (the pending ones, newest first).

    The list fits 1,280 px with the admin's sidebar open: the comment, its interview, what it
    answers and a link to it in context share one column (`comment_display`), beside the
    author, the status and the date.
    """

    list_display = ["author_display", "comment_display", "status_display", "posted_at"]
    list_filter = ["status", "origin", "verified_as"]
    list_select_related = ["interview", "interview__outlet", "parent"]
    # Counted cheaply and once (config.admin.CheapCountPaginator); facets on request; half of
    # Django's 100 rows a page, as rendering a row costs more than reading it.
    show_full_result_count = False
    list_per_page = 50
    search_fields = ["author_name", "text", "interview__title"]
    autocomplete_fields = ["interview"]
    raw_id_fields = ["parent"]
    readonly_fields = ["created_at", "verified_by", "signed_as_display"]
    fields = [
        "interview",
        "parent",
        "position",
        ("author_name", "author_url"),
        "signed_as_display",
        ("verified_as", "verified_by"),
        "posted_at",
        "text",
        ("status", "origin"),
        "created_at",
    ]
    actions = ["approve", "hide", "verify_author", "unverify_author"]
    # Ours, with the moderation queue, extends reversion's, with "Recover deleted comments".
    change_list_template = "admin/interviews/comment/change_list.html"
    # The moderation queue reads newest first: the comments just posted are at the top.
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        # The interview's people, for the name-match flag: two queries a page, however long.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "interview__participations",
                    queryset=Participation.objects.select_related("person"),
                )
            )
        )

    def changelist_view(self, request, extra_context=None):
        pending = comments_awaiting_moderation_count()
        return super().changelist_view(request, {**(extra_context or {}), "pending_count": pending})

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["position"].required = False
        form.base_fields["position"].help_text = "Leave empty to put the comment at the end."
        return form

    def save_model(self, request, obj, form, change):
        if obj.position is None:
            obj.position = comment_next_position(interview=obj.interview)
        if "verified_as" in form.changed_data:
            obj.verified_by = Comment.Verification.EDITOR if obj.verified_as else ""
        super().save_model(request, obj, form, change)

    @admin.display(description="author", ordering="author_name")
    def author_display(self, comment):
        signed_as = _unverified_name_match(comment)
        if comment.verified_as:
            note = format_html(
                '<span class="comment-verified">{}</span>', comment.get_verified_as_display()
            )
        elif signed_as:
            note = format_html(
                '<span class="comment-unverified">signed as the {}\u2019s name: unverified</span>',
                Comment.Author(signed_as).label.removeprefix("The ").lower(),
            )
        else:
            note = ""
        return format_html("{}{}", comment.author_name, note)

    @admin.display(description="comment")
    def comment_display(self, comment):
        if comment.is_public and comment.interview.status == Interview.Status.PUBLISHED:
            context_url = f"{comment.interview.get_absolute_url()}#{comment.anchor}"
            context_link = format_html('<a href="{}">See it on the page</a>', context_url)
        else:
            change_url = reverse("admin:interviews_comment_change", args=[comment.pk])
            context_link = format_html('<a href="{}">Open to moderate</a>', change_url)
        parent = comment.parent
        in_reply = (
            format_html(
                '<p class="comment-parent">In reply to {}: \u201c{}\u201d</p>',
                parent.author_name,
                Truncator(parent.text).chars(120),
            )
            if parent is not None
            else ""
        )
        return format_html(
            '<div class="comment-queue-text">{}</div>{}'
            '<p class="comment-queue-where">On <a href="{}">{}</a> · {}</p>',
            comment.text,
            in_reply,
            reverse("admin:interviews_interview_change", args=[comment.interview_id]),
            comment.interview.title,
            context_link,
        )

    @admin.display(description="status", ordering="status")
    def status_display(self, comment):
        return format_html(
            '{}<span class="comment-origin">{}</span>',
            comment.get_status_display(),
            comment.get_origin_display(),
        )

    @admin.display(description="signed as")
    def signed_as_display(self, comment):
        signed_as = _unverified_name_match(comment) if comment.pk else ""
        if not signed_as:
            return "No name match that needs verifying."
        return (
            f"Signed with the name of {Comment.Author(signed_as).label.lower()}, not verified: "
            "set \u201cauthor verified as\u201d only if you know it is theirs."
        )

    @admin.action(description="Approve the selected comments (make them public)")
    def approve(self, request, queryset):
        self.update_recorded(
            request, queryset, done="Approved {}", already="public", status=Comment.Status.PUBLIC
        )

    @admin.action(description="Hide the selected comments")
    def hide(self, request, queryset):
        self.update_recorded(
            request, queryset, done="Hid {}", already="hidden", status=Comment.Status.HIDDEN
        )

    @admin.action(description="Verify author as participant (the name they signed with)")
    def verify_author(self, request, queryset):
        """Give each selected comment the badge of the person or outlet whose name it carries."""
        by_role: dict[str, list[int]] = {}
        unmatched = []
        # The queryset is the list's (get_queryset): the interviews' people come prefetched.
        for comment in queryset.select_related("interview__outlet"):
            role = _signed_as(comment)
            if role and comment.verified_as != role:
                by_role.setdefault(role, []).append(comment.pk)
            elif not role:
                unmatched.append(comment.author_name)
        verified = 0
        with transaction.atomic():
            for role, pks in by_role.items():
                verified += self.update_recorded(
                    request,
                    Comment.objects.filter(pk__in=pks),
                    done=f"Verified the author of {{}} as {Comment.Author(role).label.lower()}",
                    already="verified",
                    verified_as=role,
                    verified_by=Comment.Verification.EDITOR,
                )
        if unmatched:
            self.message_user(
                request,
                ngettext(
                    "%(count)d comment was left unverified: %(names)s is not the name of one "
                    "of its interview\u2019s people or of its outlet.",
                    "%(count)d comments were left unverified: %(names)s are not names of their "
                    "interview\u2019s people or of its outlet.",
                    len(unmatched),
                )
                % {"count": len(unmatched), "names": ", ".join(sorted(set(unmatched)))},
                messages.WARNING,
            )
        elif not verified:
            self.message_user(request, "Nothing was changed: the selected authors were verified.")

    @admin.action(description="Remove the author verification (no badge)")
    def unverify_author(self, request, queryset):
        self.update_recorded(
            request,
            queryset,
            done="Removed the author verification of {}",
            already="unverified",
            verified_as="",
            verified_by="",
        )


def _signed_as(comment: Comment) -> str:
    """The role whose name the comment carries; its interview's participations prefetched."""
    return comment_signed_as(
        author_name=comment.author_name,
        participations=comment.interview.participations.all(),
        outlet=comment.interview.outlet,
    )


def _unverified_name_match(comment: Comment) -> str:
    """The role a comment claims by its name without being verified as it, else ""."""
    if comment.verified_as:
        return ""
    return _signed_as(comment)


@admin.register(Turn)
class TurnAdmin(FullTextSearchAdmin):
    """Every turn of the archive, to find a quotation; editing is easiest within its interview."""

    list_display = ["excerpt", "kind", "speaker_name", "interview", "position"]
    list_filter = ["kind"]
    list_select_related = ["interview", "speaker"]
    # The autocomplete's; the change list searches the text in full text.
    search_fields = ["speaker_label"]
    search_help_text = 'Words of the text ("a phrase", -word, or).'
    autocomplete_fields = ["interview", "speaker"]
    ordering = ["interview", "position"]

    def full_text_matches(self, found):
        return search.matches(found)

    @admin.display(description="text")
    def excerpt(self, turn):
        return Truncator(turn.text).chars(80)

    @admin.display(description="speaker")
    def speaker_name(self, turn):
        return turn.speaker_name


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["person", "role", "interview"]
    list_filter = ["role"]
    list_select_related = ["person", "interview"]
    search_fields = ["person__name", "interview__title"]
    autocomplete_fields = ["person", "interview"]


@admin.register(ImportDraft)
class ImportDraftAdmin(SiteModelAdmin):
    """ "Unfinished imports": drafts an editor left in the preview, to continue or to delete.

    An editor sees their own; a superuser sees everyone's. Drafts are made by the import, never
    here, and read on their preview page, not in a change form.
    """

    list_display = [
        "title",
        "source",
        "turn_count",
        "owner",
        "updated_at",
        "expires_at",
        "continue_link",
    ]
    list_display_links = None
    list_select_related = ["owner"]
    search_fields = ["title", "source"]
    ordering = ["-updated_at"]

    def get_queryset(self, request):
        drafts = super().get_queryset(request).unfinished().defer("state")
        return drafts if request.user.is_superuser else drafts.filter(owner=request.user)

    def get_list_display(self, request):
        shown = list(self.list_display)
        if not request.user.is_superuser:
            shown.remove("owner")
        return shown

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may import may see (their own) unfinished imports.
        return request.user.has_perm("interviews.add_interview")

    def has_delete_permission(self, request, obj=None):
        if not request.user.has_perm("interviews.add_interview"):
            return False
        return obj is None or request.user.is_superuser or obj.owner_id == request.user.pk

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="")
    def continue_link(self, draft):
        return format_html('<a href="{}">Continue</a>', preview_url(draft.pk))
