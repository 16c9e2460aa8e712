"""Citing a turn of an interview: the address a reader can paste anywhere.

The text of a citation is `exports.turn_citation`, worked out per turn by the page's selector.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """ "https://host/path": the address a reader can paste anywhere."""
    return context["request"].build_absolute_uri(path)
