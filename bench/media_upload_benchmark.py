"""A long recording uploaded to the admin: reading the body, checking the file; time and memory.

Makes an MP3 of `--minutes` of tone with ffmpeg (kept in --work-dir for the next run), writes it
as a multipart body to a file, and reads that body as the admin does for a staff member
(`config.request_limits.multipart_form`, the file going to a temporary file through Django's
upload handlers), then checks the upload (`interviews.recordings.media_facts`). Prints the time
of each step and the peak Python heap while reading the body (tracemalloc).

    .venv/bin/python bench/media_upload_benchmark.py [--minutes 180] [--work-dir /tmp/media-bench]

No database is touched; needs ffmpeg (/usr/bin/ffmpeg).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIRequest  # noqa: E402

from config.request_limits import admin_limits, multipart_form  # noqa: E402
from interviews.recordings import media_facts  # noqa: E402

BOUNDARY = "media-benchmark-boundary"


def long_mp3(work_dir: Path, minutes: int) -> Path:
    path = work_dir / f"tone-{minutes}min.mp3"
    if not path.exists():
        subprocess.run(
            ["/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
             "-i", f"sine=frequency=440:duration={minutes * 60}", "-c:a", "libmp3lame",
             "-b:a", "128k", str(path)],
            check=True,
        )  # fmt: skip
    return path


def multipart_body(recording: Path, body: Path) -> int:
    with body.open("wb") as out, recording.open("rb") as source:
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="interview"\r\n\r\n1\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{recording.name}"\r\nContent-Type: audio/mpeg\r\n\r\n'.encode()
        )
        while chunk := source.read(1 << 20):
            out.write(chunk)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return body.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=int, default=180)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/media-bench"))
    options = parser.parse_args()
    options.work_dir.mkdir(parents=True, exist_ok=True)
    recording = long_mp3(options.work_dir, options.minutes)
    body_path = options.work_dir / "body.bin"
    length = multipart_body(recording, body_path)
    try:
        with body_path.open("rb") as body:
            request = WSGIRequest(
                {
                    "REQUEST_METHOD": "POST",
                    "PATH_INFO": "/admin/interviews/recording/add/",
                    "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
                    "CONTENT_LENGTH": str(length),
                    "wsgi.input": body,
                    "SERVER_NAME": "127.0.0.1",
                    "SERVER_PORT": "80",
                    "wsgi.url_scheme": "http",
                }
            )
            tracemalloc.start()
            start = time.perf_counter()
            _, files = multipart_form(request, admin_limits())
            read_seconds = time.perf_counter() - start
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        upload = files["file"]
        start = time.perf_counter()
        facts = media_facts(upload, size=upload.size)
        check_seconds = time.perf_counter() - start
        upload.close()
    finally:
        body_path.unlink()
    print(f"recording: {recording.name}, {length / 1e6:.0f} MB body, {facts.duration} long")
    print(f"reading the body: {read_seconds:.2f} s, peak Python heap {peak / 1e6:.1f} MB")
    print(f"upload kept as: {type(upload).__name__} ({upload.size / 1e6:.0f} MB on disk)")
    print(f"checking the file (media_facts): {check_seconds:.2f} s")


if __name__ == "__main__":
    main()
