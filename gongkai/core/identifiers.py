"""Check characters of Chinese identifiers.

- 统一社会信用代码: GB 32100-2015, 18 characters from a 31-character alphabet (no I, O, Z, S, V);
  the 18th is a check character over the first 17 with weights 3^i mod 31.
- 公民身份号码: GB 11643-1999, 17 digits + a check character (0-9 or X), ISO 7064 MOD 11-2;
  digits 7–14 are the date of birth.

Functions return a Chinese reason when the value is invalid and None when it is valid, so a form
and the CLI can show the same message.
"""

from __future__ import annotations

import re
from datetime import date

_ASCII_DIGITS = re.compile(r"[0-9]+")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a valid 统一社会信用代码, or None."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    bad = [ch for ch in code if ch not in USCC_ALPHABET]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用I、O、Z、S、V）"
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第18位应为“{expected}”"
    return None


def resident_id_check_character(first17: str) -> str:
    return _ID_CHECK[sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(number: str) -> str | None:
    """Why `number` is not a valid 18-digit 公民身份号码, or None."""
    if len(number) != 18:
        return f"身份证号码应为18位，当前为{len(number)}位"
    if not _ASCII_DIGITS.fullmatch(number[:17]) or number[17] not in "0123456789X":  # not str.isdigit(): "²"
        return "身份证号码前17位应为数字，第18位为数字或X"
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期无效"
    expected = resident_id_check_character(number[:17])
    if number[17] != expected:
        return f"身份证号码校验位错误：第18位应为“{expected}”"
    return None


def is_valid_resident_id(number: str) -> bool:
    return resident_id_problem(number) is None
