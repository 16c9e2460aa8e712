"""The real-world corpus: every transcript parses as its hand-checked expectation says.

The checks are bench/corpus_score.py's (turns of speech, speakers and roles, first and last
turn, title, conservation of every line); the script prints the same as a table.
"""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "corpus_score.py"
_spec = importlib.util.spec_from_file_location("corpus_score", SCRIPT)
corpus_score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_score)

FILES = corpus_score.corpus_files()


def test_the_corpus_is_real_and_varied():
    formats = {corpus_score.spec_of(path)["format"] for path in FILES}
    assert len(FILES) >= 40
    assert len(formats) >= 12


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_corpus_transcript_parses_as_expected(path):
    _, _, misses = corpus_score.score(path)
    assert misses == []


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_corpus_transcript_has_provenance(path):
    spec = corpus_score.spec_of(path)
    for key in ("description", "source", "found_at", "licence", "format", "expect"):
        assert spec.get(key), key
