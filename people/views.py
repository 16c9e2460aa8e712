from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from interviews import http_caching
from interviews import selectors as interview_selectors
from interviews.facets import interview_facets
from people import selectors
from people.models import Person

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
    person = get_object_or_404(Person.objects.public(), slug=slug)
    given, more_given = _latest(selectors.interviews_given(person=person))
    conducted, more_conducted = _latest(selectors.interviews_conducted(person=person))
    # The facets of every interview the person took part in, linking to the filtered list.
    params = QueryDict(mutable=True)
    params["person"] = person.slug
    involving = interview_selectors.interview_filter(params=params)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "interviews_given": given,
            "more_given": more_given,
            "interviews_conducted": conducted,
            "more_conducted": more_conducted,
            "facets": interview_facets(
                filters=involving,
                path=reverse("interviews:list"),
                names=("year", "topic", "outlet"),
            ),
        },
    )
