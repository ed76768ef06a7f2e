"""The form of a letter: dates in Chinese, the 暂定 mark, template placeholders, the 文号 pattern."""

from __future__ import annotations

import string
from datetime import date

# A date computed into a year without the State Council's holiday notice (国务院办公厅关于
# 部分节假日安排的通知) is a guess: the letter says so next to the date.
PROVISIONAL_NOTE = "（暂定，以国务院办公厅公布的节假日安排为准）"


def cn_date(day: date | None, *, provisional: bool = False) -> str:
    """2024年3月4日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no leading zeros)."""
    if day is None:
        return ""
    text = f"{day.year}年{day.month}月{day.day}日"
    return text + PROVISIONAL_NOTE if provisional else text


def placeholders_of(text: str) -> list[str]:
    """The `$name` / `${name}` placeholders of a template, in order of first use."""
    return list(dict.fromkeys(string.Template(text).get_identifiers()))


def placeholder_problem(text: str, allowed) -> str | None:
    """A Chinese reason why `text` may not be saved as a template, or None.

    Unknown placeholders are refused with the list of valid ones, so a letter can never read
    "承办人：$foo"; a lone "$" must be written "$$"."""
    allowed = tuple(allowed)
    valid = "、".join(f"${name}" for name in allowed)
    template = string.Template(text)
    if not template.is_valid():
        return f"模板中的「$」后须紧跟占位符名称（如需显示「$」本身，请写作「$$」）。可用的占位符：{valid}"
    unknown = [name for name in placeholders_of(text) if name not in allowed]
    if unknown:
        listed = "、".join(f"${name}" for name in unknown)
        return f"模板含有无法识别的占位符：{listed}。可用的占位符：{valid}"
    return None


_NUMBER_FIELDS = {"year", "seq"}


def number_pattern_problem(pattern: str) -> str | None:
    """A Chinese reason why `pattern` is not a usable 文号 pattern, or None.

    The pattern must contain {year} and {seq} and nothing else in braces, e.g.
    "车政信复〔{year}〕{seq}号" (GB/T 9704-2012 7.2.4: 年份用六角括号〔〕, 序号不编虚位)."""
    if not (pattern or "").strip():
        return "请填写文号格式，例如：车政信复〔{year}〕{seq}号"
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return "文号格式中的花括号不成对，只能使用 {year}（年份）和 {seq}（序号）"
    unknown = [name for name in fields if name not in _NUMBER_FIELDS]
    if unknown:
        return f"文号格式含有无法识别的项目：{'、'.join('{' + n + '}' for n in unknown)}；只能使用 {{year}}（年份）和 {{seq}}（序号）"
    if "year" not in fields or "seq" not in fields:
        return "文号格式须同时包含 {year}（年份）和 {seq}（序号），例如：车政信复〔{year}〕{seq}号"
    return None


def format_letter_number(pattern: str, *, year: int, seq: int) -> str:
    """车政信复〔2024〕3号: the serial without leading zeros (序号不编虚位)."""
    problem = number_pattern_problem(pattern)
    if problem:
        raise ValueError(problem)
    if seq < 1:
        raise ValueError("文号序号必须为正整数")
    return pattern.format(year=year, seq=seq)


def default_number_pattern(agency_short_name: str) -> str:
    """ "车政信复〔{year}〕{seq}号" for 车辋镇: the first character of the short name + 政信复."""
    first = (agency_short_name or "").strip()[:1]
    return f"{first}政信复〔{{year}}〕{{seq}}号"
