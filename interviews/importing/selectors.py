"""What an import reads before it writes: the interview a transcript imported again would update."""

from __future__ import annotations

from interviews.models import Interview


def interview_for_reimport(*, source_url: str, fingerprint: str) -> Interview | None:
    """The interview this import repeats: the one with its source URL, else with its text.

    The fingerprint (`drafts.transcript_fingerprint`) recognises a transcript pasted again
    without its address. Several interviews may share one (an import saved twice before
    fingerprints were checked): the one updated last is the one an editor knows.
    """
    if source_url:
        by_source = Interview.objects.filter(source_url=source_url).order_by("pk").first()
        if by_source is not None:
            return by_source
    if not fingerprint:
        return None
    return (
        Interview.objects.filter(import_fingerprint=fingerprint)
        .order_by("-updated_at", "-pk")
        .first()
    )
