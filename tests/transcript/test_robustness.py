"""Any string parses, deterministically, into text taken from the input; exports read back.

The example counts are modest here; a slow job runs the same properties with many more:

    TRANSCRIPT_FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/transcript/test_robustness.py
"""

import ast
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.transcript import ParsedTranscript, ParseHints, parse, to_markdown
from interviews.transcript import parser as parser_module
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.text import normalise, word_list
from tests.transcript.helpers import SAMPLES, SEEDS

WORD = re.compile(r"\w+")
FUZZ = settings(
    max_examples=int(os.environ.get("TRANSCRIPT_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Lines in the shapes the parser cares about, to steer random text towards its rules.
SHAPED_LINES = st.sampled_from(
    [
        "",
        "Q: Why?",
        "A: Because.",
        "KING: Hello?",
        "LARRY KING, HOST: Welcome.",
        "**Bob:** yes",
        "**Bob**: no",
        "(LAUGHTER)",
        "[Music]",
        "Figure 1: a chart",
        "00:00:01,000 --> 00:00:02,000",
        "00:00:01.000 --> 00:00:02.000",
        "1",
        "WEBVTT",
        "NOTE a note",
        "<v Ann>hello",
        "---",
        "Page 2 of 3",
        "\f",
        "Jane Doe  0:35",
        "Jane Doe (00:01:02):",
        "(00:01:10):",
        "[00:00:01] Bob: hi",
        "00:00:05 [Ann] hello",
        "- item",
        "• item",
        "1. first",
        "Title: X",
        "Date: July 2, 2018",
        "Leave a Reply",
        "15 min read",
        "Skip to main content",
        "HomeBlogDeep Learning",
        "3 Responses to X",
        "Jo Bloggs July 2, 2018 at 10:29 am #",
        "What now?",
        "Why-\nnot",
        "# Heading",
        "*emphasis*",
        "Best,",
    ]
)
LINES = st.lists(st.one_of(st.text(max_size=60), SHAPED_LINES), max_size=40)
HINTS = st.builds(
    ParseHints,
    speakers=st.lists(st.text(max_size=12), max_size=2),
    interviewers=st.lists(st.sampled_from(["Bob", "Ann", "Jane Doe", "Q"]), max_size=1),
    interviewees=st.lists(st.sampled_from(["Bob", "Ann", "Larry King"]), max_size=1),
    format=st.sampled_from(["auto", "labelled", "qa", "alternating", "timestamped", "srt", "vtt"]),
)


def assert_parses_cleanly(text: str, hints: ParseHints | None = None) -> ParsedTranscript:
    parsed = parse(text, hints)
    assert isinstance(parsed, ParsedTranscript)
    assert not any(warning.startswith("internal error") for warning in parsed.warnings)
    parsed.as_json()
    return parsed


def assert_words_come_from(parsed: ParsedTranscript, text: str) -> None:
    """Every word of every turn is in the input (control characters dropped, hyphens mended)."""
    source = normalise(text)
    # A word broken at a line end may also be broken across a page break (a form-feed line).
    mended = re.sub(r"[-\u00ad][ \t]*\n(?:[ \t\f]*\n)*[ \t\f]*", "", source)
    for turn in parsed.turns:
        for word in WORD.findall(turn.text):
            assert word in source or word in mended, (word, turn.text)


def assert_conserved(parsed: ParsedTranscript, text: str) -> None:
    """Every non-blank line is in exactly one place, with its words (see accounting.py)."""
    assert conservation_problems(text, parsed) == []


@FUZZ
@given(st.text())
def test_any_string_parses(text):
    assert_parses_cleanly(text)


@pytest.mark.parametrize(
    "path",
    sorted(SAMPLES.iterdir()) + sorted(SEEDS.glob("*.txt")),
    ids=lambda path: path.name,
)
def test_every_line_of_every_sample_is_in_exactly_one_place(path):
    text = path.read_text(encoding="utf-8")
    assert_conserved(parse(text), text)


@FUZZ
@given(LINES, st.one_of(st.none(), HINTS))
def test_any_lines_parse_with_any_hints(lines, hints):
    assert_parses_cleanly("\n".join(lines), hints)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_turn_words_come_from_the_input(text):
    assert_words_come_from(parse(text), text)


@FUZZ
@given(LINES)
def test_turn_words_come_from_shaped_input(lines):
    text = "\n".join(lines)
    assert_words_come_from(parse(text), text)


@FUZZ
@given(LINES)
def test_parse_is_deterministic(lines):
    text = "\n".join(lines)
    assert parse(text).as_json() == parse(text).as_json()
    assert parse(text) == parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n" * 10_000,
        "\x00" * 100,
        "\u202e\u202dAna: hi\u202c\n\nBen: \u2067yo\u2069",
        "\r\n\r\rAna: a?\r\nBen: b\r\n",
        "\f\f\f",
        "\ufeffAna: a?\n\nBen: b.",
        ":" * 10_000,
        "Q:" * 5000,
        "**" * 5000,
        "[" * 5000 + "]" * 5000,
        "00:00:01 --> " * 1000,
    ],
)
def test_awkward_strings_parse(text):
    assert_parses_cleanly(text)


@pytest.mark.parametrize(
    "text",
    [
        # Found by the fuzz job: a soft hyphen before a page break joins "0" and "0".
        "Q 0\u00ad\f0",
        "Q 0\u00ad\n\f\n0",
    ],
)
def test_words_joined_across_a_page_break_come_from_the_input(text):
    parsed = assert_parses_cleanly(text)
    assert_words_come_from(parsed, text)
    assert_conserved(parsed, text)


@pytest.mark.parametrize("value", [None, b"Ana: hi?\n\nBen: yo.", 42])
def test_not_quite_strings_parse(value):
    parsed = parse(value)
    assert isinstance(parsed, ParsedTranscript)
    assert not any(warning.startswith("internal error") for warning in parsed.warnings)


def test_bad_hints_are_ignored():
    hints = ParseHints(speakers="Ana", interviewers=[None, 3], interviewees=None, format="pdf")
    parsed = parse("Ana: hi?\n\nBen: yo.\n\nAna: so?\n\nBen: ok.", hints)
    assert parsed.speakers == ["Ana", "Ben"]


def test_an_internal_error_becomes_a_warning(monkeypatch):
    def broken(*arguments):
        raise RuntimeError("boom")

    monkeypatch.setattr(parser_module, "_read_text", broken)
    parsed = parse("Ana: hi?\n\nBen: yo.")
    assert parsed.turns == []
    assert parsed.warnings == ["internal error (RuntimeError): the transcript could not be parsed"]


# --- Markdown export reads back to the same turns ---------------------------------------------

NAMES = ["Ana", "Ben Roe", "CARLA DIAZ", "Dr. Eva Lind", "Farid", "Gu Li"]
WORDS = st.sampled_from(
    word_list(
        """the bees dance at dawn and nobody knows why honey keeps for years in sealed jars when we
        moved here the hives were empty"""
    )
)
SENTENCE = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(WORDS, min_size=1, max_size=12),
    st.sampled_from([".", "?", "!", "…"]),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def interviews(draw):
    """A generated interview in one of the labelled layouts the parser reads.

    Everyone speaks at least twice: a plain label seen once is not a speaker (by design), and
    its turn would merge into the previous speaker's.
    """
    speakers = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=3, unique=True))
    style = draw(st.sampled_from(["{}: ", "**{}:** ", "**{}**: ", "{}:\n"]))
    blocks = []
    if draw(st.booleans()):
        blocks.append(draw(PARAGRAPH).rstrip(".?!…"))  # a title
    for turn in range(draw(st.integers(min_value=2 * len(speakers), max_value=12))):
        extra = draw(st.sampled_from(["", "", "", "caption", "direction"]))
        if extra == "caption":
            blocks.append(f"Figure {turn + 1}: {draw(PARAGRAPH)}")
        elif extra == "direction":
            blocks.append(draw(st.sampled_from(["(LAUGHTER)", "[Music]", "(COMMERCIAL BREAK)"])))
        speaker = speakers[turn % len(speakers)]
        paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=3))
        blocks.append(style.format(speaker) + paragraphs[0])
        blocks.extend(paragraphs[1:])
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            blocks.append("• " + draw(PARAGRAPH) + "\n• " + draw(PARAGRAPH))
    return "\n\n".join(blocks)


@FUZZ
@given(st.one_of(st.text(), LINES.map("\n".join), interviews()), st.one_of(st.none(), HINTS))
def test_every_line_is_in_exactly_one_place(text, hints):
    assert_conserved(parse(text, hints), text)


def turn_tuples(parsed):
    return [(t.speaker, t.kind, t.text, t.timestamp) for t in parsed.turns]


@FUZZ
@given(interviews())
def test_markdown_export_reads_back_to_the_same_turns(text):
    parsed = parse(text)
    again = parse(to_markdown(parsed))
    assert turn_tuples(again) == turn_tuples(parsed)
    assert (again.title, again.intro, again.outro) == (parsed.title, parsed.intro, parsed.outro)


@pytest.mark.parametrize(
    "path",
    sorted(SAMPLES.iterdir()) + sorted(SEEDS.glob("*.txt")),
    ids=lambda path: path.name,
)
def test_markdown_export_of_every_sample_reads_back(path):
    parsed = parse(path.read_text(encoding="utf-8"))
    again = parse(to_markdown(parsed))
    assert turn_tuples(again) == turn_tuples(parsed)
    assert (again.title, again.deck, again.intro, again.outro) == (
        parsed.title,
        parsed.deck,
        parsed.intro,
        parsed.outro,
    )


def test_markdown_export_shape():
    parsed = parse(
        "Bees\n\nSome intro.\n\nFigure 1: A hive.\n\n[00:00:05] Ana: Why?\n\n"
        "[00:00:07] Ben: They dance.\n\nReally.\n\n[00:00:09] (LAUGHTER)\n\n"
        "[00:00:11] Ana: And?\n\n[00:00:12] Ben: Nothing.\n\n\nBen keeps bees."
    )
    assert to_markdown(parsed) == (
        "# Bees\n\nSome intro.\n\n*Figure 1: A hive.*\n\n[00:00:05] **Ana:** Why?\n\n"
        "[00:00:07] **Ben:** They dance.\n\nReally.\n\n[00:00:09] *(LAUGHTER)*\n\n"
        "[00:00:11] **Ana:** And?\n\n[00:00:12] **Ben:** Nothing.\n\n---\n\nBen keeps bees.\n"
    )


# --- Large inputs of awkward shapes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a:" * 500_000, id="1 MB line of colons"),
        pytest.param(("Name: " + "x:" * 100) * 5000, id="1 MB of label-like runs"),
        pytest.param("\n".join(f"Line {i}: ok?" for i in range(50_000)), id="50,000 label lines"),
        pytest.param("\n".join("x" * (i % 7) for i in range(50_000)), id="50,000 short lines"),
        pytest.param("[(" * 500_000, id="1 MB of brackets"),
        pytest.param("# x" + " " * 100_000 + "y", id="a heading with a long run of spaces"),
        pytest.param("Ana" + " " * 100_000 + "0:35", id="a label line with a long run of spaces"),
        pytest.param(("0:00 " * 20 + "\n") * 20_000, id="20,000 lines of times"),
    ],
)
def test_large_hostile_inputs_parse(text):
    # How long they take is for bench/parse_benchmark.py to print: a wall-clock limit here would
    # fail on a busy machine. A regex that backtracks without bound would still hang this test.
    assert_parses_cleanly(text)


def test_the_parser_imports_only_the_standard_library():
    package = Path(parser_module.__file__).parent
    sources = sorted(package.rglob("*.py"))
    assert package / "modes" / "labelled.py" in sources  # the modes' package is checked too
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert (
                    top in sys.stdlib_module_names
                    or module.startswith("interviews.transcript")
                    or top == "__future__"
                ), (source.name, module)


def test_an_internal_error_loses_no_line(monkeypatch):
    def broken(*arguments):
        raise RuntimeError("boom")

    monkeypatch.setattr(parser_module, "assemble", broken)
    text = "# A title\n\nAna: hi?\n\nBen: yo."
    parsed = parse(text)
    assert parsed.ignored == ["# A title", "Ana: hi?", "Ben: yo."]
    assert conservation_problems(text, parsed) == []
