"""Reading an uploaded table (XLSX or CSV) into rows of text, and finding its columns by header.

The pure half of the one importer (`gongkai.boundary.importer` runs the rows through a form).

`read_tables(kind, name, data, *, formats, titles)` returns {sheet title: rows}, each row a list of
str, under the caps of `archive_limits.KINDS[kind]`:
- XLSX (`read_xlsx`): size, archive and row caps, parsed in a bounded child with defused XML.
  Formulas are never evaluated: a cell holds the value Excel saved with it (none → empty).
  `titles` None reads the first sheet (returned under the title ""); a set of titles reads those
  sheets (a sheet that is not in the workbook is absent from the result).
- CSV (only when "csv" is in `formats` and the name ends in .csv): UTF-8 with or without BOM,
  else GB18030 (what Excel saves on a Chinese Windows); the size and row caps of the kind; a
  malformed line refuses the file naming the line. Returned under the title "".
- Cells become text: empty → ""; a date or datetime → "YYYY-MM-DD" (the date part); a whole
  float → its integer digits ("5", not "5.0"); other numbers → their shortest decimal form.
Anything unreadable raises `UploadRefused` with a Chinese reason; never another exception.

`map_headers(header_row, columns)` → ({field: column index}, [Chinese problems]): a header is
matched after NFKC folding, removing blanks and a trailing required-mark "*" (so “行政事业性收费
(万元)” and “名称＊” match); missing required columns and repeated ones are problems; unknown
headers are listed apart for the caller to ignore or refuse.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from gongkai.core.archive_limits import KINDS, UploadRefused, check_upload_size, read_xlsx

# Longest cell accepted from CSV (the csv module's own field limit; XLSX cells stop at 32,767).
MAX_CELL_CHARS = 131_072


@dataclass(frozen=True)
class Column:
    """One column of an import: the header of the template, the form field it fills."""

    header: str
    field: str
    required: bool = False  # the header must be in the file (the cells may still be empty)
    variants: tuple[str, ...] = ()  # other headers accepted for it


def cell_text(value) -> str:
    """One cell as text (see the module contract)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _decode(data: bytes, label: str, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadRefused(f"{label}“{name}”的编码无法识别（请保存为UTF-8或GB18030编码的CSV）")


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger" in text:
        return f"单元格超过{MAX_CELL_CHARS}字"
    if "NUL" in text:
        return "含有空字符（NUL）"
    return "引号或分隔符不匹配"


def _csv_rows(kind: str, name: str, data: bytes) -> list[list[str]]:
    limits = KINDS[kind]
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(_decode(data, limits.label, name), newline=""))
    try:
        for row in reader:
            if len(rows) > limits.max_rows:
                raise UploadRefused(f"{limits.label}“{name}”超过{limits.max_rows}行，请拆分后分批导入")
            rows.append(row)
    except csv.Error as error:
        raise UploadRefused(f"第{reader.line_num}行：CSV格式错误（{_csv_problem(error)}）") from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def read_tables(kind: str, name: str, data: bytes, *, formats=("xlsx",), titles=None) -> dict[str, list[list[str]]]:
    """{sheet title: rows of text} of an uploaded table (see the module contract)."""
    limits = KINDS[kind]
    check_upload_size(kind, name, len(data))
    lower = name.lower()
    if "csv" in formats and lower.endswith(".csv"):
        return {"": _csv_rows(kind, name, data)}
    if "csv" in formats and not lower.endswith(".xlsx"):
        raise UploadRefused(f"{limits.label}须为 .xlsx 或 .csv 文件")
    book = read_xlsx(kind, name, data, sheets=0 if titles is None else set(titles))
    if titles is None:
        book = {"": next(iter(book.values()), [])}
    return {title: [[cell_text(v) for v in row] for row in rows] for title, rows in book.items()}


_BLANKS = re.compile(r"\s+")


def header_key(text: str) -> str:
    """The form in which headers are compared: NFKC, no blanks, no trailing "*"."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text or "")).rstrip("*")


def map_headers(header_row: list[str], columns) -> tuple[dict[str, int], list[str], list[str]]:
    """({field: index}, [problems], [unknown headers]) for the first row of a table."""
    wanted = {}
    for column in columns:
        for text in (column.header, *column.variants):
            wanted[header_key(text)] = column
    found: dict[str, int] = {}
    problems, unknown = [], []
    for index, text in enumerate(header_row):
        key = header_key(text)
        if not key:
            continue
        column = wanted.get(key)
        if column is None:
            unknown.append(text.strip()[:40])
        elif column.field in found:
            problems.append(f"列“{column.header}”出现了不止一次")
        else:
            found[column.field] = index
    missing = [c.header for c in columns if c.required and c.field not in found]
    if missing:
        problems.insert(0, f"缺少列：{'、'.join(missing)}")
    return found, problems, unknown
