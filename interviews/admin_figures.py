"""The admin's figures: an editor attaches an image, with its alt text, to a caption turn.

Where an editor works on an interview's turns (its change page), each caption turn shows its
image or an "Attach an image" link (`TurnFigureLinkMixin`, on admin.TurnInline). The link opens
the figure form for that caption; its turn list offers that interview's captions only, and the
form refuses any other turn with a sentence. Saving goes back to the interview's page of turns.
The upload is checked and re-encoded by interviews/figures.py before anything is stored.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator

from config.admin import SiteModelAdmin, is_valid_key
from config.numbers import bounded_int

from .figures import (
    ACCEPTED_FORMATS_TEXT,
    FigureImageError,
    figure_delete,
    figure_image_prepare,
    figure_save,
    figure_turn_error,
)
from .models import Figure, Turn

ALT_TEXT_MISSING = (
    "Write the alt text: what the image shows, for readers who cannot see it (a screen reader "
    "reads it aloud)."
)
# How tall an image's thumbnail is in the admin (its width follows from the image's shape).
THUMBNAIL_HEIGHT = 60


def _thumbnail(figure: Figure) -> str:
    width = max(1, round(figure.width * THUMBNAIL_HEIGHT / figure.height)) if figure.height else 0
    return format_html(
        '<img class="figure-thumbnail" src="{}" alt="{}" width="{}" height="{}">',
        figure.image.url,
        figure.alt_text,
        width,
        THUMBNAIL_HEIGHT,
    )


def _caption_label(turn: Turn) -> str:
    return f"Caption {turn.position}: {Truncator(turn.text).chars(80)}"


class TurnFigureLinkMixin:
    """A turn inline's `figure_link` column: a caption's image, or a link to attach one."""

    class Media:
        css = {"all": ["css/admin_figures.css"]}

    def get_queryset(self, request):
        # The figure with its turn, in the page's one query of turns.
        return super().get_queryset(request).select_related("figure")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (CaptionWithImageForm, formset.form), {})
        return formset

    @admin.display(description="image")
    def figure_link(self, turn):
        if turn.pk is None or turn.kind != Turn.Kind.CAPTION:
            return ""
        figure = getattr(turn, "figure", None)
        if figure is None:
            return format_html(
                '<a href="{}?{}">Attach an image</a>',
                reverse("admin:interviews_figure_add"),
                urlencode({"turn": turn.pk}),
            )
        return format_html(
            '<a href="{}">{} Change the image or its alt text</a>',
            reverse("admin:interviews_figure_change", args=[figure.pk]),
            _thumbnail(figure),
        )


class CaptionWithImageForm(forms.ModelForm):
    """A turn's form that keeps a caption with an image a caption: the page shows images with
    captions only, so the image would vanish from it."""

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        turn = self.instance
        # The figure came with the turn (TurnFigureLinkMixin.get_queryset): no query.
        if turn.pk and kind and kind != Turn.Kind.CAPTION and hasattr(turn, "figure"):
            self.add_error(
                "kind",
                "This caption has an image: keep it a caption, or remove its image first "
                "(follow “Change the image or its alt text”, then Delete).",
            )
        return cleaned_data


class TurnChoiceField(forms.ModelChoiceField):
    """Any turn, looked up by id; a posted value that cannot be an id is "not a valid choice"
    (an id of 25 digits would overflow SQLite in the lookup)."""

    def to_python(self, value):
        if value not in self.empty_values and not is_valid_key(Turn._meta.pk, str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class FigureForm(forms.ModelForm):
    """The turn, the image file and its alt text. The file is checked and re-encoded when the
    form is validated (`prepared_image`); it is stored only when the figure is saved."""

    turn = TurnChoiceField(
        queryset=Turn.objects.all(),
        label="Caption",
        help_text="The caption turn the image goes with; the caption is shown under it.",
        widget=forms.Select,
    )
    image_file = forms.FileField(
        label="Image",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=(
            f"A {ACCEPTED_FORMATS_TEXT} file. It is stored upright, without its metadata (EXIF, "
            "location), and at most 1,600 pixels wide."
        ),
    )

    class Meta:
        model = Figure
        fields = ["turn", "alt_text"]
        error_messages = {"alt_text": {"required": ALT_TEXT_MISSING}}
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    # The captions to offer (id, label), set by FigureAdmin.get_form for the interview at hand.
    caption_choices: list[tuple[int | str, str]] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared_image = None
        self.fields["turn"].widget.choices = [("", "—"), *self.caption_choices]

    def clean_turn(self):
        turn = self.cleaned_data["turn"]
        if error := figure_turn_error(turn):
            raise forms.ValidationError(error)
        return turn

    def clean_image_file(self):
        upload = self.cleaned_data.get("image_file")
        if not upload:
            if self.instance.pk is None:
                raise forms.ValidationError("Choose the image file to attach.")
            return None
        try:
            self.prepared_image = figure_image_prepare(upload, size=upload.size)
        except FigureImageError as error:
            raise forms.ValidationError(error.message) from None
        return upload


@admin.register(Figure)
class FigureAdmin(SiteModelAdmin):
    """Figures are attached from an interview's caption turns; this lists and edits them."""

    class Media:
        css = {"all": ["css/admin_figures.css"]}

    form = FigureForm
    fields = ["turn", "current_image", "image_file", "alt_text"]
    readonly_fields = ["current_image"]
    list_display = ["thumbnail", "alt_text", "caption", "interview"]
    list_select_related = ["turn", "turn__interview"]
    search_fields = ["alt_text", "turn__interview__title"]
    ordering = ["-created_at", "-id"]

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "GET" and self._turn_asked(request) is None:
            self.message_user(
                request,
                "To attach an image, open the interview and follow \u201cAttach an image\u201d "
                "beside one of its caption turns.",
                messages.INFO,
            )
            return HttpResponseRedirect(reverse("admin:interviews_interview_changelist"))
        return super().add_view(request, form_url, extra_context)

    def _turn_asked(self, request) -> Turn | None:
        """The turn the add page was opened for (`?turn=`) or posted with, if it exists."""
        value = request.POST.get("turn") or request.GET.get("turn")
        turn_id = bounded_int(value, minimum=1) if value else None
        if turn_id is None:
            return None
        return Turn.objects.filter(pk=turn_id).only("pk", "interview_id").first()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        turn = obj.turn if obj is not None else self._turn_asked(request)
        form.caption_choices = _caption_choices(turn.interview_id, figure=obj) if turn else []
        return form

    def current_image(self, figure):
        if figure.pk is None:
            return "None yet."
        return format_html(
            "{}<br>{} × {} pixels", _thumbnail(figure), str(figure.width), str(figure.height)
        )

    current_image.short_description = "current image"

    @admin.display(description="image")
    def thumbnail(self, figure):
        return _thumbnail(figure)

    @admin.display(description="caption")
    def caption(self, figure):
        return _caption_label(figure.turn)

    @admin.display(description="interview")
    def interview(self, figure):
        return figure.turn.interview.title

    def save_model(self, request, obj, form, change):
        figure_save(figure=obj, image=form.prepared_image, user=request.user)

    def delete_model(self, request, obj):
        figure_delete(figure=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for figure in queryset.select_related("turn__interview"):
            figure_delete(figure=figure, user=request.user)

    def response_post_save_add(self, request, obj):
        return HttpResponseRedirect(_interview_turns_url(obj.turn))

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(_interview_turns_url(obj.turn))


def _caption_choices(interview_id: int, *, figure: Figure | None) -> list[tuple[int, str]]:
    """The interview's caption turns that have no image yet (and the figure's own), in order."""
    captions = Turn.objects.filter(interview_id=interview_id, kind=Turn.Kind.CAPTION).order_by(
        "position"
    )
    without_image = Q(figure__isnull=True)
    captions = captions.filter(without_image | Q(figure=figure) if figure else without_image)
    return [(turn.pk, _caption_label(turn)) for turn in captions.only("pk", "position", "text")]


def _interview_turns_url(turn: Turn) -> str:
    """The interview's change page, at the page of turns that holds this one."""
    # Imported here: interviews.admin imports this module to build its turn inline.
    from .admin import TURN_PAGE_PARAMETER, TURNS_PER_PAGE

    before = Turn.objects.filter(interview_id=turn.interview_id, position__lt=turn.position).count()
    page = before // TURNS_PER_PAGE + 1
    url = reverse("admin:interviews_interview_change", args=[turn.interview_id])
    return f"{url}?{urlencode({TURN_PAGE_PARAMETER: page})}"
