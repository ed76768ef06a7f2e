"""索引号 patterns (regulation.md §4: no national standard; configurable per agency).

A pattern is text with placeholders:
- `{统一社会信用代码}` the agency's 18-character code (also `{机构代码}` for the same value),
- `{YYYY}` the year of publication, `{MM}` its month,
- `{NNNNN}` the serial within agency and year, zero-padded to as many digits as there are Ns
  (at least 3).
Exactly one serial placeholder and one `{YYYY}` are required.
"""

from __future__ import annotations

import re

DEFAULT_PATTERN = "{统一社会信用代码}/{YYYY}-{NNNNN}"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN = {"统一社会信用代码", "机构代码", "YYYY", "MM"}


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` is not usable, or None."""
    if not pattern or len(pattern) > 80:
        return "索引号规则不能为空，且不超过80个字符"
    names = _PLACEHOLDER.findall(pattern)
    serials = [n for n in names if n and set(n) == {"N"}]
    unknown = [n for n in names if n not in _KNOWN and not (n and set(n) == {"N"})]
    if unknown:
        return f"索引号规则含有未知占位符“{{{unknown[0]}}}”"
    if len(serials) != 1 or len(serials[0]) < 3:
        return "索引号规则须含且只含一个流水号占位符，如 {NNNNN}（至少3位）"
    if names.count("YYYY") != 1:
        return "索引号规则须含年份占位符 {YYYY}"
    if "{" in _PLACEHOLDER.sub("", pattern) or "}" in _PLACEHOLDER.sub("", pattern):
        return "索引号规则的花括号不成对"
    return None


def format_index_number(pattern: str, *, credit_code: str, year: int, month: int, serial: int) -> str:
    problem = pattern_problem(pattern)
    if problem:
        raise ValueError(problem)

    def replace(match):
        name = match.group(1)
        if name in ("统一社会信用代码", "机构代码"):
            return credit_code
        if name == "YYYY":
            return f"{year:04d}"
        if name == "MM":
            return f"{month:02d}"
        width = len(name)
        if serial >= 10**width:
            raise ValueError(f"本年流水号已超过{width}位上限")
        return f"{serial:0{width}d}"

    return _PLACEHOLDER.sub(replace, pattern)


def parse_index_number(pattern: str, *, credit_code: str, value: str) -> tuple[int, int] | None:
    """(year, serial) if `value` follows `pattern` for this agency, else None."""
    regex = ""
    pos = 0
    for match in _PLACEHOLDER.finditer(pattern):
        regex += re.escape(pattern[pos : match.start()])
        name = match.group(1)
        if name in ("统一社会信用代码", "机构代码"):
            regex += re.escape(credit_code)
        elif name == "YYYY":
            regex += r"(?P<year>\d{4})"
        elif name == "MM":
            regex += r"\d{2}"
        else:
            regex += rf"(?P<serial>\d{{{len(name)},}})"
        pos = match.end()
    regex += re.escape(pattern[pos:])
    found = re.fullmatch(regex, value)
    if not found:
        return None
    return int(found.group("year")), int(found.group("serial"))
