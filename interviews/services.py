"""Writes readers make: a comment or a reply. Imports write through `interviews.importing`."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from interviews.models import Comment, Interview


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
) -> Comment:
    """A reader's comment or reply, held for moderation: nobody but its poster sees it yet."""
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
        )
