"""Text for the confidentiality screening of attachments without a text layer (scans, images).

A PDF page with no extractable text, and an image, is read with Tesseract (`tesseract` with the
Debian `tesseract-ocr-chi-sim` data, language chi_sim+eng), called as a subprocess with a time
cap per page and at most `OCR_MAX_PAGES` pages per attachment. A page that OCR could not read
(no text found, the engine missing, the time cap reached or beyond the page limit) is listed in
`pages_to_check`: the reviewer must confirm each such page by hand (“已人工核对”) before the
version can be approved (catalog.actions.review). What cannot be screened cannot be published.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile

log = logging.getLogger(__name__)

OCR_LANGUAGES = "chi_sim+eng"
OCR_MAX_PAGES = 20
OCR_PAGE_SECONDS = 30
RENDER_DPI = 200
MIN_TEXT_CHARS = 4  # fewer recognised characters than this: the page counts as unread


def available() -> bool:
    return shutil.which("tesseract") is not None and os.environ.get("GONGKAI_OCR", "on") != "off"


def _tesseract(image_path: str) -> str:
    result = subprocess.run(
        ["tesseract", image_path, "stdout", "-l", OCR_LANGUAGES],
        capture_output=True,
        timeout=OCR_PAGE_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        return ""
    text = result.stdout.decode("utf-8", "replace")
    return text if sum(not c.isspace() for c in text) >= MIN_TEXT_CHARS else ""


def ocr_image(data: bytes, suffix: str) -> str:
    """The recognised text of an image ('' when nothing could be read)."""
    if not available():
        return ""
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as folder:
        path = os.path.join(folder, "image" + suffix)
        with open(path, "wb") as out:
            out.write(data)
        try:
            return _tesseract(path)
        except (subprocess.TimeoutExpired, OSError):
            log.info("OCR of an image failed", exc_info=True)
            return ""


def ocr_pdf_pages(data: bytes, pages: list[int]) -> dict[int, str]:
    """{page: recognised text} for the first OCR_MAX_PAGES of `pages` (1-based); unread pages are absent."""
    if not available() or shutil.which("pdftoppm") is None:
        return {}
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as folder:
        source = os.path.join(folder, "source.pdf")
        with open(source, "wb") as pdf:
            pdf.write(data)
        for page in pages[:OCR_MAX_PAGES]:
            stem = os.path.join(folder, f"page{page}")
            try:
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        str(RENDER_DPI),
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-png",
                        "-singlefile",
                        source,
                        stem,
                    ],
                    capture_output=True,
                    timeout=OCR_PAGE_SECONDS,
                    check=False,
                )
                if os.path.exists(stem + ".png"):
                    text = _tesseract(stem + ".png")
                    if text:
                        out[page] = text
            except (subprocess.TimeoutExpired, OSError):
                log.info("OCR of a PDF page failed", exc_info=True)
    return out
