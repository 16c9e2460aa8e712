"""The admin index's shortcuts to the editors' daily work: the import and the moderation queue."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from interviews.selectors import comments_awaiting_moderation_count

register = template.Library()


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str


@register.simple_tag
def editor_shortcuts(user) -> list[Shortcut]:
    """What this user may use; the queue's count of pending comments is one query."""
    shortcuts = []
    if user.has_perm("interviews.add_interview"):
        shortcuts.append(
            Shortcut("Import transcript", reverse("admin:interviews_interview_import"))
        )
    if user.has_perm("interviews.change_comment"):
        pending = comments_awaiting_moderation_count()
        queue = reverse("admin:interviews_comment_changelist") + "?status__exact=pending"
        shortcuts.append(Shortcut(f"Moderation queue ({pending})", queue))
    return shortcuts
