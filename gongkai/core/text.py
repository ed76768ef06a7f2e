"""Text at the boundary: one cleaning for every form, import and API, and one escaping for every writer.

Input (`clean_text`): what a person types or a file carries is refused, with a Chinese reason naming
the field, when it holds a character no document format can carry — C0 control characters other
than tab and newline (CR and CRLF are normalised to newline), DEL, NUL, lone surrogates and Unicode
noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane, e.g. U+FFFE). Accepted text is
NFC-normalised, and its length is checked in characters after normalisation — the unit both
SQLite (CHECK-free) and PostgreSQL (varchar(n)) count — so a limit means the same on both.

Numbers (`parse_int`): ASCII digits only. `str.isdigit()` accepts "²" and `int()` accepts "١٢"
(Arabic-Indic) and "１２" (full-width); neither belongs in a page number, an id or a count.

Output: `xml_safe` replaces whatever is already stored and is illegal in XML 1.0 (DOCX, XLSX,
Atom, HTML→PDF) with U+FFFD, so a writer never fails on old data; `spreadsheet_safe` also
neutralises formula-like text (=, +, -, @, tab, CR at the start) in XLSX/CSV exports
(OWASP "CSV injection").
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.refusal import Refused

REPLACEMENT = "\ufffd"

# C0 except tab/newline (CR is normalised before the check), DEL, surrogates, noncharacters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
# Illegal in XML 1.0 (https://www.w3.org/TR/xml/#charsets): the same set, except that CR is legal.
_XML_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ASCII_INT = re.compile(r"[0-9]+")


class TextRefused(Refused):
    """A Chinese reason (naming the field) why a value was refused."""

    code = "text"


def _describe(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "空字符（U+0000）"
    if code < 0x20 or code == 0x7F:
        return f"控制字符（U+{code:04X}）"
    return f"非法字符（U+{code:04X}）"


def text_problem(value: str, label: str, max_length: int | None = None) -> str | None:
    """Why `value` (already normalised by `normalise`) is refused for field `label`, or None."""
    bad = _FORBIDDEN.search(value)
    if bad:
        return f"“{label}”含有不允许的{_describe(bad.group())}，请删除后重新填写"
    if max_length is not None and len(value) > max_length:
        return f"“{label}”应不超过{max_length}字（当前{len(value)}字）"
    return None


def normalise(value: str) -> str:
    """CRLF and CR to newline; NFC. Lone surrogates are kept (and then refused by the check)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return unicodedata.normalize("NFC", value)
    except UnicodeError:  # pragma: no cover - normalize does not raise on str in CPython
        return value


def clean_text(value: str, label: str, max_length: int | None = None) -> str:
    """The normalised value, or TextRefused with a Chinese reason naming `label`."""
    value = normalise(value)
    problem = text_problem(value, label, max_length)
    if problem:
        raise TextRefused(problem)
    return value


def parse_int(
    raw, *, label: str = "数值", minimum: int | None = None, maximum: int | None = None, max_digits: int = 18
) -> int:
    """An integer from request or file text: optional surrounding spaces, ASCII digits only.

    An int from a spreadsheet cell is accepted as is (and a float only when whole). Raises
    TextRefused with a Chinese reason otherwise."""
    if isinstance(raw, bool):
        raise TextRefused(f"“{label}”应为整数")
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")) or not raw.is_integer():
            raise TextRefused(f"“{label}”应为整数")
        number = int(raw)
    else:
        text = str(raw).strip(" ")
        if not text or len(text) > max_digits or not _ASCII_INT.fullmatch(text):
            raise TextRefused(f"“{label}”应为由0–9组成的整数")
        number = int(text)
    if minimum is not None and number < minimum or maximum is not None and number > maximum:
        low = "" if minimum is None else f"{minimum}"
        high = "" if maximum is None else f"{maximum}"
        raise TextRefused(
            f"“{label}”应在{low}至{high}之间"
            if low and high
            else f"“{label}”不能小于{low}"
            if low
            else f"“{label}”不能大于{high}"
        )
    return number


def is_ascii_digits(raw: str, max_digits: int = 18) -> bool:
    """True for a non-empty run of ASCII 0–9 (what `str.isdigit()` should have meant)."""
    return isinstance(raw, str) and 0 < len(raw) <= max_digits and _ASCII_INT.fullmatch(raw) is not None


def xml_safe(value):
    """`value` with characters illegal in XML 1.0 replaced by U+FFFD; non-strings unchanged."""
    if isinstance(value, str) and _XML_ILLEGAL.search(value):
        return _XML_ILLEGAL.sub(REPLACEMENT, value)
    return value


def spreadsheet_safe(value):
    """A cell value for XLSX/CSV export: XML-safe, and formula-like text prefixed with an
    apostrophe so that no spreadsheet program evaluates it; numbers and dates unchanged."""
    value = xml_safe(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xml_safe_deep(value):
    """`xml_safe` applied to every string inside nested dicts, lists and tuples (e.g. a report's JSON)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe_deep(k): xml_safe_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe_deep(v) for v in value)
    return value


def spreadsheet_row(values) -> list:
    """`spreadsheet_safe` over one row of cells (what every XLSX/CSV export appends)."""
    return [spreadsheet_safe(v) for v in values]
