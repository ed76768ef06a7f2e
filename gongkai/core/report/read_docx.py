"""Reading a report published as a Word document (.docx).

Contract: `read_docx(data)` walks the body in order: each paragraph is a line, each table row a
`cell | cell` line; a cell continuing a vertical merge is skipped, a horizontally merged cell is
one cell. A picture in the body (a table pasted as a picture, as township sites publish them:
DrawingML `a:blip r:embed` or VML `v:imagedata r:id`) becomes a marker line of its own where it
stands (`read_image.MARKER`; in a table, after its row), and its bytes go to the shared line
reader, which reads a table section holding only a picture cell by cell (`read_image`: exact or
null with `table.image`). Pictures are bounded as a scan's (`read_pictures.marked_pictures`: at
most `MAX_PICTURES`, over `MAX_PIXELS` refused before decoding, with an `input.picture` warning).
A file python-docx cannot open gives `input.unreadable`. Returns a `ReadResult`.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from gongkai.core.report.model import error
from gongkai.core.report.read_image import MARKER
from gongkai.core.report.read_lines import ReadResult, read_report_lines
from gongkai.core.report.read_pictures import marked_pictures

BLIP = qn("a:blip")
VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
EMBED = (qn("r:embed"), qn("r:id"))


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _cell_text(tc) -> str:
    return " ".join(_text(p) for p in tc.iter(qn("w:p"))).strip()


class _Pictures:
    """The document's pictures in order: `markers(element)` gives the marker line of each picture
    in `element` (and keeps its bytes, None when the picture is linked or missing)."""

    def __init__(self, part) -> None:
        self.part = part
        self.contents: list[bytes | None] = []

    def markers(self, element) -> list[str]:
        found = []
        for node in element.iter(BLIP, VML_IMAGE):
            relation = next((node.get(name) for name in EMBED if node.get(name)), None)
            related = self.part.related_parts.get(relation) if relation else None
            self.contents.append(getattr(related, "blob", None))
            found.append(MARKER.format(len(self.contents)))
        return found


def _paragraph_lines(p, pictures: _Pictures) -> list[str]:
    """The paragraph's text, each picture in it a marker line of its own where it stands."""
    if next(p.iter(BLIP, VML_IMAGE), None) is None:
        return [_text(p)]
    lines, text = [], []
    for node in p.iter(qn("w:t"), BLIP, VML_IMAGE):
        if node.tag == qn("w:t"):
            text.append(node.text or "")
            continue
        lines.append("".join(text))
        text = []
        lines += pictures.markers(node)
    return [*lines, "".join(text)]


def _table_lines(tbl, pictures: _Pictures) -> list[str]:
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
        lines += pictures.markers(tr)
    return lines


def docx_lines(data: bytes) -> tuple[list[str], list[bytes | None]]:
    """(the body's lines, the pictures whose markers stand among them, in order)."""
    document = Document(BytesIO(data))
    pictures = _Pictures(document.part)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines += _paragraph_lines(child, pictures)
        elif child.tag == qn("w:tbl"):
            lines += _table_lines(child, pictures)
    return lines, pictures.contents


def read_docx(data: bytes) -> ReadResult:
    try:
        lines, contents = docx_lines(data)
    except Exception as failure:
        return ReadResult(
            None, [error("input.unreadable", "document", f"无法打开 Word 文档：{type(failure).__name__}")]
        )
    pictures, findings = marked_pictures(contents)
    result = read_report_lines(lines, pictures)
    return ReadResult(result.report, result.findings + findings, result.published_on)
