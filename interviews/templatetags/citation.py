"""Citing one turn of an interview: its address, and a line of text to quote it by."""

from django import template

from interviews.exports import UNSPOKEN, speaker_name
from interviews.models import Interview, Turn

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """ "https://host/path": the address a reader can paste anywhere."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def turn_citation(turn: Turn, interview: Interview, url: str) -> str:
    """ "François Chollet, in “An interview with Francois Chollet”, PyImageSearch, 2 July 2018.
    https://…/#t3": speaker, title, outlet and date as far as they are known, then the address.

    Plain text: the template escapes it.
    """
    speaker = "" if turn.kind in UNSPOKEN else speaker_name(turn)
    parts = [f"{speaker}, in “{interview.title}”" if speaker else f"“{interview.title}”"]
    if interview.outlet:
        parts.append(interview.outlet.name)
    if interview.published_on:
        parts.append(interview.published_display)
    return f"{', '.join(parts)}. {url}#{turn.anchor}"
