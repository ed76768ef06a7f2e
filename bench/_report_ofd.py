"""A small OFD (GB/T 33190) writer for tests and benches: a report as a fixed-layout document.

`report_ofd(report, blank_zeros=False, figures="centre")` returns the bytes of an OFD package
(a ZIP: OFD.xml, Doc_0/Document.xml, Doc_0/PublicRes.xml, Doc_0/Pages/Page_N/Content.xml) with
the report laid out on landscape A4 pages as a converter from Word lays it out: the title,
section headings and wrapped paragraphs as TextObjects, each table of the national format
(`layout.*_grid`, merged cells included) as ruled cells (PathObjects) with one TextObject per
cell, figures centred or right-aligned in their cells, and a long table continued on the next
page. `blank_zeros` prints zero cells empty, as many publishers do; `wrap` narrows the label
columns so that labels wrap over lines in their cells; `pictures` draws tables as pictures among
the text (a Word report with pasted table pictures, exported). `scanned_ofd(pictures)` writes an OFD of
pictures only (a scan: ImageObjects, the pictures as MultiMedia of Doc_0/DocumentRes.xml, no text).
Coordinates in millimetres, origin at the top left of the page, TextCode Y the baseline. Nothing
here reads a report back.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from xml.sax.saxutils import escape

from gongkai.core.report.format import SECTIONS
from gongkai.core.report.layout import applications_grid, proactive_grid, report_title, review_grid
from gongkai.core.report.model import Report

NS = "http://www.ofdspec.org/2016"
WIDTH, HEIGHT = 297.0, 210.0  # landscape A4
MARGIN = 18.0
TEXT = 3.5  # body text size (mm)
CELL = 2.2  # table text size (mm)
ROW = 5.5  # table row height (mm)
LINE = 2.75  # baseline to baseline of the lines of a wrapped cell (mm)
FONT_ID = 2
GRIDS = {"proactive": proactive_grid, "applications": applications_grid, "review_litigation": review_grid}
COLUMN_WIDTHS = {
    "proactive": [50.0, 50.0, 50.0, 50.0],
    "applications": [22.0, 18.0, 86.0] + [16.0] * 7,
    "review_litigation": [16.0] * 15,
}
WRAPPED_WIDTHS = {  # narrow label columns: labels wrap over two to four lines
    "proactive": [12.0, 40.0, 40.0, 40.0],
    "applications": [12.0, 12.0, 20.0] + [18.0] * 7,
    "review_litigation": [16.0] * 15,
}


def _advance(char: str, size: float) -> float:
    return size if unicodedata.east_asian_width(char) in ("W", "F") else size * 0.5


def _width(text: str, size: float) -> float:
    return sum(_advance(c, size) for c in text)


class _Pages:
    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.next_id = 10
        self.y = MARGIN

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def new_page(self) -> None:
        self.pages.append([])
        self.y = MARGIN

    def room(self, height: float) -> None:
        if self.y + height > HEIGHT - MARGIN:
            self.new_page()

    def text(self, x: float, baseline: float, size: float, text: str, page: int = -1) -> None:
        if not text:
            return
        deltas = " ".join(f"{_advance(c, size):g}" for c in text[:-1])
        delta = f' DeltaX="{deltas}"' if deltas else ""
        top = baseline - size
        self.pages[page].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.2f} {top:.2f} {_width(text, size):.2f} {size * 1.3:.2f}" '
            f'Font="{FONT_ID}" Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}"{delta}>{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def box(self, x: float, y: float, w: float, h: float) -> None:
        self.pages[-1].append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x:.2f} {y:.2f} {w:.2f} {h:.2f}" LineWidth="0.2">'
            f"<ofd:AbbreviatedData>M 0 0 L {w:.2f} 0 L {w:.2f} {h:.2f} L 0 {h:.2f} C</ofd:AbbreviatedData>"
            "</ofd:PathObject>"
        )

    def picture(self, x: float, y: float, w: float, h: float, resource: int) -> None:
        self.pages[-1].append(
            f'<ofd:ImageObject ID="{self._id()}" ResourceID="{resource}" Boundary="{x:.2f} {y:.2f} {w:.2f} {h:.2f}"'
            f' CTM="{w:.2f} 0 0 {h:.2f} 0 0"/>'
        )

    def paragraph(self, text: str, size: float = TEXT, indent: bool = True) -> None:
        per_line = int((WIDTH - 2 * MARGIN) // size)
        text = ("\u3000\u3000" if indent else "") + text
        for start in range(0, len(text), per_line):
            self.room(size * 1.6)
            self.y += size * 1.6
            self.text(MARGIN, self.y, size, text[start : start + per_line])
        self.y += size * 0.6


def _placed(grid, widths):
    """(row, column, cell) of every cell of a grid with merged cells (rowspan/colspan)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def _wrapped(text: str, width: float, size: float) -> list[str]:
    """`text` broken into the lines a cell `width` wide holds (at least one character a line)."""
    lines, line = [], ""
    for char in text:
        if line and _width(line + char, size) > width - 2.0:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line else lines


def _table(pages: _Pages, grid, widths, blank_zeros: bool, figures: str, wrap: str | None = None) -> None:
    """`wrap` None: one line a cell. "centre": labels wrapped in their cells, every cell's lines
    centred in its height (a one-line figure beside a three-line label sits on the middle line's
    baseline, beside a two-line label between the lines); "top": figures on the baseline of the
    first label line."""
    lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
    by_row: dict[int, list] = {}
    for r, c, cell in _placed(grid, widths):
        by_row.setdefault(r, []).append((c, cell))

    def lines_of(c, cell):
        if wrap is None or not cell.header:
            return [cell.text]
        return _wrapped(cell.text, lefts[c + cell.colspan] - lefts[c], CELL)

    heights = [
        max([ROW] + [ROW + (len(lines_of(c, cell)) - 1) * LINE for c, cell in by_row.get(r, []) if cell.rowspan == 1])
        for r in range(len(grid))
    ]
    for r in range(len(grid)):
        pages.room(heights[r])
        top = pages.y
        body_row = any(not cell.header for _, cell in by_row.get(r, []))
        label_lines = max(
            (len(lines_of(c, cell)) for c, cell in by_row.get(r, []) if cell.header and cell.rowspan == 1), default=1
        )
        for c, cell in by_row.get(r, []):
            left, right = lefts[c], lefts[c + cell.colspan]
            height = sum(heights[r : r + cell.rowspan])
            pages.box(left, top, right - left, height)
            text = cell.text
            if not cell.header and blank_zeros and text == "0":
                text = ""
            lines = lines_of(c, cell)
            first = top + (height - len(lines) * LINE) / 2 + CELL * 0.85 if wrap else top + ROW * 0.72
            if wrap == "top" and not cell.header:
                first = top + (height - label_lines * LINE) / 2 + CELL * 0.85
            for number, line in enumerate(lines):
                width = _width(line, CELL)
                if cell.header and body_row:
                    x = left + 1.0  # row labels left-aligned
                elif cell.header:
                    x = left + max(1.0, (right - left - width) / 2)  # column headers centred
                elif figures == "right":
                    x = right - 1.5 - width
                else:
                    x = left + (right - left - width) / 2
                pages.text(x, first + number * LINE, CELL, line if cell.header else text)
        pages.y = top + heights[r]
    pages.y += TEXT


def report_ofd(
    report: Report,
    blank_zeros: bool = False,
    figures: str = "centre",
    wrap: str | None = None,
    pictures: dict[str, bytes] | None = None,
) -> bytes:
    """`wrap` ("centre" or "top", see `_table`): narrow label columns, labels wrapped in their cells.
    `pictures` ({table: picture}): those tables drawn as pictures (ImageObjects at about 150 dpi,
    shrunk to fit the page) among the text, as a Word report with pasted table pictures exported
    to OFD; the title, headings and paragraphs stay text."""
    pages = _Pages()
    media: dict[int, tuple[str, bytes]] = {}
    pages.y += 8
    title = report_title(report)
    pages.text((WIDTH - _width(title, 5.0)) / 2, pages.y, 5.0, title)
    pages.y += 6
    for spec in SECTIONS:
        pages.room(TEXT * 4)
        pages.y += TEXT * 1.8
        pages.text(MARGIN, pages.y, TEXT, spec.heading)
        pages.y += TEXT * 0.8
        if spec.id in (pictures or {}):
            pages.y += 2
            _place_picture(pages, media, pictures[spec.id], 150.0, fit_page=True)
            pages.y += TEXT
        elif spec.id in GRIDS:
            pages.y += 2
            widths = (WRAPPED_WIDTHS if wrap else COLUMN_WIDTHS)[spec.id]
            _table(pages, GRIDS[spec.id](report), widths, blank_zeros, figures, wrap)
        else:
            for paragraph in (report.sections.get(spec.id) or "").split("\n\n"):
                if paragraph.strip():
                    pages.paragraph(paragraph.strip())
    return _package(pages.pages, title, pages.next_id, media)


def _place_picture(pages: _Pages, media: dict, content: bytes, dpi: float, fit_page: bool = False) -> None:
    """Draw a picture at `pages.y` at `dpi` (shrunk to the page width when wider, and with
    `fit_page` to the page's height), on a new page when it does not fit; its file is kept in
    `media` as the next MultiMedia (IDs from 1000)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
    except Exception:  # a broken or oversized picture (tests of bad input): a square
        width, height = 1000, 1000
    scale = min(25.4 / dpi, (WIDTH - 2 * MARGIN) / width)
    if fit_page:
        scale = min(scale, (HEIGHT - 2 * MARGIN) / height)
    w, h = width * scale, height * scale
    pages.room(h)
    resource = 1000 + len(media)
    suffix = "jpg" if content[:2] == b"\xff\xd8" else "png"
    media[resource] = (f"image_{resource}.{suffix}", content)
    pages.picture(MARGIN, pages.y, w, h, resource)
    pages.y += h + 2


def scanned_ofd(pictures: list[bytes], dpi: float = 200.0, page_numbers: bool = False) -> bytes:
    """An OFD whose pages hold only pictures (a scan: no text object), `pictures` placed top to
    bottom at `dpi` (shrunk to the page width when wider), a new page when one does not fit.
    The pictures are stored in Doc_0/Res as MultiMedia of the DocumentRes. `page_numbers`: a
    thin text layer over the scans, "第 N 页 共 M 页" at each page's foot, as scanning software
    stamps it."""
    pages = _Pages()
    media: dict[int, tuple[str, bytes]] = {}
    for content in pictures:
        _place_picture(pages, media, content, dpi)
    if page_numbers:
        count = len(pages.pages)
        for number in range(count):
            pages.text(WIDTH / 2 - 15, HEIGHT - MARGIN / 2, 9, f"第 {number + 1} 页 共 {count} 页", page=number)
    return _package(pages.pages, "", pages.next_id, media)


def _xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'


def _package(pages: list[list[str]], title: str, max_id: int, media: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            _xml(
                f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                f"<ofd:DocID>gongkai-test</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
                "<ofd:CreationDate>2025-01-20</ofd:CreationDate><ofd:Creator>gongkai tests</ofd:Creator>"
                "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
            ),
        )
        document_res = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if media else ""
        if media:
            items = "".join(
                f'<ofd:MultiMedia ID="{resource}" Type="Image"><ofd:MediaFile>{name}</ofd:MediaFile></ofd:MultiMedia>'
                for resource, (name, _) in media.items()
            )
            archive.writestr(
                "Doc_0/DocumentRes.xml",
                _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>{items}</ofd:MultiMedias></ofd:Res>'),
            )
            for name, content in media.values():
                archive.writestr(f"Doc_0/Res/{name}", content, zipfile.ZIP_STORED)
        page_list = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        archive.writestr(
            "Doc_0/Document.xml",
            _xml(
                f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{max_id + 1 + len(pages)}</ofd:MaxUnitID>'
                f"<ofd:PageArea><ofd:PhysicalBox>0 0 {WIDTH:g} {HEIGHT:g}</ofd:PhysicalBox></ofd:PageArea>"
                f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{document_res}</ofd:CommonData>"
                f"<ofd:Pages>{page_list}</ofd:Pages>"
                "</ofd:Document>"
            ),
        )
        archive.writestr(
            "Doc_0/PublicRes.xml",
            _xml(
                f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                f'<ofd:Font ID="{FONT_ID}" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
            ),
        )
        for number, objects in enumerate(pages):
            archive.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml",
                _xml(
                    f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{max_id + 1 + number}">'
                    + "".join(objects)
                    + "</ofd:Layer></ofd:Content></ofd:Page>"
                ),
            )
    return out.getvalue()
