from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from people import selectors
from people.models import Person


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "interviews_given": selectors.interviews_given(person=person),
            "interviews_conducted": selectors.interviews_conducted(person=person),
        },
    )
