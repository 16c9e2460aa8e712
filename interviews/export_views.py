"""What programs read: an interview as a file, and the filtered list as JSON."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from interviews import exports, selectors
from interviews.listing import filter_messages
from interviews.views import page_of

# JSON for people as much as for programs: readable, with its accents as they are.
JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}

# Each file format: its content type, and the serialiser that writes it.
TEXT_EXPORTS = {
    "md": ("text/markdown; charset=utf-8", exports.interview_markdown),
    "txt": ("text/plain; charset=utf-8", exports.interview_text),
}


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def interview_export(request, slug, export_format):
    """One published interview as Markdown, plain text or JSON, to download; drafts are 404."""
    interview = selectors.interview_for_export(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    comments = selectors.comment_thread(interview=interview)
    url = request.build_absolute_uri(interview.get_absolute_url())
    recording = exports.interview_recording(interview)
    # A stored file's URL is relative to the site ("/media/..."); an object store's or an
    # external one is already absolute and stays as it is.
    media_url = request.build_absolute_uri(recording.url) if recording is not None else ""
    if export_format == "json":
        data = exports.interview_data(interview, comments=comments, url=url, media_url=media_url)
        response = JsonResponse(data, json_dumps_params=JSON_OPTIONS)
    else:
        content_type, serialise = TEXT_EXPORTS[export_format]
        text = serialise(interview, comments=comments, url=url, media_url=media_url)
        response = HttpResponse(text, content_type=content_type)
    return _attachment(response, f"{interview.slug}.{export_format}")


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@require_safe
def interview_list_json(request):
    """The interview list as JSON: the same filters and pages as /interviews/, without facets.

    A bad page number is a 404 with a JSON error; a bad filter value is left out and explained
    in "messages", as the list page does.
    """
    filters = selectors.interview_filter(params=request.GET)
    interviews = selectors.interview_list_filtered(filters=filters)
    try:
        page = page_of(interviews, request.GET.get("page"), what="interviews")
    except Http404 as error:
        return JsonResponse({"error": str(error)}, status=404, json_dumps_params=JSON_OPTIONS)
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "messages": filter_messages(filters),
        "results": [
            {
                **exports.interview_summary_data(
                    interview, url=request.build_absolute_uri(interview.get_absolute_url())
                ),
                "export_url": request.build_absolute_uri(
                    reverse("interviews:export_json", kwargs={"slug": interview.slug})
                ),
            }
            for interview in page.object_list
        ],
    }
    return JsonResponse(data, json_dumps_params=JSON_OPTIONS)
