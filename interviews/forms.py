"""The reader's comment form: what a visitor may post under an interview, checked before saving."""

from django import forms
from django.core.validators import MinLengthValidator

from config.forms import newlines_normalised
from interviews.models import Comment

AUTHOR_NAME_MAX = 100
COMMENT_TEXT_MIN = 2
COMMENT_TEXT_MAX = 5000
# Characters that reorder or hide text: a name or comment holding them can impersonate another.
INVISIBLE_CONTROLS = {
    chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)
}


def _without_controls(value: str) -> str:
    """The text without control characters (line breaks and tabs kept) or direction overrides."""
    return "".join(
        ch
        for ch in value
        if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127 and ch not in INVISIBLE_CONTROLS)
    )


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label="Your name",
        max_length=AUTHOR_NAME_MAX,
        error_messages={
            "required": "Please give a name to sign your comment with.",
            "max_length": f"A name has at most {AUTHOR_NAME_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_url = forms.URLField(
        label="Your web site (optional)",
        required=False,
        max_length=500,
        error_messages={"invalid": "Please give a full web address, such as https://example.org."},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    text = forms.CharField(
        label="Comment",
        max_length=COMMENT_TEXT_MAX,
        validators=[MinLengthValidator(COMMENT_TEXT_MIN)],
        error_messages={
            "required": "Please write a comment.",
            "max_length": (
                f"A comment has at most {COMMENT_TEXT_MAX:,} characters; "
                "this one has %(show_value)d. Please shorten it."
            ),
            "min_length": "Please write a little more.",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain text; web addresses become links. Comments are read before they appear.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    # A field people never see: bots that fill every field fill this one too.
    website = forms.CharField(
        label="Leave this field empty", required=False, max_length=200, strip=False
    )

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_author_name(self):
        name = " ".join(_without_controls(self.cleaned_data["author_name"]).split())
        if not name:
            raise forms.ValidationError("Please give a name to sign your comment with.")
        return name

    def clean_text(self):
        text = _without_controls(newlines_normalised(self.cleaned_data["text"])).strip()
        if len(text) < COMMENT_TEXT_MIN:
            raise forms.ValidationError("Please write a little more.")
        return text

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data["parent"]
        if parent_id is None:
            return None
        parent = Comment.objects.public().filter(interview=self.interview, pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is not on this page any more."
            )
        return parent
