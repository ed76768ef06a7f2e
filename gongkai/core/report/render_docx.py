"""The report as a Word document (python-docx): the tables are real Word tables with merged cells."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.core.report.format import SECTIONS
from gongkai.core.report.layout import LayoutCell, applications_grid, proactive_grid, report_title, review_grid
from gongkai.core.text import xml_safe_deep

GRIDS = {"proactive": proactive_grid, "applications": applications_grid, "review_litigation": review_grid}
EAST_ASIAN_FONT = "宋体"


def place_cells(grid: list[list[LayoutCell]]) -> tuple[int, list[tuple[int, int, LayoutCell]]]:
    """(column count, [(row, column, cell)]) with rowspan/colspan positions resolved."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for row_index, row in enumerate(grid):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            placed.append((row_index, column, cell))
            for r in range(row_index, row_index + cell.rowspan):
                for c in range(column, column + cell.colspan):
                    taken.add((r, c))
            column += cell.colspan
    width = max(c for _, c in taken) + 1
    return width, placed


def _add_table(document, grid: list[list[LayoutCell]]) -> None:
    width, placed = place_cells(grid)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    for row, column, cell in placed:
        target = table.cell(row, column)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(row + cell.rowspan - 1, column + cell.colspan - 1))
        target.text = cell.text
        paragraph = target.paragraphs[0]
        if not cell.header:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.font.size = Pt(9)


def render_docx(report) -> bytes:
    report = type(report).from_json(xml_safe_deep(report.to_json()))  # stored text may hold XML-illegal chars
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.name = EAST_ASIAN_FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    title = document.add_paragraph(report_title(report))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for spec in SECTIONS:
        document.add_paragraph(spec.heading)
        if spec.id in GRIDS:
            _add_table(document, GRIDS[spec.id](report))
        else:
            for paragraph in (report.sections.get(spec.id) or "").split("\n\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
