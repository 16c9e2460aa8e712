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

from interviews import selectors
from interviews.models import Outlet, Topic, Turn

logger = logging.getLogger(__name__)

HOME_LATEST_COUNT = 5
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


@require_safe
def interview_list(request):
    page = page_of(selectors.published_interviews(), request.GET.get("page"), what="interviews")
    return render(request, "interviews/interview_list.html", {"page": page})


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
def outlet_detail(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    page = page_of(
        selectors.interview_list_for_outlet(outlet=outlet),
        request.GET.get("page"),
        what="interviews from this outlet",
    )
    return render(request, "interviews/outlet_detail.html", {"outlet": outlet, "page": page})


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = page_of(
        selectors.interview_list_for_topic(topic=topic),
        request.GET.get("page"),
        what="interviews on this topic",
    )
    return render(request, "interviews/topic_detail.html", {"topic": topic, "page": page})


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
