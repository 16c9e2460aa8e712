"""Real saved web pages of interviews: each parses as its hand-written expectation says.

Every `corpus/web_<slug>.html` has a `web_<slug>.json` (provenance and expectation, see
corpus/README.md) and a `web_<slug>.txt`: the page as a browser copies it. Two halves:

- the copied text goes through the text parser alone: what an editor who pastes the page gets;
- the HTML goes through the saved-page reader (`document_from_html`) and then the parser: the
  same turns of speech, plus the comments and metadata only the markup carries. Those tests skip
  until the reader exists.

The speech checks are bench/corpus_score.py's (turns, speakers and roles, first and last turn,
every line of the input in exactly one place).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from interviews.transcript import parse
from interviews.transcript.model import comments_in_page_order

CORPUS = Path(__file__).resolve().parent / "corpus"
SPECS = sorted(CORPUS.glob("web_*.json"))
SPEECH_KEYS = ("speech_turns", "speakers", "first", "last")

_SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "corpus_score.py"
_spec = importlib.util.spec_from_file_location("corpus_score", _SCRIPT)
corpus_score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_score)

# Pages whose copied text the text parser splits wrongly today; the HTML half must still pass.
TEXT_PARSER_MISSES = {
    "web_blogger-anne-lueck-2013": (
        "the copied sidebar's 'Titel: Gregs Tagebuch ...' blurb is read as a third speaker"
        " 'Titel' with a 19th and last turn"
    ),
    "web_ndr-coronavirus-update-16": (
        "menu and teaser lines 'Coronavirus-Update: ...' and 'Corona-Ticker: ...' become speakers,"
        " the hosts' roles come out swapped, five turns are lost, and some words are shown twice"
    ),
}


def _spec_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _speech_expectation(spec: dict) -> dict:
    return {key: spec["expect"][key] for key in SPEECH_KEYS}


def _text_version(path: Path) -> str:
    return (CORPUS / _spec_of(path)["text_version"]).read_text(encoding="utf-8")


def _text_misses(path: Path) -> list[str]:
    text = _text_version(path)
    return corpus_score.misses(parse(text), text, _speech_expectation(_spec_of(path)))


def _read_page(path: Path):
    web = pytest.importorskip("interviews.importing.sources.web")
    html = path.with_suffix(".html").read_text(encoding="utf-8")
    return web.document_from_html(html, url="")


def _speech_turns(text: str) -> list[tuple[str, str, str]]:
    """(speaker, kind, whitespace-normalised text) of every turn of speech."""
    return [
        (turn.speaker, turn.kind, " ".join(turn.text.split()))
        for turn in parse(text).turns
        if turn.kind in corpus_score.SPEECH_KINDS
    ]


def _with_text_parser_xfails(path: Path):
    reason = TEXT_PARSER_MISSES.get(path.stem)
    marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
    return pytest.param(path, marks=marks, id=path.stem)


def _by_name(path: Path):
    return pytest.param(path, id=path.stem)


def test_the_web_corpus_is_real_and_complete():
    assert len(SPECS) >= 3
    for path in SPECS:
        spec = _spec_of(path)
        for key in ("description", "source", "found_at", "licence", "text_version", "expect"):
            assert spec.get(key), f"{path.name}: {key}"
        assert path.with_suffix(".html").exists(), path.name
        assert (CORPUS / spec["text_version"]).exists(), spec["text_version"]
        assert path.with_suffix(".html").stat().st_size < 300_000, path.name


@pytest.mark.parametrize("path", [_with_text_parser_xfails(path) for path in SPECS])
def test_copied_text_parses_as_expected(path):
    assert _text_misses(path) == []


@pytest.mark.parametrize("path", [_by_name(path) for path in SPECS])
def test_saved_page_parses_as_expected(path):
    document = _read_page(path)
    misses = corpus_score.misses(
        parse(document.text), document.text, _speech_expectation(_spec_of(path))
    )
    assert misses == []


@pytest.mark.parametrize("path", [_by_name(path) for path in SPECS])
def test_saved_page_comments_are_read_from_the_markup(path):
    document = _read_page(path)
    expect = _spec_of(path)["expect"]
    thread = list(comments_in_page_order(document.comments or []))
    assert len(thread) == expect["comments"]
    assert sum(1 for _, depth in thread if depth == 0) == expect["top_level_comments"]
    assert sum(1 for _, depth in thread if depth > 0) == expect["replies"]


# The parser keeps a byline as printed ("By Alessandro Rubini"); the expectation names the writer.
_BY_RE = re.compile(r"^(?:(?:an? )?(?:interview(?:ed)? )?by|von)\s+", re.IGNORECASE)


@pytest.mark.parametrize("path", [_by_name(path) for path in SPECS])
def test_saved_page_metadata_is_read_from_the_markup(path):
    """What the preview proposes: the page's metadata, completed by what the parser reads in
    its text (a byline or a date printed in the article)."""
    document = _read_page(path)
    parsed = document.apply_to(parse(document.text))
    expect = _spec_of(path)["expect"]
    found = {
        "title": " ".join(parsed.title.split()),
        "published": parsed.published.isoformat() if parsed.published else None,
        "byline": _BY_RE.sub("", parsed.byline),
        "source_url": parsed.metadata.get("source_url", ""),
    }
    assert found == {key: expect[key] for key in found}


@pytest.mark.parametrize("path", [_by_name(path) for path in SPECS])
def test_saved_page_and_copied_text_give_the_same_turns(path):
    document = _read_page(path)
    if _text_misses(path):
        pytest.skip("the copied text does not parse as expected, so there is nothing to match")
    assert _speech_turns(document.text) == _speech_turns(_text_version(path))
