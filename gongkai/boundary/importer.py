"""The one importer: a column spec, a form per row, all rows or none (issue 15).

An import is described by an `ImportSpec`: its upload kind (the caps of
`gongkai.core.archive_limits.KINDS`), the formats it accepts and one `Sheet` per worksheet, each a
list of `Column`s (the header of the template, accepted variants, the form field it fills, whether
the header is required) and the form (`CleanForm`) every row goes through.

`read_import(spec, name, data, form_kwargs=, check=)`:
1. reads the file (`gongkai.core.tabular.read_tables`: size, archive and row caps, bounded parse,
   formulas not evaluated, CSV in UTF-8 or GB18030);
2. maps the header row (a missing required column or a repeated one refuses the file naming it;
   unknown columns are ignored, or refused when the sheet says `refuse_unknown`);
3. runs every non-blank row through the sheet's form (with `form_kwargs`), collects EVERY error
   as 「第N行「列名」：原因」 (「第N行：原因」 for a row-level one), and repeated values of the
   sheet's `unique` fields;
4. calls `check(imported)` for what needs all rows (cross-sheet references, the database) once
   the columns are right (it sees every row, `Row.ok` telling the valid ones);
5. raises `ImportRefused` (a `Refused`, with `problems`) if anything failed, else returns the
   cleaned rows (`Imported`). Nothing is written here: the app's named action writes them.

`template_xlsx(spec)` gives the workbook with the header row of every sheet (the download a
clerk fills in), from the same columns.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms

from gongkai.core.archive_limits import KINDS, UploadRefused
from gongkai.core.refusal import Refused
from gongkai.core.tabular import Column, map_headers, read_tables

__all__ = [
    "Column",
    "ImportRefused",
    "ImportSpec",
    "Imported",
    "Problem",
    "Row",
    "Sheet",
    "read_import",
    "template_xlsx",
]

REQUIRED_MESSAGE = "不能为空"


@dataclass(frozen=True)
class Problem:
    """One reason an import is refused: a cell (row and column), a row, or the file (row 0)."""

    row: int
    message: str
    column: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row <= 0:
            return f"{where}{self.message}"
        if self.column:
            return f"{where}第{self.row}行「{self.column}」：{self.message}"
        return f"{where}第{self.row}行：{self.message}"


class ImportRefused(Refused):
    """The file is refused as a whole; `problems` lists every reason (nothing was imported)."""

    code = "import.refused"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = f"未导入任何数据：{self.problems[0]}"
        else:
            message = f"导入失败，共{len(self.problems)}处问题，未导入任何数据"
        super().__init__(message, code=self.code)

    SHOWN = 100  # a page lists at most this many problems; a file of 20,000 bad rows stays readable

    @property
    def lines(self) -> list[str]:
        """The problems as shown to the clerk: the first SHOWN, then how many more there are."""
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(f"另有{len(self.problems) - self.SHOWN}处问题未列出，请先修改以上问题后重新导入")
        return lines


@dataclass(frozen=True)
class Sheet:
    form: type[forms.BaseForm]
    columns: tuple[Column, ...]
    title: str = ""  # the worksheet's title; "" = the first sheet (and the only one of a CSV)
    unique: tuple[str, ...] = ()  # fields whose value may appear only once in the file
    refuse_unknown: bool = False  # an unknown column refuses the file (else it is ignored)

    def __post_init__(self):
        fields = self.form.base_fields
        for column in self.columns:
            if column.field not in fields:
                raise ValueError(f"{self.form.__name__} has no field {column.field}")
            if str(fields[column.field].label) != column.header:
                raise ValueError(f"{self.form.__name__}.{column.field}: label is not {column.header!r}")


@dataclass(frozen=True)
class ImportSpec:
    kind: str  # a key of archive_limits.KINDS
    sheets: tuple[Sheet, ...]
    formats: tuple[str, ...] = ("xlsx",)
    require_rows: bool = True  # the first sheet must hold at least one data row

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown upload kind {self.kind}")
        if len(self.sheets) > 1 and not all(s.title for s in self.sheets):
            raise ValueError("every sheet of a multi-sheet import needs its title")


@dataclass
class Row:
    line: int  # the row number as the spreadsheet shows it (the header is row 1)
    data: dict  # the form's cleaned_data (only the valid fields when `ok` is False)
    ok: bool


@dataclass
class Imported:
    spec: ImportSpec
    sheets: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, title: str | None = None) -> list[Row]:
        """The valid rows of a sheet (the first one by default)."""
        title = self.spec.sheets[0].title if title is None else title
        return [r for r in self.sheets.get(title, []) if r.ok]

    def all_rows(self, title: str | None = None) -> list[Row]:
        title = self.spec.sheets[0].title if title is None else title
        return self.sheets.get(title, [])


def _strip_label(message: str, label: str) -> str:
    """“名称”应不超过200字 under the column 「名称」 reads 应不超过200字."""
    return message.removeprefix(f"“{label}”").lstrip("：") or message


def _row_problems(form: forms.BaseForm, line: int, sheet: str) -> list[Problem]:
    problems = []
    for name, messages in form.errors.items():
        label = str(form.fields[name].label or name) if name in form.fields else ""
        for message in messages:
            problems.append(Problem(line, _strip_label(str(message), label), label, sheet))
    return problems


def _read_sheet(spec_sheet: Sheet, rows: list[list[str]], sheet: str, form_kwargs: dict):
    if not rows or not any(cell.strip() for cell in rows[0]):
        return [], [Problem(0, "缺少表头（第1行应为列名）", sheet=sheet)]
    found, header_problems, unknown = map_headers(rows[0], spec_sheet.columns)
    problems = [Problem(0, p, sheet=sheet) for p in header_problems]
    if unknown and spec_sheet.refuse_unknown:
        problems.append(Problem(0, f"无法识别的列：{'、'.join(unknown)}", sheet=sheet))
    if problems:
        return [], problems
    done, seen = [], {name: {} for name in spec_sheet.unique}
    labels = {c.field: c.header for c in spec_sheet.columns}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        data = {name: (cells[index] if index < len(cells) else "") for name, index in found.items()}
        form = spec_sheet.form(data=data, **form_kwargs)
        for form_field in form.fields.values():
            form_field.error_messages["required"] = REQUIRED_MESSAGE
        ok = form.is_valid()
        problems += _row_problems(form, line, sheet)
        cleaned = getattr(form, "cleaned_data", {})
        for name, values in seen.items():
            value = cleaned.get(name)
            if value in (None, ""):
                continue
            if value in values:
                problems.append(Problem(line, f"“{value}”与第{values[value]}行重复", labels.get(name, name), sheet))
                ok = False
            else:
                values[value] = line
        done.append(Row(line, cleaned, ok))
    return done, problems


def read_import(
    spec: ImportSpec,
    name: str,
    data: bytes,
    *,
    form_kwargs: dict | None = None,
    check: Callable[[Imported], list[Problem]] | None = None,
) -> Imported:
    """The cleaned rows of an uploaded file, or ImportRefused listing every problem."""
    multi = len(spec.sheets) > 1
    titles = {s.title for s in spec.sheets} if multi else None
    try:
        tables = read_tables(spec.kind, name, data, formats=spec.formats, titles=titles)
    except UploadRefused as refused:
        raise ImportRefused([Problem(0, str(refused))]) from None
    imported, problems = Imported(spec), []
    for spec_sheet in spec.sheets:
        label = spec_sheet.title if multi else ""
        rows = tables.get(spec_sheet.title if multi else "")
        if rows is None:
            problems.append(Problem(0, f"缺少工作表“{spec_sheet.title}”"))
            continue
        imported.sheets[spec_sheet.title], sheet_problems = _read_sheet(spec_sheet, rows, label, form_kwargs or {})
        problems += sheet_problems
    if check is not None and not any(p.row <= 0 for p in problems):  # the columns are all there
        problems += check(imported)
    if not problems and spec.require_rows and not imported.rows():
        problems.append(Problem(0, "文件中没有数据行"))
    if problems:
        raise ImportRefused(problems)
    return imported


def template_xlsx(spec: ImportSpec) -> bytes:
    """An empty workbook with the header row of every sheet of `spec` (the import template)."""
    from openpyxl import Workbook

    book = Workbook()
    for index, spec_sheet in enumerate(spec.sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = spec_sheet.title or "Sheet1"
        sheet.append([c.header for c in spec_sheet.columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
