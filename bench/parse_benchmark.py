"""How parse time grows with input size: 10 kB, 100 kB, 1 MB and 10 MB of realistic pages.

Each input is a generated web page (header furniture, title, intro, a labelled interview with
captions, directions and bullet lists, a closing note, a comment thread and a related-articles
footer), with the interview repeated and varied until the page reaches the size. A second series
does the same for an unlabelled interview (questions ending in "?") hard-wrapped like PDF text.
The parser should be linear: each 10x step in size should cost about 10x in time (the issue's
bound is 12x). A last table times hostile shapes (a megabyte of colons, 50,000 distinct labels...)
at two sizes ten times apart, to show that none of them is worse than linear either.

    .venv/bin/python bench/parse_benchmark.py [--repeat N]

This prints figures; it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviews.transcript import parse
from interviews.transcript.text import word_list

SIZES = [10_000, 100_000, 1_000_000, 10_000_000]
WORDS = word_list(
    """the bees dance at dawn and nobody knows why honey keeps for years in sealed jars when we
    moved here the hives were empty my grandmother kept olives in jars like these the light
    turns by itself but machines get lonely too salt gets into everything"""
)
HOSTS = ["Ana Ruiz", "Ben Okafor", "Chloé Martin"]  # one host and one guest per page
GUESTS = ["Dev Patel", "Eva Lind", "Farid Haddad", "Gu Li"]


def sentence(rng: random.Random, end: str = ".") -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    return " ".join(words).capitalize() + end


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def labelled_interview(rng: random.Random, host: str, guest: str) -> list[str]:
    """One part of the talk; the labels vary from part to part as real pages' do."""
    host_label = rng.choice([host.split()[0], host, host.upper()])
    guest_label = rng.choice([guest.split()[0], guest, guest.split()[-1].upper()])
    blocks = ["* * *"]
    for turn in range(rng.randint(8, 16)):
        if rng.random() < 0.1:
            blocks.append(f"Figure {turn + 1}: {sentence(rng)}")
        if rng.random() < 0.05:
            blocks.append(rng.choice(["(LAUGHTER)", "[Music]", "(COMMERCIAL BREAK)"]))
        blocks.append(f"{host_label}: {sentence(rng, '?')}")
        blocks.append(f"{guest_label}: {paragraph(rng, rng.randint(2, 6))}")
        for _ in range(rng.randint(0, 2)):
            blocks.append(paragraph(rng, rng.randint(2, 5)))
        if rng.random() < 0.1:
            blocks.append("\n".join(f"  • {sentence(rng)}" for _ in range(3)))
    return blocks


def labelled_page(size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    head = [
        "Skip to main content",
        "Home > Blog > Interviews",
        "A Long Conversation About Bees",
        "A keeper, a baker and a lighthouse keeper talk about their work.",
        "Dec 2017 · 15 min read",
        paragraph(rng, 4),
    ]
    tail = [
        "\n" + "Thanks for reading. " + paragraph(rng, 2),
        ", , , ,",
        "3 Responses to A Long Conversation About Bees",
        "  1. Jo Bloggs July 2, 2018 at 10:29 am #",
        "    Lovely piece.",
        "  2. Al Roe July 2, 2018 at 11:15 am #",
        "    Thank you for this.",
        "    • Ana Ruiz July 2, 2018 at 11:56 am #",
        "      Thank you, Al.",
        "Leave a Reply",
        "Related Articles",
        "Why Ants Win",
        "Colonies explained.",
        "Al Roe's photo",
        "7 min",
        "See More",
    ]
    body: list[str] = []
    budget = size - sum(len(block) + 2 for block in head + tail)
    host, guest = rng.choice(HOSTS), rng.choice(GUESTS)
    while budget > 0:
        for block in labelled_interview(rng, host, guest):
            if budget <= 0:
                break
            body.append(block)
            budget -= len(block) + 2
    return "\n\n".join(head + body + tail)


def wrapped_page(size: int, seed: int = 1) -> str:
    """An unlabelled interview, hard-wrapped at 72 columns with page numbers, like a PDF."""
    rng = random.Random(seed)
    lines = ["AN INTERVIEW ABOUT BEES", ""]
    page = 1
    length = 0
    while length < size:
        start = len(lines)
        lines.extend([*textwrap.wrap(sentence(rng, "?"), 72), ""])
        for _ in range(rng.randint(1, 3)):
            lines.extend([*textwrap.wrap(paragraph(rng, rng.randint(2, 5)), 72), ""])
        if len(lines) > 50 * page:
            lines.extend([f"Page {page}", "\f"])
            page += 1
        length += sum(len(line) + 1 for line in lines[start:])
    return "\n".join(lines)


def time_parse(text: str, repeat: int) -> tuple[float, int]:
    timings = []
    turns = 0
    for _ in range(repeat):
        started = time.perf_counter()
        parsed = parse(text)
        timings.append(time.perf_counter() - started)
        turns = len(parsed.turns)
    return statistics.median(timings), turns


# Inputs built to trip a parser up, each as a function of a count n; the tests parse them at one
# size (tests/transcript/test_robustness.py), this times them at n and 10n.
HOSTILE_SHAPES = {
    "one line of colons": lambda n: "a:" * (50 * n),
    "label-like runs": lambda n: ("Name: " + "x:" * 100) * (n // 4),
    "distinct label lines": lambda n: "\n".join(f"Line {i}: ok?" for i in range(5 * n)),
    "short lines": lambda n: "\n".join("x" * (i % 7) for i in range(5 * n)),
    "brackets": lambda n: "[(" * (50 * n),
    "lines of times": lambda n: ("0:00 " * 20 + "\n") * (2 * n),
}


def print_series(name: str, build, sizes: list[int], repeat: int) -> None:
    print(f"\n{name}")
    print(f"{'size':>10} {'chars':>10} {'turns':>7} {'seconds':>9} {'x prev':>7} {'µs/kB':>7}")
    previous = None
    for size in sizes:
        text = build(size)
        seconds, turns = time_parse(text, repeat if size < 10_000_000 else 1)
        ratio = f"{seconds / previous:.1f}" if previous else "-"
        per_kb = seconds / (len(text) / 1000) * 1e6
        print(f"{size:>10,} {len(text):>10,} {turns:>7,} {seconds:>9.3f} {ratio:>7} {per_kb:>7.0f}")
        previous = seconds


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--repeat", type=int, default=3, help="runs per size (median shown)")
    options.add_argument("--max-size", type=int, default=SIZES[-1], help="largest input, bytes")
    arguments = options.parse_args()
    sizes = [size for size in SIZES if size <= arguments.max_size]
    print_series("labelled web page", labelled_page, sizes, arguments.repeat)
    print_series("wrapped PDF text", wrapped_page, sizes, arguments.repeat)
    print("\nhostile shapes, at n and 10n (n = 1,000 and 10,000)")
    print(f"{'shape':<22} {'chars at n':>11} {'s at n':>8} {'s at 10n':>9} {'x':>5}")
    for name, build in HOSTILE_SHAPES.items():
        small, large = build(1_000), build(10_000)
        small_seconds, _ = time_parse(small, arguments.repeat)
        large_seconds, _ = time_parse(large, 1)
        ratio = large_seconds / small_seconds if small_seconds else float("nan")
        figures = f"{small_seconds:>8.3f} {large_seconds:>9.3f} {ratio:>5.1f}"
        print(f"{name:<22} {len(small):>11,} {figures}")


if __name__ == "__main__":
    main()
