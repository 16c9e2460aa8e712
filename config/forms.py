"""Form fields every form of the site shares."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


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


# --- Widgets written without the template engine --------------------------------------------

INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "hidden", "email", "url", "checkbox", "input")
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class DirectWidgetRenderer(DjangoTemplates):
    """Django's form renderer, with the plainest widgets written in Python, byte for byte.

    A widget rendered through the template engine costs a few milliseconds (four templates
    for a select: select, attrs, option, attrs again); a form repeated hundreds of times, as
    an interview's turns in the admin, spends most of its time there. Inputs, text areas and
    selects are written here as Django's templates write them (tests/test_forms.py compares
    the two); any other template is Django's.
    """

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUT_TEMPLATES:
                return _input_html(widget)
            if template_name == TEXTAREA_TEMPLATE:
                return _textarea_html(widget)
            if template_name == SELECT_TEMPLATE and _options_are_plain(widget):
                return _select_html(widget)
        return super().render(template_name, context, request)


def _attrs_html(attrs: dict) -> str:
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input_html(widget: dict) -> SafeString:
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return mark_safe(f'<input type="{kind}" name="{name}"{value}{_attrs_html(widget["attrs"])}>')


def _textarea_html(widget: dict) -> SafeString:
    name = conditional_escape(widget["name"])
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    return mark_safe(f'<textarea name="{name}"{_attrs_html(widget["attrs"])}>\n{text}</textarea>')


def _options_are_plain(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _, options, _ in widget["optgroups"]
        for option in options
    )


def _select_html(widget: dict) -> SafeString:
    name = conditional_escape(widget["name"])
    parts = [f'<select name="{name}"{_attrs_html(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            value, label = conditional_escape(option["value"]), conditional_escape(option["label"])
            parts.append(
                f'\n  <option value="{value}"{_attrs_html(option["attrs"])}>{label}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


# One for the process: each renderer builds its own template engine.
direct_widget_renderer = DirectWidgetRenderer()
