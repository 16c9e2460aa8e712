import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from config.numbers import bounded_int
from config.ratelimit import RateLimit, client_key, rate_limit_hit
from config.same_origin import cross_site_reason
from interviews import facets, http_caching, index_pages, search, selectors, services
from interviews.filters import SearchWithinForm
from interviews.forms import CommentForm
from interviews.listing import filter_summary
from interviews.models import Comment, Interview, Outlet, Topic, public_people

logger = logging.getLogger(__name__)

HOME_LATEST_COUNT = 5
MIN_YEAR, MAX_YEAR = 1, 9999
# A last page of one or two interviews is folded into the page before it.
PAGE_ORPHANS = 3


def page_or_404(paginator: Paginator, page_number, *, what: str) -> Page:
    """The requested page, or a 404 that says why: a bad page number is not a server error."""
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


def page_of(interviews: QuerySet[Interview], page_number, *, what: str) -> Page:
    """A page of interviews, or a 404 (page_or_404).

    The page is cut by ids first (selectors.interview_list_paged), so a deep page costs no more
    than the first.
    """
    paginator = Paginator(
        selectors.interview_list_paged(interviews),
        settings.INTERVIEWS_PER_PAGE,
        orphans=PAGE_ORPHANS,
    )
    return page_or_404(paginator, page_number, what=what)


@http_caching.cached_public_page
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
    a bad filter value is only a message (`summary.messages`).
    """
    filters = selectors.interview_filter(params=request.GET, within=within, fixed=fixed)
    page = page_of(
        selectors.interview_list_filtered(filters=filters), request.GET.get("page"), what=what
    )
    selectors.interview_attach_search_matches(interviews=page.object_list, found=filters.search)
    return {
        "filters": filters,
        "summary": filter_summary(filters, path=request.path),
        "page": page,
        "facets": facets.interview_facets(filters=filters, path=request.path, hide=hide),
    }


@http_caching.cached_public_page
@require_safe
def interview_list(request):
    context = _filtered_list(request, what="interviews")
    description = context["summary"].description
    context["heading"] = f"Interviews {description}" if description else "Interviews"
    return render(request, "interviews/interview_list.html", context)


# What a poster's receipt link (comments/posted/<token>/) holds: the comment's id, signed.
COMMENT_RECEIPT_SALT = "interviews.comment-receipt"
COMMENT_RECEIPT_MAX_AGE = datetime.timedelta(days=7)


def comment_receipt_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=COMMENT_RECEIPT_SALT)


def _comment_form_url(interview, *, reply_to: Comment | None = None) -> str:
    url = reverse("interviews:comment_new", args=[interview.slug])
    return f"{url}?reply_to={reply_to.pk}#comment-form" if reply_to else f"{url}#comment-form"


def _interview_or_404(slug: str):
    interview = selectors.interview_for_commenting(slug=slug)
    if interview is None:
        raise Http404("There is no published interview at this address.")
    return interview


@http_caching.cached_public_page
@require_safe
def interview_detail(request, slug):
    if "reply_to" in request.GET:
        # The old reply links: the reply form has a page of its own, which any cache can keep.
        interview = _interview_or_404(slug)
        replying_to = selectors.comment_to_reply_to(
            interview=interview, comment_id=bounded_int(request.GET["reply_to"], minimum=1)
        )
        return redirect(_comment_form_url(interview, reply_to=replying_to))
    reading = selectors.reading_page(slug=slug)
    if reading is None:
        raise Http404("There is no published interview at this address.")
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "reading": reading,
            "interview": reading.interview,
            "comment_form": CommentForm(interview=reading.interview),
            "form_needs_csrf_token": http_caching.may_be_signed_in(request),
            "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
        },
    )


def _comment_form_page(request, interview, *, form, replying_to, status=200):
    return render(
        request,
        "interviews/comment_form_page.html",
        {
            "interview": interview,
            "comment_form": form,
            "replying_to": replying_to,
            "form_needs_csrf_token": http_caching.may_be_signed_in(request),
        },
        status=status,
    )


@http_caching.cached_public_page
@require_safe
def comment_new(request, slug):
    """The comment form on a page of its own; `?reply_to=<id>` quotes the comment answered.

    Where scripts run, "Reply" moves the interview page's own form under the comment instead
    (static/js/comments.js). Any ?reply_to= that is not a public comment here is ignored.
    """
    interview = _interview_or_404(slug)
    replying_to = selectors.comment_to_reply_to(
        interview=interview, comment_id=bounded_int(request.GET.get("reply_to"), minimum=1)
    )
    form = CommentForm(interview=interview, initial={"parent": replying_to and replying_to.pk})
    return _comment_form_page(request, interview, form=form, replying_to=replying_to)


@csrf_exempt
@require_POST
def comment_create(request, slug):
    """A reader's comment or reply: held for moderation; its poster gets a receipt page.

    The form on the public pages carries no CSRF token (any cache may keep those pages), so an
    anonymous post is checked by where the browser says it comes from instead. A signed-in
    poster's session is worth forging: for them Django's own token check runs, as everywhere a
    login is involved (their pages carry the token).
    """
    if request.user.is_authenticated:
        return _comment_create_with_csrf_token(request, slug)
    reason = cross_site_reason(request)
    if reason is not None:
        logger.warning("Comment refused: %s", reason)
        return render(
            request,
            "403.html",
            {
                "message": (
                    "Your comment was not posted: it was sent from a page of another web site, "
                    "and only the comment form on this site's own pages may post one."
                )
            },
            status=403,
        )
    return _comment_create(request, slug)


def _comment_create(request, slug):
    interview = _interview_or_404(slug)
    form = CommentForm(request.POST, interview=interview)
    if form.is_spam:
        # Said as if it worked, so that a bot learns nothing; nothing is saved.
        return redirect(f"{interview.get_absolute_url()}#comments")
    if not form.is_valid():
        replying_to = selectors.comment_to_reply_to(
            interview=interview,
            comment_id=bounded_int(request.POST.get("parent"), minimum=1),
        )
        return _comment_form_page(
            request, interview, form=form, replying_to=replying_to, status=400
        )
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
        poster=request.user,
    )
    return redirect(
        "interviews:comment_posted", slug=interview.slug, token=comment_receipt_token(comment)
    )


_comment_create_with_csrf_token = csrf_protect(_comment_create)


@require_safe
def comment_posted(request, slug, token):
    """The poster's receipt: their comment as it will appear, and whether it is public yet.

    Reached only through the signed link the post redirected to, so it shows a comment nobody
    else sees yet without any session. Private: it is nobody else's page. A hidden comment still
    reads as awaiting moderation: as with the spam trap, a rejected poster is not told.
    """
    try:
        comment_id = signing.loads(
            token, salt=COMMENT_RECEIPT_SALT, max_age=COMMENT_RECEIPT_MAX_AGE
        )
    except signing.BadSignature as error:
        raise Http404("This link to a posted comment is not valid, or is too old.") from error
    comment = None
    if isinstance(comment_id, int):
        comment = selectors.comment_posted_by_reader(interview_slug=slug, comment_id=comment_id)
    if comment is None:
        raise Http404("This link to a posted comment is not valid, or is too old.")
    response = render(
        request,
        "interviews/comment_posted.html",
        {"comment": comment, "interview": comment.interview},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@http_caching.cached_public_page
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


@http_caching.cached_public_page
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


@http_caching.cached_public_page
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


# Each list on a person's page shows the latest few; the filtered list has them all.
PERSON_LIST_LENGTH = 10


def _latest(interviews) -> tuple[list, bool]:
    """The first PERSON_LIST_LENGTH interviews, and whether there are more."""
    fetched = list(interviews[: PERSON_LIST_LENGTH + 1])
    return fetched[:PERSON_LIST_LENGTH], len(fetched) > PERSON_LIST_LENGTH


@http_caching.cached_public_page
@require_safe
def person_detail(request, slug):
    # Someone only a draft names answers as if unknown: the draft is not public yet.
    person = get_object_or_404(public_people(), slug=slug)
    given, more_given = _latest(selectors.interviews_given(person=person))
    conducted, more_conducted = _latest(selectors.interviews_conducted(person=person))
    # The facets of every interview the person took part in, linking to the filtered list.
    params = QueryDict(mutable=True)
    params["person"] = person.slug
    involving = selectors.interview_filter(params=params)
    return render(
        request,
        "interviews/person_detail.html",
        {
            "person": person,
            "interviews_given": given,
            "more_given": more_given,
            "interviews_conducted": conducted,
            "more_conducted": more_conducted,
            "facets": facets.interview_facets(
                filters=involving,
                path=reverse("interviews:list"),
                names=("year", "topic", "outlet"),
            ),
        },
    )


@http_caching.cached_public_page
@require_safe
def year_archive(request, year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"There is no year {year} in the archive.")
    neighbours = selectors.year_neighbours(year=year)
    if not neighbours.has_interviews:
        raise Http404(f"The archive has no interview published in {year}.")
    context = _filtered_list(
        request,
        within=Interview.objects.published().filter(published_on__year=year),
        fixed=["year"],
        what=f"interviews from {year}",
    )
    return render(
        request,
        "interviews/year_archive.html",
        {"year": year, "neighbours": neighbours, **context},
    )


# People, topics or outlets on one page of an index.
INDEX_ENTRIES_PER_PAGE = 100


def _index_page(entries, page_number, *, what: str) -> Page:
    paginator = Paginator(entries, INDEX_ENTRIES_PER_PAGE, orphans=PAGE_ORPHANS)
    return page_or_404(paginator, page_number, what=what)


@http_caching.cached_public_page
@require_safe
def people_index(request):
    letter = request.GET.get("letter", "").lower() or None
    if letter is not None and letter not in index_pages.LETTERS:
        raise Http404(
            "There is no such letter in the index of people: it runs from A to Z, then #."
        )
    index = index_pages.people_index(letter=letter)
    page = _index_page(index.people, request.GET.get("page"), what="people")
    return render(
        request,
        "interviews/people_index.html",
        {
            "letters": index.letters,
            "letter": next((each for each in index.letters if each.is_current), None),
            "page": page,
            "page_query_prefix": f"{urlencode({'letter': letter})}&" if letter else "",
        },
    )


@http_caching.cached_public_page
@require_safe
def topic_index(request):
    index = index_pages.topic_index()
    page = _index_page(index.topics, request.GET.get("page"), what="topics")
    return render(
        request,
        "interviews/topic_index.html",
        {"page": page, "most_interviewed": index.most_interviewed},
    )


@http_caching.cached_public_page
@require_safe
def outlet_index(request):
    page = _index_page(index_pages.outlet_index(), request.GET.get("page"), what="outlets")
    return render(request, "interviews/outlet_index.html", {"page": page})
