"""What the reading page's player fetches besides the recording: its subtitles."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from interviews import http_caching, selectors
from interviews.reading import webvtt_from_turns


@http_caching.cached_public_page
@require_safe
def interview_subtitles(request, slug):
    """A published interview's video subtitles as WebVTT: the track an editor stored with the
    recording, else one made from the turns' timestamps. 404 without a video."""
    found = selectors.subtitles_for_reading(slug=slug)
    if found is None:
        raise Http404("This interview has no video with subtitles.")
    recording, turns = found
    if recording.subtitles_vtt.strip():
        track = recording.subtitles_vtt
    else:
        duration = recording.duration.total_seconds() if recording.duration else None
        track = webvtt_from_turns(turns, duration=duration)
    return HttpResponse(track, content_type="text/vtt; charset=utf-8")
