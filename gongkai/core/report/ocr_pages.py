"""Pages for tesseract, and one tesseract process per pass over a multi-page TIFF.

Contract: `page(array, height, paper)` is a piece of the picture scaled to `height` pixels,
ink black on white, with a margin all round. `pages_text(jobs)` runs, for each (pages,
tesseract arguments), one tesseract process reading the pages as one multi-page TIFF (the
processes run concurrently) and gives back the text of every page; None when tesseract fails,
times out, or gives back another number of pages, or when a pass holds more than
`MAX_PASS_PIXELS`.
"""

from __future__ import annotations

import os
import subprocess
from io import BytesIO

OCR_TIMEOUT = 60
MAX_PASS_PIXELS = 20_000_000  # all pages of one pass
PAGE_BREAK = "\f"


def page(array, height: int, paper: float, margin: int | None = None):
    """The piece scaled to `height` pixels, ink black on white, with a margin (one line of text
    by default) all round: tesseract reads a tight crop badly."""
    import numpy
    from PIL import Image

    factor = height / array.shape[0]
    size = (max(1, round(array.shape[1] * factor)), height)
    low = float(array.min())
    stretched = numpy.clip((array - low) * (255 / max(1.0, paper - low)), 0, 255).astype(numpy.uint8)
    scaled = Image.fromarray(stretched).resize(size, Image.LANCZOS)
    margin = height if margin is None else margin
    out = Image.new("L", (size[0] + 2 * margin, height + 2 * margin), 255)
    out.paste(scaled, (margin, margin))
    return out


def pages_text(jobs: list[tuple[list, list[str]]]) -> list[list[str]] | None:
    """For each (pages, tesseract arguments): the text of every page (see the contract)."""
    processes = []
    try:
        for pages, arguments in jobs:
            if sum(p.width * p.height for p in pages) > MAX_PASS_PIXELS:
                return None
            out = BytesIO()
            pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
            process = subprocess.Popen(
                ["tesseract", "stdin", "stdout", *arguments],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=dict(os.environ, OMP_THREAD_LIMIT="1"),
            )
            processes.append((process, out.getvalue(), len(pages)))
        outputs = []
        for process, data, count in processes:
            stdout, _ = process.communicate(data, timeout=OCR_TIMEOUT)
            texts = stdout.decode("utf-8", "replace").split(PAGE_BREAK)
            if texts and not texts[-1].strip() and len(texts) == count + 1:
                texts.pop()
            if process.returncode != 0 or len(texts) != count:
                return None
            outputs.append([" ".join(text.split()) for text in texts])
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        for process, _, _ in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return outputs
