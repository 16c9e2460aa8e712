"""Reading files and pages for the import: time and memory per file, and what each gives.

Every PDF, Word file and saved page of the importing corpus (tests/interviews/importing/corpus/)
and the two seed pages as HTML are read as the admin's upload reads them
(`document_from_upload`), then parsed, `--repeat` times; one line per file: its size, the
median time to read it, to parse its text, the peak Python heap while reading it (tracemalloc:
pdfminer and python-docx are counted, lxml's own C allocations are not), and the turns,
comments and set-aside lines it gives.

    .venv/bin/python bench/source_benchmark.py [--repeat 5] [NAME ...]

Pure Python: no database, no Django settings needed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviews.importing.sources.reading import document_from_upload  # noqa: E402
from interviews.transcript import parse  # noqa: E402
from interviews.transcript.model import comments_in_page_order  # noqa: E402

CORPUS = ROOT / "tests" / "interviews" / "importing" / "corpus"
SEEDS = ROOT / "fixtures" / "seeds"
SUFFIXES = (".pdf", ".docx", ".html")


def source_files(names: list[str]) -> list[Path]:
    files = sorted(path for path in CORPUS.iterdir() if path.suffix in SUFFIXES)
    files += sorted(SEEDS.glob("*.html"))
    return [path for path in files if not names or any(name in path.name for name in names)]


def measure(path: Path, repeat: int) -> dict:
    data = path.read_bytes()
    read_times, parse_times = [], []
    document = parsed = None
    for _ in range(repeat):
        started = time.perf_counter()
        document = document_from_upload(path.name, data)
        read_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        parsed = document.apply_to(parse(document.text))
        parse_times.append(time.perf_counter() - started)
    tracemalloc.start()
    document_from_upload(path.name, data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "name": path.name,
        "kb": len(data) / 1024,
        "read_ms": statistics.median(read_times) * 1000,
        "parse_ms": statistics.median(parse_times) * 1000,
        "peak_mb": peak / (1024 * 1024),
        "turns": len(parsed.turns),
        "comments": sum(1 for _ in comments_in_page_order(parsed.comments)),
        "set_aside": len(document.set_aside),
    }


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("names", nargs="*", help="only files whose name contains one of these")
    arguments.add_argument("--repeat", type=int, default=5)
    options = arguments.parse_args()
    header = (
        f"{'file':<44} {'KB':>6} {'read ms':>8} {'parse ms':>9} {'peak MB':>8} "
        f"{'turns':>6} {'comments':>9} {'set aside':>10}"
    )
    print(header)
    print("-" * len(header))
    refused = 0
    for path in source_files(options.names):
        try:
            row = measure(path, max(1, options.repeat))
        except ValueError as error:  # UnreadableSource: a corpus file kept to test a refusal
            refused += 1
            print(f"{path.name:<44} refused: {str(error)[:70]}")
            continue
        print(
            f"{row['name']:<44} {row['kb']:>6.0f} {row['read_ms']:>8.1f} {row['parse_ms']:>9.1f} "
            f"{row['peak_mb']:>8.1f} {row['turns']:>6} {row['comments']:>9} "
            f"{row['set_aside']:>10}"
        )
    print(f"({refused} refused, as their provenance says they should be)" if refused else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
