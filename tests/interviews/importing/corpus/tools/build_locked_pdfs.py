"""Writes the two encrypted PDFs of the corpus; run by hand, never by the tests.

    PYTHONPATH=. python tests/interviews/importing/corpus/tools/build_locked_pdfs.py

The tests' PDF writer has no encryption, so qpdf (https://qpdf.sourceforge.io, `apt-get install
qpdf`) encrypts one of its small PDFs with AES-256 twice: once with a password needed to open it
(pdf_password-locked.pdf: user password "secret"), once with only an owner password, which
restricts editing but opens without one (pdf_owner-password-only.pdf), as many published PDFs do.
"""

import subprocess
import tempfile
from pathlib import Path

from tests.interviews.importing.pdf_builder import TextAt, build_pdf

CORPUS = Path(__file__).resolve().parents[1]


def interview_pdf() -> bytes:
    return build_pdf(
        [
            [
                TextAt(72, 700, "Q: Where did you grow up?"),
                TextAt(72, 680, "A: In a small town by the sea, where my father kept a shop."),
            ]
        ]
    )


def encrypt(source: Path, target: Path, user_password: str) -> None:
    subprocess.run(
        ["qpdf", "--encrypt", user_password, "owner-secret", "256", "--", str(source), str(target)],
        check=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.pdf"
        plain.write_bytes(interview_pdf())
        encrypt(plain, CORPUS / "pdf_password-locked.pdf", "secret")
        encrypt(plain, CORPUS / "pdf_owner-password-only.pdf", "")


if __name__ == "__main__":
    main()
