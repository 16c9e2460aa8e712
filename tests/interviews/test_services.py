"""services.py: a reader's comment or reply, written for moderation at the end of the thread."""

from interviews import selectors
from interviews.models import Comment
from interviews.services import comment_next_position, comment_post


def test_the_first_comment_of_an_interview_is_at_position_one(make_interview):
    assert comment_next_position(interview=make_interview(comments=0)) == 1


def test_the_next_position_follows_every_comment_public_or_not(make_interview):
    interview = make_interview(comments=3)
    interview.comments.create(author_name="Hidden", text="Hidden.", status="hidden", position=9)
    make_interview(comments=20)  # another interview's comments do not count

    assert comment_next_position(interview=interview) == 10


def test_a_posted_comment_ends_the_thread_and_awaits_moderation(make_interview):
    interview = make_interview(comments=2)

    comment = comment_post(
        interview=interview, author_name="Ada", text="Thanks!", author_url="https://ada.example"
    )

    comment.refresh_from_db()
    assert (comment.position, comment.parent, comment.author_url) == (
        3,
        None,
        "https://ada.example",
    )
    assert (comment.status, comment.origin) == (Comment.Status.PENDING, Comment.Origin.POSTED)
    assert comment.posted_at is not None
    assert comment not in selectors.comment_thread(interview=interview)


def test_a_posted_reply_keeps_its_parent_and_still_ends_the_thread(make_interview):
    interview = make_interview(comments=2)
    first = interview.comments.get(position=1)

    reply = comment_post(interview=interview, author_name="Bo", text="Agreed.", parent=first)

    assert (reply.parent, reply.position) == (first, 3)
    assert interview.comments.count() == 3
