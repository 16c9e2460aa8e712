"""selectors.py: the interview a transcript imported again would update."""

from interviews.importing.selectors import interview_for_reimport

SOURCE_URL = "https://example.org/an-interview"


def test_the_interview_to_reimport_is_found_by_source_url_then_by_fingerprint(make_interview):
    by_url = make_interview("By URL", source_url=SOURCE_URL, import_fingerprint="a" * 64)
    by_text = make_interview("By text", import_fingerprint="b" * 64)

    assert interview_for_reimport(source_url=SOURCE_URL, fingerprint="b" * 64) == by_url
    assert interview_for_reimport(source_url="", fingerprint="b" * 64) == by_text
    assert interview_for_reimport(source_url="https://else.org/", fingerprint="b" * 64) == by_text
    assert interview_for_reimport(source_url="", fingerprint="0" * 64) is None
    assert interview_for_reimport(source_url="", fingerprint="") is None


def test_of_several_interviews_with_one_fingerprint_the_one_updated_last_is_found(make_interview):
    older = make_interview("Saved first", import_fingerprint="c" * 64)
    newer = make_interview("Saved again", import_fingerprint="c" * 64)
    assert interview_for_reimport(source_url="", fingerprint="c" * 64) == newer

    older.save()  # edited since: now the one an editor knows
    assert interview_for_reimport(source_url="", fingerprint="c" * 64) == older
