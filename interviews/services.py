"""Writes readers make: a comment or a reply. Imports write through `interviews.importing`."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from interviews.models import Comment, Interview, Participation


def comment_next_position(*, interview: Interview) -> int:
    """The position after the interview's last comment, so a new comment ends the thread."""
    last = Comment.objects.filter(interview=interview).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def comment_post(
    *,
    interview: Interview,
    author_name: str,
    text: str,
    author_url: str = "",
    parent: Comment | None = None,
    poster=None,
) -> Comment:
    """A reader's comment or reply, held for moderation: nobody but its poster sees it yet.

    `poster` is the signed-in user who posted it, if any. A staff account linked to one of the
    interview's people (Person.user) gets that person's badge, whatever name the form was signed
    with; every other comment starts unverified, however it is signed.
    """
    verified_as = _role_of_staff_poster(interview=interview, poster=poster)
    with transaction.atomic():
        # The interview row is locked so that two comments posted at once get two positions.
        list(Interview.objects.select_for_update().filter(pk=interview.pk).values_list("pk"))
        return Comment.objects.create(
            interview=interview,
            parent=parent,
            author_name=author_name,
            author_url=author_url,
            text=text,
            posted_at=timezone.now(),
            origin=Comment.Origin.POSTED,
            status=Comment.Status.PENDING,
            position=comment_next_position(interview=interview),
            verified_as=verified_as,
            verified_by=Comment.Verification.ACCOUNT if verified_as else "",
        )


def _role_of_staff_poster(*, interview: Interview, poster) -> str:
    """The role in the interview of the person a signed-in staff account belongs to, or ""."""
    if poster is None or not poster.is_authenticated or not poster.is_staff:
        return ""
    role = (
        Participation.objects.filter(interview=interview, person__user=poster)
        .order_by("position")
        .values_list("role", flat=True)
        .first()
    )
    return role or ""
