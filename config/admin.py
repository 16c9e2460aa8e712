"""What every admin page of the site shares: the base classes each ModelAdmin and inline uses.

- Text areas read line breaks as "\\n" (`PlainTextField`), so that saving a form changes only
  what the editor changed, and the history says so.
- Values an editor cannot type but a tampered or hand-made request can send (a selected id
  "abc", a year of twenty digits, a NUL byte) get a message, never a server error.
"""

import functools
import json

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.paginator import Paginator
from django.db import DataError, IntegrityError, connections, models, router, transaction
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect
from django.urls import URLPattern
from django.utils.functional import cached_property
from django.utils.html import format_html

from config.forms import PlainTextField, direct_widget_renderer
from config.numbers import bounded_int

INVALID_SELECTION_MESSAGE = "Some selected items are not valid ids; nothing was done."
INVALID_FILTER_MESSAGE = "Some filter values in the address are not valid; the list is unfiltered."
CONFLICT_MESSAGE = (
    "Nothing was saved: two rows would have shared what must be unique (two turns at one "
    "position, say), or someone saved this meanwhile. Check the values and save again."
)

# The ranges of a date's parts in a filter (`published_on__year=2020`, a date hierarchy's).
DATE_PART_RANGES = {"year": (1, 9999), "iso_year": (1, 9999), "month": (1, 12), "day": (1, 31)}
INTEGER_PK_TYPES = (models.AutoField, models.BigAutoField, models.IntegerField)
REGEX_LOOKUPS = {"regex", "iregex"}


def is_valid_key(field: models.Field, value: str) -> bool:
    """Whether a posted `value` can be looked up in `field` (a primary key, or a relation's
    target) without the database refusing it."""
    if isinstance(field, INTEGER_PK_TYPES):
        return bounded_int(value, minimum=1) is not None
    return "\x00" not in value


class ValidKeysAutocompleteMixin:
    """An autocomplete that shows a posted value that is not an id as nothing chosen.

    Django looks the posted values up as they are when it shows a form again with its errors,
    and a value such as "²" or an id of 25 digits raises there.
    """

    def optgroups(self, name, value, attr=None):
        remote_field = self.field.remote_field
        target = remote_field.model._meta.get_field(
            getattr(remote_field, "field_name", None) or remote_field.model._meta.pk.name
        )
        return super().optgroups(name, [v for v in value if is_valid_key(target, v)], attr)


class ValidKeysAutocompleteSelect(ValidKeysAutocompleteMixin, AutocompleteSelect):
    pass


class ValidKeysAutocompleteSelectMultiple(ValidKeysAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class ValidKeysMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many field that refuses a posted value that is not an id with a form error.

    Django tries each value in a query, which catches "abc" but not an id of 25 digits: SQLite
    cannot hold it, and the query raises.
    """

    def _check_values(self, value):
        opts = self.queryset.model._meta
        target = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for item in value:
            if not is_valid_key(target, str(item)):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class SiteFormsMixin:
    """The form fields of every admin page, for a ModelAdmin or an inline.

    Text fields (a TextField's text area) normalise their line breaks to "\\n": in
    `formfield_for_dbfield` rather than `formfield_overrides`, so that an admin with overrides
    of its own keeps this one. A posted value that is not an id is a form error, or ignored by
    an autocomplete that shows the form again.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", PlainTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidKeysAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ValidKeysMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidKeysAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def saved_or_conflict_message(model_admin, request, view, *args):
    """The add or change view's answer; a save the database refuses as a conflict is a message.

    The formsets cannot see every conflict: a posted form count that makes a turn new, or two
    turns swapping positions, reach the database's unique constraint. Nothing is saved then
    (the view's transaction rolls back), and the editor is sent back to the form.
    """
    try:
        return view(request, *args)
    except IntegrityError:
        # Inside a revision (reversion's VersionAdmin wraps these views), the error goes on, so
        # that the revision is dropped with the transaction; the outermost view answers.
        if reversion.is_active():
            raise
        model_admin.message_user(request, CONFLICT_MESSAGE, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class SiteGuardsMixin:
    """What keeps a change list from answering 500 to values no page of it sends."""

    def response_action(self, request, queryset):
        # Django filters on the selected ids as posted: "abc" raises, and an id beyond the
        # column's range overflows SQLite. A page only ever posts ids it listed.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_valid_key(self.opts.pk, value) for value in selected):
            self.message_user(request, INVALID_SELECTION_MESSAGE, messages.WARNING)
            return None  # Django then shows the change list again, with the message.
        return super().response_action(request, queryset)

    def get_changelist_instance(self, request):
        if not _filters_are_valid(request.GET):
            self.message_user(request, INVALID_FILTER_MESSAGE, messages.WARNING)
            # Django answers this with the plain change list (`?e=1`).
            raise IncorrectLookupParameters(INVALID_FILTER_MESSAGE)
        try:
            # A savepoint, so that a query PostgreSQL refuses leaves the request's transaction
            # usable for the plain list that follows.
            with transaction.atomic(using=router.db_for_read(self.model)):
                return super().get_changelist_instance(request)
        except (OverflowError, DataError) as error:
            # A filter value no column can hold, in a lookup Django does not check (an id of
            # twenty digits in `pk__in` overflows SQLite): the database says so as it counts.
            self.message_user(request, INVALID_FILTER_MESSAGE, messages.WARNING)
            raise IncorrectLookupParameters(INVALID_FILTER_MESSAGE) from error

    def get_urls(self):
        # Every page of one object (change, history, delete, and those an admin adds under
        # "<path:object_id>/"), whoever defines it.
        return [_object_id_checked(self, pattern) for pattern in super().get_urls()]

    def get_search_results(self, request, queryset, search_term):
        # The change list refuses a NUL byte (above); the autocomplete of a related field
        # searches here directly, and PostgreSQL refuses NUL in any text it is given.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


def _object_id_checked(model_admin, pattern: URLPattern) -> URLPattern:
    """`pattern`, answering an `object_id` that cannot be a row's key as Django answers a
    missing object: back to the admin's index, with a message.

    Django looks the id up as it is: an id past 64 bits overflows SQLite, a NUL byte is
    refused by PostgreSQL, and reversion's history searches its records with the id as text.
    """
    view = pattern.callback

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        object_id = kwargs.get("object_id")
        if object_id is not None and not is_valid_key(model_admin.opts.pk, unquote(object_id)):
            return model_admin._get_obj_does_not_exist_redirect(
                request, model_admin.opts, object_id
            )
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, checked, pattern.default_args, pattern.name)


class CheapCountPaginator(Paginator):
    """A change list's paginator whose count stays cheap on tables of millions of rows.

    Counting every turn or comment reads the whole table (a second at 4.9 million turns), and
    a list needs only enough of a count for its page links. On PostgreSQL:

    - an unfiltered list takes the table's size from the planner's statistics
      (pg_class.reltuples, kept by autovacuum), unless that says it is small;
    - a filtered one counts exactly up to `EXACT_UP_TO` rows, and beyond that takes the
      planner's estimate of the query (never less than what it counted).

    Elsewhere (SQLite, small archives) the count is exact. An estimate may be off by a few
    percent, so the last page link of a long list can land past the end; nobody pages there.
    Use it with `show_full_result_count = False`, which spares the second, unfiltered count.
    """

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        database = connections[queryset.db]
        if database.vendor != "postgresql":
            return queryset.count()
        if not queryset.query.where:
            estimate = _table_size_estimate(database, queryset.model._meta.db_table)
            return estimate if estimate > self.EXACT_UP_TO else queryset.count()
        counted = queryset.order_by().values("pk")[: self.EXACT_UP_TO + 1].count()
        if counted <= self.EXACT_UP_TO:
            return counted
        return max(counted, _query_rows_estimate(queryset))


def _table_size_estimate(database, table: str) -> int:
    """The planner's idea of a table's rows: -1 (or 0) before it was first analysed."""
    with database.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return row[0] if row else -1


def _query_rows_estimate(queryset) -> int:
    """The planner's estimate of the rows a query returns (its EXPLAIN, not running it)."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class SiteModelAdmin(SiteGuardsMixin, SiteFormsMixin, admin.ModelAdmin):
    """The base of every ModelAdmin of the site."""

    paginator = CheapCountPaginator

    def action_checkbox(self, obj):
        # Django's renders a form widget's template for each row: a third of a long change
        # list's time. The same markup, written directly.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            str(obj),
        )

    def add_view(self, request, form_url="", extra_context=None):
        return saved_or_conflict_message(self, request, super().add_view, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return saved_or_conflict_message(
            self, request, super().change_view, object_id, form_url, extra_context
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # Its plain widgets written without the template engine, as the inlines' are.
        form.default_renderer = direct_widget_renderer
        return form


def guard_every_model_admin(site: admin.AdminSite = admin.site) -> None:
    """Give the admins the site does not define (users and groups, django-axes' login records)
    the same guards and form fields as its own, and the site its login form. Called once every
    app's admin module is loaded."""
    # Here, not at import: that module reads django-axes' models.
    from config.admin_lockout import use_site_login_pages

    use_site_login_pages(site)
    for model, model_admin in list(site._registry.items()):
        missing = tuple(
            mixin
            for mixin in (SiteGuardsMixin, SiteFormsMixin)
            if not isinstance(model_admin, mixin)
        )
        if not missing:
            continue
        guarded = type(f"Guarded{type(model_admin).__name__}", (*missing, type(model_admin)), {})
        site.unregister(model)
        site.register(model, guarded)


def _filters_are_valid(params) -> bool:
    """No NUL byte (PostgreSQL refuses it in a query), no regular expression, and the parts of a
    date within their ranges.

    Django reads a year with int() and makes a date of it as it writes the query: a year of -1
    is a ValueError, and one of twenty digits an OverflowError, neither of which it handles.
    """
    for name, values in params.lists():
        if any("\x00" in text for text in [name, *values]):
            return False
        lookups = name.split(LOOKUP_SEP)[1:]
        # No page of the admin filters by a regular expression, and a pattern is not the same
        # language on each database: "(" is an error on both (a 500 on PostgreSQL, on SQLite
        # an OperationalError taken for an outage).
        if REGEX_LOOKUPS.intersection(lookups):
            return False
        for part in DATE_PART_RANGES.keys() & set(lookups):
            low, high = DATE_PART_RANGES[part]
            if any(bounded_int(value, minimum=low, maximum=high) is None for value in values):
                return False
    return True


class SiteInlineMixin(SiteFormsMixin):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # An inline repeats its form for every row (an interview's turns): its widgets are
        # written without the template engine (config.forms.DirectWidgetRenderer).
        formset.renderer = direct_widget_renderer
        return formset


class SiteStackedInline(SiteInlineMixin, admin.StackedInline):
    pass


class SiteTabularInline(SiteInlineMixin, admin.TabularInline):
    pass
