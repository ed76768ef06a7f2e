"""Published shapes of a report that real sites produce, for the labelled set, tests and benches.

Each function takes the report's text rendering (`render_text`) or the report itself and returns
the document as a scraper or a mirror site would leave it. Nothing here reads a report back.
"""

from __future__ import annotations

import random
import re

from gongkai.core.report.format import SECTIONS
from gongkai.core.report.model import Report
from gongkai.core.report.render_text import render_text

NUMBER_CELL = re.compile(r"^\d+(\.\d+)?$")
HEADINGS = [s.heading for s in SECTIONS]


def one_line(text: str) -> str:
    """Line breaks lost: headings, paragraphs and table cells run on with spaces."""
    return " ".join(part.strip() for part in text.replace("|", " ").splitlines() if part.strip())


def traditional(text: str, variant: str = "s2t") -> str:
    import opencc

    return opencc.OpenCC(variant).convert(text)


def cut_after(text: str, sections_kept: int) -> str:
    """The document cut off just before the heading of section `sections_kept + 1`."""
    if sections_kept >= len(HEADINGS):
        return text
    position = text.find(HEADINGS[sections_kept])
    return text if position < 0 else text[:position].rstrip() + "\n"


def _variant(title: str, rng: random.Random) -> str:
    how = rng.choice(("stray", "missing", "swap", "same"))
    position = rng.randrange(1, len(title) - 1)
    if how == "stray":
        return title[:position] + rng.choice("的之和与了") + title[position:]
    if how == "missing" and len(title) > 6:
        return title[:position] + title[position + 1 :]
    if how == "swap" and len(title) > 6:
        return title[:position] + title[position + 1] + title[position] + title[position + 2 :]
    return title


def variant_headings(text: str, rng: random.Random) -> str:
    """Headings with a stray, missing or swapped character, "第三部分" or no number at all."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        spec = next((s for s in SECTIONS if line == s.heading), None)
        if spec is None:
            continue
        title = _variant(spec.title, rng)
        style = rng.choice(("plain", "part", "bare", "bracket"))
        if style == "part":
            lines[index] = f"第{spec.number}部分 {title}"
        elif style == "bare":
            lines[index] = f"**{spec.title}**"
        elif style == "bracket":
            lines[index] = f"（{spec.number}）{title}"
        else:
            lines[index] = f"{spec.number}、{title}"
    return "\n".join(lines)


def collapse_empty(text: str, rng: random.Random, pipes: bool) -> str:
    """Zero cells printed empty and the empty cells collapsed: kept as "||" runs when `pipes`,
    else dropped (a row shows fewer numbers than columns)."""
    out = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")] if "|" in line else []
        if cells and sum(1 for c in cells if NUMBER_CELL.match(c)) >= 2 and rng.random() < 0.6:
            cells = ["" if c == "0" else c for c in cells]
            line = "|".join(cells) if pipes else " ".join(c for c in cells if c)
        out.append(line)
    return "\n".join(out)


def flipbook_page(text: str) -> str:
    """One page of a flipbook or PDF: header cells one character per line, numbers spaced."""
    out = []
    for line in text.splitlines():
        if "|" not in line:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("|")]
        if any(NUMBER_CELL.match(c) for c in cells):
            out.append(" ".join(c for c in cells if c))
        else:
            for cell in cells:
                out += list(cell.replace(" ", ""))
    return "\n".join(out)


def shapes(report: Report, rng: random.Random) -> dict[str, str]:
    """Every text shape of one report, by name."""
    text = render_text(report)
    return {
        "one_line": one_line(text),
        "traditional": traditional(text),
        "traditional_one_line": one_line(traditional(text, "s2twp")),
        "cut_after_2": cut_after(text, 2),
        "variant_headings": variant_headings(text, rng),
        "collapsed_pipes": collapse_empty(text, rng, pipes=True),
        "collapsed_spaces": collapse_empty(text, rng, pipes=False),
        "flipbook": flipbook_page(text),
    }


def table_image(report: Report, section_id: str, rng: random.Random | None = None, clean: bool = False) -> bytes:
    """One table as a picture a township site publishes: a scan or a photo-copy of the printed
    table (`scan_picture`), or (`clean`) a screenshot of it."""
    from gongkai.core.report.render_html import table_html

    return scan_picture(table_html(report, section_id), rng, clean=clean)


def scan_picture(
    fragment: str, rng: random.Random | None = None, page_wide: bool = False, clean: bool = False
) -> bytes:
    """An HTML fragment of the report printed and scanned: cut to the fragment with a narrow
    margin, or (`page_wide`, text) the page's whole width with its margins and a band of white
    above and below, as a page of text is scanned. Each `rng` draws its own
    degradation: about 125-190 dpi, black or grey ruling lines, grey ink, a tilt of up to 1
    degree, slight blur, sensor noise and speckles, JPEG at quality 55-85 (or PNG now and then).
    `clean`: a screenshot of the fragment on screen instead (96-144 dpi, black 0.75 pt lines and
    ink, no tilt, blur or noise, PNG), as an editor pastes a table copied from a spreadsheet."""
    import pypdfium2 as pdfium
    from weasyprint import HTML

    from gongkai.core.report.render_html import STYLESHEET

    rng = rng or random.Random(0)
    if clean:
        line, ink, border = "#000", "#000", 0.75
    else:
        line = rng.choice(("#000", "#333", "#666", "#888", "#999"))
        ink = rng.choice(("#000", "#111", "#333"))
        border = rng.choice((0.5, 0.6, 0.8, 1.0))
    rules = f".annual-report th, .annual-report td {{ border: {border}pt solid {line}; color: {ink}; }}"
    if "<table" not in fragment:
        rules += f" .annual-report {{ color: {ink}; }}"
    html = (
        f"<html><head><meta charset='utf-8'><style>{STYLESHEET} {rules} @page {{ size: 297mm 600mm; margin: 8mm }}"
        f"</style></head><body><div class='annual-report'>{fragment}</div></body></html>"
    )
    document = pdfium.PdfDocument(HTML(string=html).write_pdf())
    scale = rng.uniform(96 / 72, 2.0) if clean else rng.uniform(1.75, 2.65)
    image = document[0].render(scale=scale).to_pil().convert("L")
    document.close()
    box = image.point(lambda value: 255 if value < 200 else 0).getbbox()  # the content, on a tall page
    if box and page_wide:
        margin = rng.randint(80, 160)
        image = image.crop((0, box[1] - margin, image.width, box[3] + margin))
    elif box:
        margin = rng.randint(10, 40)
        image = image.crop((box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin))
    if clean:
        from io import BytesIO

        out = BytesIO()
        image.save(out, "PNG")
        return out.getvalue()
    return degraded(image, rng, jpeg=page_wide or rng.random() < 0.8)  # a page of text is scanned to JPEG


def degraded(image, rng: random.Random, jpeg: bool) -> bytes:
    """A grey picture as a scanner leaves it: a tilt of up to 1 degree, slight blur, grey paper
    and ink, sensor noise and speckles, JPEG at quality 55-85 (or PNG)."""
    from io import BytesIO

    import numpy
    from PIL import Image, ImageFilter

    image = image.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, expand=True, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    pixels = numpy.asarray(image, dtype=numpy.float32)
    paper, darkest = rng.uniform(225, 250), rng.uniform(0, 40)  # grey paper, ink not quite black
    pixels = darkest + pixels * (paper - darkest) / 255
    noise = numpy.random.default_rng(rng.randrange(2**32))
    pixels += noise.normal(0, rng.uniform(2, 9), pixels.shape)
    speckles = noise.random(pixels.shape) < 1 / 3000
    pixels[speckles] = noise.uniform(60, 200, int(speckles.sum()))
    image = Image.fromarray(numpy.clip(pixels, 0, 255).astype(numpy.uint8))
    out = BytesIO()
    if jpeg:
        image.save(out, "JPEG", quality=rng.randint(55, 85))
    else:
        image.save(out, "PNG")
    return out.getvalue()


def page_scans(report: Report, rng: random.Random | None = None) -> list[bytes]:
    """The report printed on A4 and scanned page by page (about 170-220 dpi, `degraded`): each
    page one picture holding its headings, paragraphs and ruled tables."""
    import pypdfium2 as pdfium

    from gongkai.core.report.render_pdf import render_pdf

    rng = rng or random.Random(0)
    document = pdfium.PdfDocument(render_pdf(report))
    scale = rng.uniform(170, 220) / 72  # one scanner setting for the whole document
    pages = [document[i].render(scale=scale).to_pil().convert("L") for i in range(len(document))]
    document.close()
    return [degraded(page, rng, jpeg=True) for page in pages]


def report_pictures(report: Report, rng: random.Random | None = None) -> list[bytes]:
    """The whole report scanned block by block, as a scanning converter cuts a page: the title,
    each section's heading with its text (page wide), and each table (cut to the table), one
    picture each (`scan_picture`)."""
    from html import escape

    from gongkai.core.report.layout import report_title
    from gongkai.core.report.render_html import table_html

    rng = rng or random.Random(0)
    pictures = [scan_picture(f"<h1>{escape(report_title(report))}</h1>", rng, page_wide=True)]
    for spec in SECTIONS:
        paragraphs = [p.strip() for p in (report.sections.get(spec.id) or "").split("\n\n") if p.strip()]
        text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        pictures.append(scan_picture(f"<h2>{escape(spec.heading)}</h2>{text}", rng, page_wide=True))
        if spec.id in ("proactive", "applications", "review_litigation"):
            pictures.append(scan_picture(table_html(report, spec.id), rng))
    return pictures


TABLES = ("proactive", "applications", "review_litigation")


def table_pictures(report: Report, rng: random.Random) -> dict[str, bytes]:
    """Each table of the report as the picture an editor pastes into Word: by `rng`, a scan of
    the printed table (`table_image`, its own degradation) or a clean screenshot."""
    return {table: table_image(report, table, rng, clean=rng.random() < 0.4) for table in TABLES}


def pictured_docx(report: Report, pictures: dict[str, bytes]) -> bytes:
    """The report as Word writes it (`render_docx`: title, headings and paragraphs as text), each
    table of `pictures` replaced by its picture pasted in a paragraph of its own, 15 cm wide."""
    from io import BytesIO

    from docx import Document
    from docx.shared import Cm

    from gongkai.core.report.render_docx import render_docx

    document = Document(BytesIO(render_docx(report)))
    tables = dict(zip(TABLES, (table._tbl for table in document.tables)))
    for table, content in pictures.items():
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(BytesIO(content), width=Cm(15))
        tables[table].addprevious(paragraph._p)
        tables[table].getparent().remove(tables[table])
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def image_table_html(report: Report, section_id: str, rng: random.Random | None = None) -> str:
    """The published page with one table replaced by its picture (inline, as an editor pastes it)."""
    import base64

    from bench._report_corpus import published_html
    from gongkai.core.report.render_html import table_html

    content = table_image(report, section_id, rng)
    kind = "jpeg" if content[:2] == b"\xff\xd8" else "png"
    picture = base64.b64encode(content).decode("ascii")
    return published_html(report).replace(
        table_html(report, section_id), f'<p><img src="data:image/{kind};base64,{picture}" alt="表格"></p>'
    )


PDF_LAYOUTS = {
    # narrow label column: labels wrap over two or three lines (multi-line cells)
    "narrow": "@page { size: A4; margin: 25mm 30mm; } .annual-report table { font-size: 8pt; }"
    " .annual-report th { width: 5.5em; } .annual-report td { min-width: 1.2em; }",
    # landscape with wide cells, figures right-aligned as in spreadsheet exports
    "landscape": "@page { size: A4 landscape; margin: 12mm; } .annual-report td { text-align: right; }",
    # labels top-aligned, figures bottom-aligned (Word's default cell alignment differs by column)
    "word": ".annual-report th { vertical-align: top; width: 7em; } .annual-report td { vertical-align: bottom; }",
}


def weasyprint_pdf(report: Report, layout: str) -> bytes:
    """The report as a PDF in one of `PDF_LAYOUTS`, rendered by WeasyPrint."""
    import logging

    from weasyprint import HTML

    from gongkai.core.report.render_html import render_html_document

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html_document(report).replace("</style>", PDF_LAYOUTS[layout] + "</style>")
    return HTML(string=html).write_pdf()


def libreoffice_convert(paths: list, out_dir, target: str = "pdf") -> None:
    """Convert files with LibreOffice headless in one run (DOCX/HTML -> PDF, DOCX -> DOC)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def scanned_pdf(report: Report, page_numbers: bool = False) -> bytes:
    """The report printed and scanned: every page of its PDF as a grey image, no text layer; or
    (`page_numbers`) a thin one, "第 N 页 共 M 页" at each page's foot, as scanning software
    stamps it (the pages then laid out by WeasyPrint)."""
    import base64
    from io import BytesIO

    import pypdfium2 as pdfium
    from PIL import ImageFilter

    from gongkai.core.report.render_pdf import render_pdf

    document = pdfium.PdfDocument(render_pdf(report))
    pages = [
        document[i].render(scale=200 / 72).to_pil().convert("L").filter(ImageFilter.GaussianBlur(0.4))
        for i in range(len(document))
    ]
    out = BytesIO()
    if page_numbers:
        from weasyprint import HTML

        parts = []
        for number, page in enumerate(pages, 1):
            image = BytesIO()
            page.save(image, "PNG")
            picture = base64.b64encode(image.getvalue()).decode("ascii")
            parts.append(
                f"<div><img src='data:image/png;base64,{picture}'><p>第 {number} 页 共 {len(pages)} 页</p></div>"
            )
        style = (
            "@page { size: A4; margin: 0 } div { position: relative; height: 297mm; page-break-after: always }"
            " img { width: 210mm; height: 297mm; display: block } p { position: absolute; bottom: 4mm; width: 100%;"
            " margin: 0; text-align: center; font-size: 9pt }"
        )
        return HTML(
            string=f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{''.join(parts)}</body></html>"
        ).write_pdf()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=200)
    return out.getvalue()
