import logging
import sys

import django.db
import psycopg
from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from config.numbers import bounded_int
from config.statement_timeout import is_statement_timeout, statement_timeout_response
from interviews import http_caching, outage, search, selectors, services
from interviews.filters import SearchWithinForm
from interviews.forms import CommentForm
from interviews.models import Interview, Outlet, Topic
from interviews.ratelimit import RateLimit, client_key, rate_limit_hit

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


@http_caching.public_page
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


@http_caching.public_page
@require_safe
def interview_list(request):
    context = _filtered_list(request, what="interviews")
    description = context["filters"].description
    context["heading"] = f"Interviews {description}" if description else "Interviews"
    return render(request, "interviews/interview_list.html", context)


# The comments a visitor posted and that still await moderation, by id, in their session.
PENDING_COMMENTS_SESSION_KEY = "pending_comments"


def _pending_comment_ids(request) -> list[int]:
    # Reading the session costs a query; a visitor without a session cookie has posted nothing.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    ids = request.session.get(PENDING_COMMENTS_SESSION_KEY, [])
    return [pk for pk in ids if isinstance(pk, int)]


def _detail_page(request, interview, *, form=None, status=200):
    turns = interview.turns.all()
    pending_ids = _pending_comment_ids(request)
    comments = selectors.comment_thread_in_reading_order(
        selectors.comment_thread(interview=interview, pending_ids=pending_ids)
    )
    selectors.comment_authors_marked(comments=comments, interview=interview)
    if form is None:
        # A reply link's comment; any other ?reply_to= (gone, hidden, malformed) is ignored.
        reply_to = bounded_int(request.GET.get("reply_to"), minimum=1)
        replying_to = next((c for c in comments if c.is_public and c.pk == reply_to), None)
        form = CommentForm(
            interview=interview, initial={"parent": replying_to.pk if replying_to else None}
        )
    else:
        parent = str(form["parent"].value() or "")
        replying_to = next((c for c in comments if c.is_public and str(c.pk) == parent), None)
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "interview": interview,
            "turns": turns,
            "questions": selectors.questions_linked(turns),
            "reading_minutes": selectors.reading_minutes(turns),
            "neighbours": selectors.interview_neighbours(interview=interview),
            "comments": comments,
            "public_comment_count": sum(comment.is_public for comment in comments),
            "comment_form": form,
            "replying_to": replying_to,
            "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
            "pending_key": "-".join(map(str, sorted(pending_ids))),
        },
        status=status,
    )


def _interview_or_404(slug: str):
    interview = selectors.interview_for_reading(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    return interview


@require_safe
def interview_detail(request, slug):
    # The interview's own row (with the archive's version) first: a conditional GET for a page
    # that has not changed is answered from it alone (interviews/http_caching.py).
    interview = selectors.interview_head_for_reading(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    return http_caching.revalidated_private_page(
        request,
        version=interview.archive_version or 0,
        render=lambda: _detail_page(
            request, selectors.interview_with_reading_rows(interview=interview)
        ),
    )


@require_POST
def comment_create(request, slug):
    """A reader's comment or reply: held for moderation, shown to its poster meanwhile."""
    interview = _interview_or_404(slug)
    form = CommentForm(request.POST, interview=interview)
    if form.is_spam:
        # Said as if it worked, so that a bot learns nothing; nothing is saved.
        return redirect(f"{interview.get_absolute_url()}#comments")
    if not form.is_valid():
        return _detail_page(request, interview, form=form, status=400)
    rule = RateLimit.from_text(settings.COMMENT_RATE_LIMIT)
    wait = rate_limit_hit(action="comment", client=client_key(request), rule=rule)
    if wait:
        response = render(
            request,
            "429.html",
            {
                "wait_minutes": max(1, round(wait / 60)),
                "back_url": interview.get_absolute_url(),
                "text": form.cleaned_data["text"],
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    comment = services.comment_post(
        interview=interview,
        parent=form.cleaned_data["parent"],
        author_name=form.cleaned_data["author_name"],
        author_url=form.cleaned_data["author_url"],
        text=form.cleaned_data["text"],
    )
    pending = _pending_comment_ids(request)
    # The newest few are enough: once approved, a comment shows to everyone anyway.
    request.session[PENDING_COMMENTS_SESSION_KEY] = [*pending, comment.pk][-20:]
    return redirect(f"{interview.get_absolute_url()}#{comment.anchor}")


@http_caching.public_page
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


@http_caching.public_page
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


@http_caching.public_page
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


@http_caching.public_page
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
    # Django calls this while handling the exception: a database that does not answer, or a
    # statement cancelled at its time limit, raised outside a view (where the middleware did not
    # see it), is a 503.
    error = sys.exc_info()[1]
    if is_statement_timeout(error):
        return statement_timeout_response(request)
    if outage.is_database_down(error):
        return outage.database_unavailable_response()
    # Rendered without the request: context processors could touch the database or the
    # session, which may be the very thing that failed.
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        # The error page must not fail in turn, e.g. on a static file missing from the manifest.
        logger.exception("The 500 page could not be rendered")
        body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)
