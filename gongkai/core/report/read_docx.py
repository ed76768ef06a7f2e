"""Reading a report published as a Word document (.docx).

Contract: `read_docx(data)` walks the body in order: each paragraph is a line, each table row a
`cell | cell` line; a cell continuing a vertical merge is skipped, a horizontally merged cell is
one cell. A file python-docx cannot open gives `input.unreadable`. Returns a `ReadResult`.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from gongkai.core.report.model import error
from gongkai.core.report.read_lines import ReadResult, read_report_lines


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _cell_text(tc) -> str:
    return " ".join(_text(p) for p in tc.iter(qn("w:p"))).strip()


def _table_lines(tbl) -> list[str]:
    lines = []
    for tr in tbl.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            properties = tc.find(qn("w:tcPr"))
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                continue
            cells.append(_cell_text(tc))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def docx_lines(data: bytes) -> list[str]:
    body = Document(BytesIO(data)).element.body
    lines: list[str] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_text(child))
        elif child.tag == qn("w:tbl"):
            lines += _table_lines(child)
    return lines


def read_docx(data: bytes) -> ReadResult:
    try:
        lines = docx_lines(data)
    except Exception as failure:
        return ReadResult(
            None, [error("input.unreadable", "document", f"无法打开 Word 文档：{type(failure).__name__}")]
        )
    return read_report_lines(lines)
