"""Edit history with django-reversion: every saved state of an interview, its turns and comments.

An interview's version holds its turns, participations, comments and figures (the images of its
captions, `Interview.figures`) with it (`follow`), so
recovering a deleted interview brings all of them back; a comment's version holds its replies.
Versions live in reversion's own tables: nothing here adds a migration to this app.

Imported with the admin and the services, before the admin registers its VersionAdmins (which
would otherwise register these models themselves, without the comments).
"""

import contextvars
from collections.abc import Iterable

import reversion
from django.db import models
from django.db.models import prefetch_related_objects
from reversion.models import Version

from interviews.models import Comment, Figure, Interview, Participation, Recording, Turn

# Django's plain "json" would round every time in a version to the millisecond.
VERSION_FORMAT = "exactjson"

reversion.register(
    Interview,
    follow=["turns", "participations", "comments", "recording", "figures"],
    format=VERSION_FORMAT,
)
reversion.register(Turn, format=VERSION_FORMAT)
reversion.register(Figure, format=VERSION_FORMAT)
reversion.register(Participation, format=VERSION_FORMAT)
reversion.register(Comment, follow=["replies"], format=VERSION_FORMAT)
# A recording's revision holds its interview too, so that the interview's History lists it.
reversion.register(Recording, follow=["interview"], format=VERSION_FORMAT)


def history_record(
    *, objects: Iterable[models.Model], comment: str, user=None, unrecorded_only: bool = False
) -> None:
    """Save the current state of the objects as a revision of its own.

    Used before a deletion, so that what is recovered is what was deleted, and (with
    `unrecorded_only`) before a change to an object with no version yet: rows loaded from a
    fixture or imported before the history existed would otherwise keep only what came after.
    """
    objects = list(objects)
    if unrecorded_only:
        objects = [obj for obj in objects if not Version.objects.get_for_object(obj).exists()]
    if objects:
        # In a fresh context: reversion merges a revision block opened inside another into it,
        # and VersionAdmin wraps the whole change list, actions included, in one. That outer
        # revision is saved only after the action, and keeps nothing of a deleted object.
        contextvars.Context().run(_save_revision_of, objects, comment, user)


def _save_revision_of(objects: list[models.Model], comment: str, user) -> None:
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        for obj in objects:
            reversion.add_to_revision(obj)


def interview_revision_record(interview: Interview, *, user, comment: str) -> None:
    """The interview's revision, with its turns, participations and comments.

    For writes made in bulk, which reversion does not see (an import, the sync page's stamps):
    the revision is made once they are all in place. Reversion follows each comment's replies
    with a query of its own; the comments are added first, their replies loaded in one query,
    latest first so that a reply is in the revision before its parent would look it up.
    """
    comments = list(interview.comments.order_by("-position"))
    prefetch_related_objects(comments, "replies")
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        for reply_first in comments:
            reversion.add_to_revision(reply_first)
        reversion.add_to_revision(interview)
