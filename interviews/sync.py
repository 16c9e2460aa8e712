"""Timing a transcript against its recording: the turns the sync page shows, and saving stamps.

The admin's sync page (interviews/admin_sync.py) lets an editor play the recording and stamp
each turn as it starts. What is saved must read in order: a turn's time is never earlier than
the time of a turn above it (turns with no time are skipped), and none is past the end of the
recording when its length is known. `timestamps_out_of_order` is that rule, used by the form to
say where, and again by `turn_timestamps_sync` on the rows it has locked, in case the transcript
changed between the two.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from reversion.models import Version

from interviews.history import interview_revision_record
from interviews.models import Interview, Turn
from interviews.transcript.model import precise_timestamp_text


@dataclass(frozen=True)
class OutOfOrder:
    """A turn whose time is earlier than that of the nearest stamped turn above it."""

    turn_id: int
    earlier_than_position: int
    earlier_than_time: datetime.timedelta

    @property
    def message(self) -> str:
        return (
            f"Earlier than turn {self.earlier_than_position} "
            f"({precise_timestamp_text(self.earlier_than_time)}): times must not go back "
            "along the transcript."
        )


@dataclass(frozen=True)
class SyncOutcome:
    changed: int  # turns whose time the save changed
    stamped: int  # turns with a time after it
    total: int  # turns in the interview

    @property
    def description(self) -> str:
        return (
            f"Timestamps synchronised with the recording ({self.stamped} of {self.total} "
            f"turns stamped, {self.changed} changed)."
        )


class TimestampSyncError(Exception):
    """The stamps cannot be saved as they are; the message says why, for the editor."""


def timestamps_out_of_order(
    ordered: Sequence[tuple[int, int, datetime.timedelta | None]],
) -> list[OutOfOrder]:
    """Each (turn id, position, time), in transcript order, whose time goes back.

    A time is compared with the nearest time above it, so that one turn stamped too late marks
    the one after it, and not every turn below.
    """
    found = []
    previous: tuple[int, datetime.timedelta] | None = None
    for turn_id, position, timestamp in ordered:
        if timestamp is None:
            continue
        if previous is not None and timestamp < previous[1]:
            found.append(OutOfOrder(turn_id, *previous))
        previous = (position, timestamp)
    return found


def turn_timestamps_sync(
    *,
    interview: Interview,
    timestamps: Mapping[int, datetime.timedelta | None],
    user=None,
) -> SyncOutcome:
    """Give the interview's turns these times ({turn id: time or None}), all or none.

    `timestamps` names every turn of the interview, and only those; their times must be in
    order (`timestamps_out_of_order`). Only the turns whose time changes are written, in one
    bulk update, and the change is recorded in the edit history under `user`. The number of
    queries does not depend on the number of turns. Raises TimestampSyncError, having saved
    nothing, when the transcript no longer matches or the times are out of order.
    """
    with transaction.atomic():
        # The interview row is locked, as by a comment or an import, so that two saves of the
        # same interview's stamps follow each other and the second checks what the first wrote.
        list(Interview.objects.select_for_update().filter(pk=interview.pk).values_list("pk"))
        turns = list(
            Turn.objects.filter(interview=interview)
            .order_by("position")
            .only("pk", "position", "timestamp")
        )
        if {turn.pk for turn in turns} != set(timestamps):
            raise TimestampSyncError(
                "The transcript has changed since this page was loaded (turns were added, "
                "removed or moved): nothing was saved. Reload the page and stamp again."
            )
        out_of_order = timestamps_out_of_order(
            [(turn.pk, turn.position, timestamps[turn.pk]) for turn in turns]
        )
        if out_of_order:
            position_of = {turn.pk: turn.position for turn in turns}
            raise TimestampSyncError(
                "Nothing was saved: the times go back at turn "
                + ", ".join(str(position_of[each.turn_id]) for each in out_of_order)
                + "."
            )
        changed = [turn for turn in turns if turn.timestamp != timestamps[turn.pk]]
        outcome = SyncOutcome(
            changed=len(changed),
            stamped=sum(1 for value in timestamps.values() if value is not None),
            total=len(turns),
        )
        if not changed:
            return outcome
        if not Version.objects.get_for_object(interview).exists():
            # As the admin's change page does before a first change (history_record), with the
            # comments' replies read in one query rather than one a comment.
            interview_revision_record(
                interview, user=user, comment="The state before its first change in the admin."
            )
        for turn in changed:
            turn.timestamp = timestamps[turn.pk]
        Turn.objects.bulk_update(changed, ["timestamp"])
        interview_revision_record(interview, user=user, comment=outcome.description)
    return outcome
