"""The parser on the real-world corpus: one line per transcript, and the total.

Each transcript in tests/transcript/corpus/ has a JSON file beside it with a hand-checked
expectation (see that folder's README): how many turns of speech, who speaks and in which role,
the first and last turn, and perhaps the title. A file passes when the parse matches all of it,
no turn of speech has a blank speaker, and every line of the input is in exactly one place
(interviews/transcript/accounting.py).

    .venv/bin/python bench/corpus_score.py [NAME ...] [--verbose] [--folder FOLDER]

Exits with 1 when any file misses; tests/transcript/test_corpus.py runs the same checks.
--folder scores another folder of the same pairs, such as the held-out transcripts that do not
pass yet (tests/transcript/holdout/, see its README).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviews.transcript import ParsedTranscript, ParseHints, parse
from interviews.transcript.accounting import conservation_problems

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "transcript" / "corpus"
TEXT_SUFFIXES = (".txt", ".md", ".srt", ".vtt")
SPEECH_KINDS = ("question", "answer", "remark")


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    """Every transcript of `folder` (the corpus unless told) that has its expectation beside it."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in TEXT_SUFFIXES and path.with_suffix(".json").exists()
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _hints(spec: dict) -> ParseHints:
    given = spec.get("hints") or {}
    return ParseHints(
        interviewers=list(given.get("interviewers") or []),
        interviewees=list(given.get("interviewees") or []),
        speakers=list(given.get("speakers") or []),
    )


def misses(parsed: ParsedTranscript, text: str, expect: dict) -> list[str]:
    """How `parsed` differs from the expectation; empty when it matches."""
    found: list[str] = []
    speech = [turn for turn in parsed.turns if turn.kind in SPEECH_KINDS]
    if len(speech) != expect["speech_turns"]:
        found.append(f"{len(speech)} turns of speech, expected {expect['speech_turns']}")
    blank = sum(1 for turn in speech if not turn.speaker.strip())
    if blank:
        found.append(f"{blank} turns with no speaker")
    roles = {name: "interviewer" for name in parsed.interviewers}
    roles.update({name: "interviewee" for name in parsed.interviewees if name not in roles})
    speakers = {name: roles.get(name, "?") for name in parsed.speakers}
    if speakers != expect["speakers"]:
        wrong = sorted(
            f"{name}: {speakers.get(name, 'absent')} (expected {role})"
            for name, role in expect["speakers"].items()
            if speakers.get(name) != role
        )
        extra = sorted(f"{name}: unexpected" for name in speakers if name not in expect["speakers"])
        found.append("speakers " + "; ".join(wrong + extra))
    for end, turn in (
        ("first", speech[0] if speech else None),
        ("last", speech[-1] if speech else None),
    ):
        wanted = expect.get(end)
        if not wanted:
            continue
        if turn is None:
            found.append(f"no {end} turn")
            continue
        if turn.speaker != wanted["speaker"]:
            found.append(f"{end} turn by {turn.speaker!r}, expected {wanted['speaker']!r}")
        flat = _flat(turn.text)
        if "starts" in wanted and not flat.startswith(_flat(wanted["starts"])):
            found.append(f"{end} turn starts {flat[:50]!r}")
        if "ends" in wanted and not flat.endswith(_flat(wanted["ends"])):
            found.append(f"{end} turn ends {flat[-50:]!r}")
    if "title" in expect and _flat(parsed.title) != _flat(expect["title"]):
        found.append(f"title {parsed.title[:60]!r}")
    problems = conservation_problems(text, parsed)
    if problems:
        found.append(f"{len(problems)} conservation problem(s): {problems[0]}")
    return found


def spec_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def score(path: Path) -> tuple[dict, ParsedTranscript, list[str]]:
    spec = spec_of(path)
    text = path.read_text(encoding="utf-8")
    parsed = parse(text, _hints(spec))
    return spec, parsed, misses(parsed, text, spec["expect"])


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("names", nargs="*", help="only files whose name contains one of these")
    arguments.add_argument("--verbose", action="store_true", help="print every miss of a file")
    arguments.add_argument(
        "--folder", type=Path, default=CORPUS, help="a folder of transcript and .json pairs"
    )
    options = arguments.parse_args()
    files = [
        path
        for path in corpus_files(options.folder)
        if not options.names or any(name in path.name for name in options.names)
    ]
    passed = 0
    formats: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        spec, parsed, found = score(path)
        formats[spec.get("format", "?")] += 1
        speech = sum(1 for turn in parsed.turns if turn.kind in SPEECH_KINDS)
        status = "pass" if not found else "MISS"
        passed += not found
        detail = "" if not found else "  " + (" | ".join(found) if options.verbose else found[0])
        print(f"{status}  {path.name:<58} {speech:>4}/{spec['expect']['speech_turns']:<4}{detail}")
    elapsed = time.perf_counter() - started
    print(
        f"\n{passed}/{len(files)} transcripts pass, in {len(formats)} formats "
        f"({elapsed:.2f} s to parse and check them all)"
    )
    return 0 if passed == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
