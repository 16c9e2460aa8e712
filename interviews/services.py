"""Every write the archive makes beyond plain model saves."""

from django.db.models import Max

from .models import Comment, Interview


def comment_next_position(*, interview: Interview) -> int:
    """The position after the interview's last comment, so a new comment ends the thread."""
    last = Comment.objects.filter(interview=interview).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1
