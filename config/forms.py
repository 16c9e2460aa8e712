"""Form fields every form of the site shares."""

from django import forms


def newlines_normalised(text: str) -> str:
    """Text with the archive's "\\n" line breaks, whatever was sent ("\\r\\n", "\\r")."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class PlainTextField(forms.CharField):
    """A text area's field that reads line breaks as "\\n".

    A browser posts a text area's lines with "\\r\\n" (the HTML standard says so). Normalising in
    `to_python`, which `has_changed` uses too, means a text sent back unchanged is unchanged: it
    is neither rewritten nor reported as a change in the admin's history.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return newlines_normalised(value) if isinstance(value, str) else value
