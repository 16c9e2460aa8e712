"""`manage.py parse_transcript`: the JSON contract other tools read, and the readable summary."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.transcript.helpers import SEEDS

PAGE = """Where the River Bends
By Helen Marsh

Helen Marsh: What brought you to the river?

Tom Reed: My father fished it every morning.

Helen Marsh: And you still do?

Tom Reed: Every morning I can.
"""


def parse_json(tmp_path, text: str) -> dict:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("parse_transcript", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_json_keeps_its_keys_and_gains_the_byline(tmp_path):
    parsed = parse_json(tmp_path, PAGE)
    assert list(parsed) == [
        "title",
        "byline",
        "published",
        "intro",
        "outro",
        "speakers",
        "turns",
        "comments",
        "ignored",
        "warnings",
    ]
    assert parsed["byline"] == "By Helen Marsh"
    assert list(parsed["turns"][0]) == ["speaker", "kind", "text", "timestamp"]


def test_a_seed_page_keeps_its_comment_shape(tmp_path):
    text = (SEEDS / "000_4dfcc7687fa37658.txt").read_text(encoding="utf-8")
    parsed = parse_json(tmp_path, text)
    assert list(parsed["comments"][0]) == ["author", "posted", "text", "replies"]


def test_the_summary_shows_the_byline(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    out = StringIO()
    call_command("parse_transcript", str(path), stdout=out)
    assert "Byline:    By Helen Marsh" in out.getvalue()


def test_a_saved_page_is_read_with_its_comment_markup_and_metadata():
    out = StringIO()
    call_command("parse_transcript", str(SEEDS / "000_4dfcc7687fa37658.html"), "--json", stdout=out)
    parsed = json.loads(out.getvalue())
    assert parsed["published"] == "2018-07-02"
    assert parsed["byline"] == "Adrian Rosebrock"
    assert len(parsed["comments"]) == 33
    assert sum(len(comment["replies"]) for comment in parsed["comments"]) == 10


def test_a_file_that_cannot_be_read_is_a_command_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(CommandError, match="PDF"):
        call_command("parse_transcript", str(path))
