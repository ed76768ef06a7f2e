"""Screening of text for personal data and secrecy marks before the confidentiality review.

Contract: `screen(text)` returns every hit, in order of position, as `Hit(kind, start, end,
match, context)`; it never raises on any string. What counts:
- ID_NUMBER: an 18-character 公民身份号码 whose birth date and check character are valid
  (GB 11643), not part of a longer run of digits.
- MOBILE: 11 digits `1[3-9]\\d{9}`, not part of a longer run of digits (spaces or hyphens
  between groups 3-4-4 are allowed).
- BANK_CARD: 13–19 digits (optionally in groups of 4 separated by spaces) passing the Luhn
  check and not already a hit of another kind.
- EMAIL: an ordinary e-mail address.
- SECRECY_MARK: a 密级 mark 绝密 / 机密 / 秘密 (followed by ★ or a period like “1年”, in
  brackets, or alone on a line) and 内部 marks (“内部资料”, “内部文件”, “【内部】”…). The same
  words in running text (“国家秘密”, “商业秘密”, “内部事务信息”) are not marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from gongkai.core.identifiers import is_valid_resident_id


class HitKind(str, Enum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    SECRECY_MARK = "secrecy_mark"

    @property
    def label(self) -> str:
        return HIT_LABELS[self]


HIT_LABELS = {
    HitKind.ID_NUMBER: "身份证号码",
    HitKind.MOBILE: "手机号码",
    HitKind.BANK_CARD: "银行卡号",
    HitKind.EMAIL: "电子邮箱",
    HitKind.SECRECY_MARK: "密级标识",
}

CONTEXT_CHARS = 15


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    start: int
    end: int
    match: str
    context: str  # the surrounding text, the hit itself kept in place


_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])(?:[0-9]{4} ){3,4}[0-9]{1,7}(?![0-9])|(?<![0-9])[0-9]{13,19}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A mark, not the words in running text ("国家秘密", "商业秘密", "内部事务信息" are not marks):
# a level with ★/*/期限, a level alone in brackets or on its own line, or 内部 + 资料/文件/....
_MARK = re.compile(
    r"(?:绝密|机密|秘密)(?=\s*[★☆*＊]|\s*[0-9一二三四五六七八九十]+年)"
    r"|(?<=[【〔\[（(])(?:绝密|机密|秘密|内部)(?=[】〕\]）)])"
    r"|(?:^|(?<=\n))\s*(?:绝密|机密|秘密|内部)\s*(?=$|\n)"
    r"|内部(?=资料|文件|材料|使用|刊物|参考|明电|事项，?注意保存|★)"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def screen(text: str) -> list[Hit]:
    """Every hit in `text`, ordered by position."""
    spans: list[tuple[int, int, HitKind]] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start, end):
        return any(start < e and s < end for s, e in taken)

    for m in _ID.finditer(text):
        if is_valid_resident_id(m.group().upper()):
            spans.append((m.start(), m.end(), HitKind.ID_NUMBER))
            taken.append((m.start(), m.end()))
    for m in _EMAIL.finditer(text):
        if not overlaps(m.start(), m.end()):
            spans.append((m.start(), m.end(), HitKind.EMAIL))
            taken.append((m.start(), m.end()))
    for m in _MOBILE.finditer(text):
        if not overlaps(m.start(), m.end()):
            spans.append((m.start(), m.end(), HitKind.MOBILE))
            taken.append((m.start(), m.end()))
    for m in _CARD.finditer(text):
        digits = m.group().replace(" ", "")
        if 13 <= len(digits) <= 19 and len(set(digits)) > 1 and not overlaps(m.start(), m.end()) and luhn_valid(digits):
            spans.append((m.start(), m.end(), HitKind.BANK_CARD))
            taken.append((m.start(), m.end()))
    for m in _MARK.finditer(text):
        word = m.group().strip()
        start = m.start() + m.group().index(word)
        spans.append((start, start + len(word), HitKind.SECRECY_MARK))
    spans.sort()
    return [Hit(kind, s, e, text[s:e], _context(text, s, e)) for s, e, kind in spans]
