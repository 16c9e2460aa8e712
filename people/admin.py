from django import forms
from django.contrib import admin
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Count

from config.admin import SiteModelAdmin

from .models import Person


class AliasesField(forms.CharField):
    """Edits a list of names as one name per line, which is how editors think of aliases."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        # The field's own check of NUL bytes sees the list, whose repr escapes them.
        ProhibitNullCharactersValidator()(text)
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class PersonAdminForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="One per line: other spellings a transcript may use (Francois, Chollet).",
    )

    class Meta:
        model = Person
        fields = ["name", "slug", "aliases", "bio", "url", "user"]


@admin.register(Person)
class PersonAdmin(SiteModelAdmin):
    form = PersonAdminForm
    list_display = ["name", "alias_list", "interview_count", "url"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]
    show_facets = admin.ShowFacets.ALWAYS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(interview_count=Count("participations__interview", distinct=True))
            .order_by("name")
        )

    @admin.display(description="aliases")
    def alias_list(self, person):
        return ", ".join(person.aliases or [])

    @admin.display(description="interviews", ordering="interview_count")
    def interview_count(self, person):
        return person.interview_count
