import logging

import django.db
import psycopg
from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from interviews import search, selectors
from interviews.filters import SearchWithinForm
from interviews.models import Interview, Outlet, Topic, Turn

logger = logging.getLogger(__name__)

HOME_LATEST_COUNT = 5
MIN_YEAR, MAX_YEAR = 1, 9999
# A last page of one or two interviews is folded into the page before it.
PAGE_ORPHANS = 3

# What a failed connection can raise: Django's wrapped errors, or the driver's and the socket's
# own when the attempt fails before Django can wrap them.
CONNECTION_ERRORS = (django.db.Error, psycopg.Error, OSError)


PLAIN_SERVER_ERROR = (
    "<!doctype html><title>Server error</title><h1>Something went wrong</h1>"
    "<p>The page could not be shown because of an error on our side.</p>"
)


def page_of(object_list, page_number, *, what: str) -> Page:
    """The requested page, or a 404 that says why: a bad page number is not a server error."""
    paginator = Paginator(object_list, settings.INTERVIEWS_PER_PAGE, orphans=PAGE_ORPHANS)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger as error:
        raise Http404("A page number is a whole number, such as 1 or 2.") from error
    except EmptyPage as error:
        if paginator.num_pages == 1:
            raise Http404(f"There is no such page of {what}: they all fit on page 1.") from error
        raise Http404(
            f"There is no such page of {what}: they run from page 1 to page {paginator.num_pages}."
        ) from error


@require_safe
def home(request):
    return render(
        request,
        "interviews/home.html",
        {
            "latest_interviews": selectors.interview_list_latest(limit=HOME_LATEST_COUNT),
            "topics": selectors.topics_with_published_counts(),
            "outlets": selectors.outlets_with_published_counts(),
        },
    )


def _filtered_list(request, *, within=None, fixed=(), hide=None, what: str) -> dict:
    """The context every filtered list shares: filters, a page of interviews, the facets.

    Used by the interview list, and by the outlet, topic and year pages with their own filter
    `fixed` (applied through `within`). A bad page number is a 404 before any facet is counted;
    a bad filter value is only a message (`filters.messages`).
    """
    filters = selectors.interview_filter(
        params=request.GET, path=request.path, within=within, fixed=fixed
    )
    page = page_of(
        selectors.interview_list_filtered(filters=filters), request.GET.get("page"), what=what
    )
    selectors.interview_attach_search_matches(interviews=page.object_list, found=filters.search)
    return {
        "filters": filters,
        "page": page,
        "facets": selectors.interview_facets(filters=filters, hide=hide),
    }


@require_safe
def interview_list(request):
    context = _filtered_list(request, what="interviews")
    description = context["filters"].description
    context["heading"] = f"Interviews {description}" if description else "Interviews"
    return render(request, "interviews/interview_list.html", context)


@require_safe
def interview_detail(request, slug):
    interview = selectors.interview_for_reading(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    turns = interview.turns.all()
    comments = selectors.comment_thread_in_reading_order(
        selectors.comment_thread(interview=interview)
    )
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "interview": interview,
            "turns": turns,
            "questions": [turn for turn in turns if turn.kind == Turn.Kind.QUESTION],
            "comments": comments,
        },
    )


@require_safe
def interview_search(request, slug):
    """Search within one interview: every matching turn, linked to its place in the transcript."""
    interview = selectors.interview_for_search(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    form = SearchWithinForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search.parse(query)
    turns = []
    if not found.is_empty:
        turns = selectors.interview_search_within(interview=interview, found=found)
    return render(
        request,
        "interviews/interview_search.html",
        {
            "interview": interview,
            "form": form,
            "query": query,
            "searched": not found.is_empty,
            "nothing_to_search": bool(query) and found.is_empty,
            "turns": turns,
        },
    )


@require_safe
def outlet_detail(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    context = _filtered_list(
        request,
        within=Interview.objects.published().filter(outlet=outlet),
        fixed=["outlet"],
        what="interviews from this outlet",
    )
    return render(request, "interviews/outlet_detail.html", {"outlet": outlet, **context})


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    on_topic = Interview.topics.through.objects.filter(topic=topic).values("interview_id")
    context = _filtered_list(
        request,
        within=Interview.objects.published().filter(pk__in=on_topic),
        hide={"topic": topic.slug},
        what="interviews on this topic",
    )
    return render(request, "interviews/topic_detail.html", {"topic": topic, **context})


@require_safe
def year_archive(request, year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"There is no year {year} in the archive.")
    context = _filtered_list(
        request,
        within=Interview.objects.published().filter(published_on__year=year),
        fixed=["year"],
        what=f"interviews from {year}",
    )
    return render(request, "interviews/year_archive.html", {"year": year, **context})


@never_cache
@require_safe
def healthz(request):
    """The process is up. No database: a slow database must not get a healthy process restarted."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    """Ready to serve pages: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except CONNECTION_ERRORS as error:
        logger.warning("readyz: database unavailable: %s", error)
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    message = ""
    # Http404("...") carries a sentence for the reader; the resolver's 404 carries a dict.
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    # Rendered without the request: context processors could touch the database or the
    # session, which may be the very thing that failed.
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        # The error page must not fail in turn, e.g. on a static file missing from the manifest.
        logger.exception("The 500 page could not be rendered")
        body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)
