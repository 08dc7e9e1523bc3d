"""Read a rendered PDF back as text in tests (poppler's pdftotext, installed by .ci/run)."""

import shutil
import subprocess


def pdf_text(pdf: bytes) -> str:
    """The text of ``pdf`` in reading order, pages separated by form feeds."""
    executable = shutil.which("pdftotext")
    assert executable, "pdftotext is missing: install poppler-utils (the set-up does this in CI)"
    result = subprocess.run([executable, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603 -- fixed executable, our own bytes
    return result.stdout.decode("utf-8")
