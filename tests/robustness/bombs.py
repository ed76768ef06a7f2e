"""Builders of hostile files for every upload kind (used by the tests and bench/upload_bombs.py).

Each is small on the wire and large (or slow) once unpacked. Members are written in chunks, so
building a bomb does not itself need the memory it would take to open it.
"""

from __future__ import annotations

import io
import zipfile

MB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _write_repeated(archive: zipfile.ZipFile, name: str, head: bytes, unit: bytes, size: int, tail: bytes) -> None:
    chunk = unit * max(1, (1 * MB) // len(unit))
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head)
        written = 0
        while written < size:
            member.write(chunk)
            written += len(chunk)
        member.write(tail)


def _zip(parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in parts:
            if len(part) == 2:
                info = zipfile.ZipInfo(part[0])
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, part[1])
            else:
                _write_repeated(archive, *part)
    return buffer.getvalue()


def docx_bomb(uncompressed: int = 200 * MB) -> bytes:
    """A DOCX whose word/document.xml is `uncompressed` bytes of one repeated paragraph."""
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            (
                "word/document.xml",
                b'<?xml version="1.0"?><w:document ' + W + b"><w:body>",
                b"<w:p><w:r><w:t>a</w:t></w:r></w:p>",
                uncompressed,
                b"</w:body></w:document>",
            ),
        ]
    )


XLSX_HEAD = [
    (
        "[Content_Types].xml",
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.worksheet+xml"/></Types>',
    ),
    (
        "_rels/.rels",
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    (
        "xl/workbook.xml",
        b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="\xe5\x8f\xb0\xe8\xb4\xa6" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    (
        "xl/_rels/workbook.xml.rels",
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
]
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"


def xlsx_bomb(uncompressed: int = 200 * MB) -> bytes:
    """An XLSX (first sheet “台账”) with `uncompressed` bytes of identical rows."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    return _zip(XLSX_HEAD + [("xl/worksheets/sheet1.xml", SHEET_HEAD, row, uncompressed, SHEET_TAIL)])


def xlsx_many_rows(rows: int = 100_000) -> bytes:
    """A plausible XLSX (low compression ratio) with more rows than any import accepts."""
    body = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>%x</t></is></c></row>'
        % (n, n, n * 7919 % 100003, n, n * 2654435761 % 4294967296)
        for n in range(1, rows + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in XLSX_HEAD:
            archive.writestr(name, data)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + body + SHEET_TAIL)
    return buffer.getvalue()


def xlsx_with_dtd() -> bytes:
    """An XLSX whose sheet declares a DTD with nested entities (billion laughs)."""
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8)
    )
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [' + entities + b']><worksheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&i;</t></is></c>'
        b"</row></sheetData></worksheet>"
    )
    return _zip(XLSX_HEAD + [("xl/worksheets/sheet1.xml", sheet)])


def zip_bomb(uncompressed: int = 300 * MB) -> bytes:
    """A ZIP of “reports”: one text member of `uncompressed` bytes."""
    return _zip([("report.txt", b"", b"0" * 1024, uncompressed, b"")])


def zip_many_members(count: int = 5000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(count):
            archive.writestr(f"r{n}.txt", b"x")
    return buffer.getvalue()


def pdf_pages(count: int = 400) -> bytes:
    """A valid PDF of `count` empty pages (over the page cap)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(count)) + b"] /Count %d >>" % count,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return _pdf(objects)


def pdf_flate_bomb(uncompressed: int = 600 * MB) -> bytes:
    """A one-page PDF whose content stream inflates to `uncompressed` bytes of text operators."""
    import zlib

    compressor = zlib.compressobj(9)
    unit = b"BT /F1 12 Tf 72 712 Td (a) Tj ET\n" * 30000
    parts, written = [], 0
    while written < uncompressed:
        parts.append(compressor.compress(unit))
        written += len(unit)
    parts.append(compressor.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
