"""The search boxes' limits, read by the templates from the forms' own constants.

A tag rather than a context processor: the error pages share base.html's search box and are
rendered without a request, so without context processors (see templates/500.html).
"""

from django import template

from interviews.filters import MAX_QUERY_LENGTH

register = template.Library()


@register.simple_tag
def max_query_length() -> int:
    """The longest search the forms accept: `maxlength="{% max_query_length %}"`."""
    return MAX_QUERY_LENGTH
