"""信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

Both methods are progressive (超额累进): each unit is charged at the rate of the band it falls in.
Per application the agency picks one method (Art. 3); it may not charge both.

- 按件计收 (Art. 4): the applicant's cumulative applications in the calendar month:
  1–10 free; 11–30 100元/件; from 31, bands of 10, each band 100元/件 more
  (31–40 200元/件, 41–50 300元/件, …).
- 按量计收 (Art. 5): pages of one application: 1–30 free; 31–100 10元/页; 101–200 20元/页;
  from 201 40元/页.

Amounts are whole yuan (`int`). `quote_*` return a `FeeQuote` whose lines state each band, so the
notice can state basis (依据), standard (标准) and amount (数额).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
PAYMENT_WORKING_DAYS = 20  # applicant pays within 20 working days of receiving the notice


class Method(str, Enum):
    PER_APPLICATION = "per_application"
    PER_PAGE = "per_page"


METHOD_LABELS = {Method.PER_APPLICATION: "按件计收", Method.PER_PAGE: "按量计收"}
METHOD_ARTICLES = {Method.PER_APPLICATION: "第四条", Method.PER_PAGE: "第五条"}


@dataclass(frozen=True)
class Band:
    first: int  # first unit in the band (1-based)
    last: int | None  # last unit, None = open-ended
    rate_yuan: int


@dataclass(frozen=True)
class FeeLine:
    first: int
    last: int
    units: int
    rate_yuan: int

    @property
    def amount_yuan(self) -> int:
        return self.units * self.rate_yuan


@dataclass(frozen=True)
class FeeQuote:
    method: Method
    units: int  # units charged for (applications or pages)
    lines: tuple[FeeLine, ...]
    unit_label: str

    @property
    def amount_yuan(self) -> int:
        return sum(line.amount_yuan for line in self.lines)

    @property
    def basis(self) -> str:
        return f"{BASIS}{METHOD_ARTICLES[self.method]}（{METHOD_LABELS[self.method]}）"

    @property
    def standard(self) -> str:
        """The bands applied, in words: 第11—30件：100元/件 × 5件 = 500元；…"""
        parts = []
        for line in self.lines:
            span = (
                f"第{line.first}{self.unit_label}"
                if line.first == line.last
                else f"第{line.first}—{line.last}{self.unit_label}"
            )
            parts.append(
                f"{span}：{line.rate_yuan}元/{self.unit_label} × {line.units}{self.unit_label} = {line.amount_yuan}元"
            )
        return "；".join(parts) if parts else "免费"


PAGE_BANDS = (Band(1, 30, 0), Band(31, 100, 10), Band(101, 200, 20), Band(201, None, 40))


def _per_application_rate(n: int) -> int:
    """The rate for the n-th application in the calendar month."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def _page_rate(n: int) -> int:
    for band in PAGE_BANDS:
        if band.last is None or n <= band.last:
            return band.rate_yuan
    raise AssertionError


def _lines(first: int, last: int, rate) -> tuple[FeeLine, ...]:
    lines: list[FeeLine] = []
    for n in range(first, last + 1):
        r = rate(n)
        if lines and lines[-1].rate_yuan == r and lines[-1].last == n - 1:
            prev = lines[-1]
            lines[-1] = FeeLine(prev.first, n, prev.units + 1, r)
        else:
            lines.append(FeeLine(n, n, 1, r))
    return tuple(line for line in lines if line.rate_yuan > 0)


def quote_per_application(*, earlier_in_month: int, units: int = 1) -> FeeQuote:
    """按件: `units` applications (after 一事一申请 splitting) following `earlier_in_month` earlier
    ones by the same applicant in the same calendar month. ValueError on negative counts."""
    if earlier_in_month < 0 or units < 1:
        raise ValueError("申请件数必须为正整数，本月此前件数不能为负数")
    first = earlier_in_month + 1
    return FeeQuote(Method.PER_APPLICATION, units, _lines(first, earlier_in_month + units, _per_application_rate), "件")


def quote_per_page(*, pages: int) -> FeeQuote:
    """按量: an application whose information comes to `pages` pages. ValueError if pages < 1."""
    if pages < 1:
        raise ValueError("页数必须为正整数")
    return FeeQuote(Method.PER_PAGE, pages, _lines(1, pages, _page_rate), "页")


def quote(method: Method | str, *, units: int, earlier_in_month: int = 0) -> FeeQuote:
    method = Method(method)
    if method is Method.PER_APPLICATION:
        return quote_per_application(earlier_in_month=earlier_in_month, units=units)
    return quote_per_page(pages=units)
