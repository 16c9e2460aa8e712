"""config/forms.py: the widgets the direct renderer writes are Django's, byte for byte."""

import datetime

import pytest
from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html

from config.forms import DirectWidgetRenderer

SAFE_LABEL = format_html("Select {}", "<b>")


class EveryWidgetForm(forms.Form):
    text = forms.CharField(
        widget=admin_widgets.AdminTextInputWidget(attrs={"aria-label": SAFE_LABEL})
    )
    number = forms.IntegerField(widget=admin_widgets.AdminIntegerFieldWidget)
    hidden = forms.CharField(widget=forms.HiddenInput)
    duration = forms.DurationField(required=False)
    flag = forms.BooleanField(required=False)
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "disabled": True}))
    choice = forms.ChoiceField(choices=[("", "—"), (1, "Ann & <Bo>"), ("x", "Ex")])
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")], required=False
    )
    url = forms.URLField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "text": 'Quote " and <tag> & more',
            "number": 7,
            "hidden": "h&",
            "duration": datetime.timedelta(minutes=1, seconds=23),
            "flag": True,
            "area": "Two lines\nwith <b>bold</b> & an ampersand",
            "choice": 1,
            "grouped": "b",
            "url": "https://example.org/?a=1&b=2",
        },
    ],
)
def test_the_direct_renderer_writes_each_widget_as_django_does(data):
    django_form = EveryWidgetForm(initial=data, renderer=DjangoTemplates())
    direct_form = EveryWidgetForm(initial=data, renderer=DirectWidgetRenderer())
    for name in EveryWidgetForm.base_fields:
        assert str(direct_form[name]) == str(django_form[name]), name


def test_the_direct_renderer_writes_those_widgets_without_a_template(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a template was rendered")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    form = EveryWidgetForm(renderer=DirectWidgetRenderer())
    for name in EveryWidgetForm.base_fields:
        assert str(form[name]).startswith("<")


def test_a_url_typed_without_a_scheme_is_taken_as_https_by_every_url_field(db):
    # FORMS_URLFIELD_ASSUME_HTTPS: Django 6's default, already now, for the site's forms, the
    # forms the admin makes from the models, and the import form alike.
    from interviews.forms import CommentForm
    from interviews.importing.forms import InterviewDetailsForm, TranscriptPasteForm
    from people.models import Person

    fields = [
        forms.URLField(),
        Person._meta.get_field("url").formfield(),
        CommentForm.base_fields["author_url"],
        TranscriptPasteForm.base_fields["link"],
        TranscriptPasteForm.base_fields["source_url"],
        InterviewDetailsForm.base_fields["source_url"],
    ]
    for field in fields:
        assert field.clean("example.org/a") == "https://example.org/a", field
