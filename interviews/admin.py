import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.forms.models import BaseInlineFormSet
from django.http import QueryDict
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

from . import search
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
    Topic,
    Turn,
    comment_signed_as,
)
from .selectors import comments_awaiting_moderation_count
from .services import comment_next_position


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


class TurnInline(SiteStackedInline):
    model = Turn
    formset = TurnFormSet
    extra = 0
    ordering = ["position"]
    fields = [("position", "kind", "speaker", "speaker_label", "timestamp"), "text"]
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
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "deck", "byline", "status"]}),
        (
            "Publication",
            {"fields": ["outlet", ("published_on", "date_precision"), "source_url", "topics"]},
        ),
        ("Text around the conversation", {"fields": ["intro", "closing_note"]}),
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
