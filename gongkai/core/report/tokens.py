"""Turning the lines of a report's table sections into label and value tokens.

Input lines are already NFKC-normalised. A line holding `|` or a tab is split into cells (an
empty cell between filled cells is a `blank` token: a null, never 0); any other line is split
on whitespace. A cell is a value when it is a number, optionally followed by 件/个/项/万元, or
one of "—", "-", "/", "无" (read as 0); a label glued to trailing digits ("…数量21710000218") is
split into a label and a digit run. Everything else is a label.

A line of labels then two or more empty cells ("3.危及“三安全一稳定”|||||||", a row whose zeros
were all printed empty) ends with the mark of such a row; one trailing empty cell ("| 规章 |")
does not. A positioned reader (OFD) knows where a cell was printed empty and says so:
`EMPTY_CELL` is one blank cell, kept also at either end of the line (a row whose first or last
column is empty); `EMPTY_ROW` ends a row of labels only ("3.危及“三安全一稳定” | ␢"). The mark of a
row printed empty is one `ROW_PRINTED_EMPTY` token, kept although the line holds no figure, which
the aligner turns into one blank per column of the row its label names, or drops
(`slots.expand_empty_rows`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

VALUE_PATTERN = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(?:件|个|项|次|宗|万元|元)?$")
ZERO_MARKS = frozenset({"—", "——", "-", "--", "/", "无", "–", "―", "−"})
GLUED_PATTERN = re.compile(r"^(.*[\u4e00-\u9fff)）”\"])(\d+(?:\.\d+)?)$")
MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[、.](?!\d))")
TRAILING_NOTE = re.compile(r"\(.*$")
# Never printed in a report, unchanged by NFKC and OpenCC; never shown (`strip_marks`).
EMPTY_CELL = "\u2400"  # "␀"
EMPTY_ROW = "\u2422"  # "␢"
PUNCTUATION = re.compile(r"[\s“”\"'‘’「」《》:：;；]")


@dataclass(frozen=True)
class Token:
    kind: str  # "label", "value" or "blank"
    text: str
    glued: bool = False  # a digit run printed straight after its label, without a separator


ROW_PRINTED_EMPTY = Token("blank", "row")  # every cell of the row before it printed empty


def classify_cell(text: str) -> list[Token]:
    text = text.strip().strip("*").strip()
    if not text:
        return []
    if text in ZERO_MARKS:
        return [Token("value", "0")]
    if text == EMPTY_CELL:
        return [Token("blank", "")]
    if text == EMPTY_ROW:
        return [ROW_PRINTED_EMPTY]
    match = VALUE_PATTERN.match(text)
    if match:
        return [Token("value", match.group(1))]
    glued = GLUED_PATTERN.match(text.replace(" ", ""))
    if glued:
        return [Token("label", glued.group(1)), Token("value", glued.group(2), True)]
    return [Token("label", text)]


def tokenize_line(line: str) -> list[Token]:
    if MARKDOWN_RULE.match(line.strip()):
        return []
    if "|" in line or "\t" in line:
        cells = [c.strip() for c in re.split(r"[|\t]", line)]
        trailing = 0
        while cells and not cells[-1]:
            cells.pop()
            trailing += 1
        while cells and not cells[0]:
            cells.pop(0)
        tokens: list[Token] = []
        for cell in cells:
            tokens += classify_cell(cell) if cell else [Token("blank", "")]
        if not any(t.kind == "value" for t in tokens):
            kept = [t for t in tokens if t.kind != "blank" or t == ROW_PRINTED_EMPTY]
            if trailing >= 2 and kept and kept[-1].kind == "label":
                kept.append(ROW_PRINTED_EMPTY)  # "3.危及“三安全一稳定”|||||||": a row printed empty
            return kept
        return tokens
    tokens = []
    for piece in line.split():
        tokens += classify_cell(piece)
    return tokens


def strip_marks(text: str) -> str:
    """Text for people: without the positioned reader's empty-cell marks."""
    return re.sub(rf"\s*\|\s*[{EMPTY_CELL}{EMPTY_ROW}]|[{EMPTY_CELL}{EMPTY_ROW}]", "", text)


def tokenize(lines: list[str]) -> list[Token]:
    tokens: list[Token] = []
    for line in lines:
        tokens += tokenize_line(line)
    return tokens


@lru_cache(maxsize=4096)
def normalize_label(text: str) -> str:
    """Label text without spaces, quotes or colons, for comparing with the format's labels."""
    return PUNCTUATION.sub("", unicodedata.normalize("NFKC", text)).replace("．", ".").replace("，", ",")


def label_core(normalized: str) -> str:
    """The label without its numbering ("（三）", "1.", "二、") and trailing parenthesised note."""
    core = NUMBERING.sub("", normalized)
    return TRAILING_NOTE.sub("", core) or core


def _bare(normalized: str) -> str:
    return re.sub(r"[()、.,]", "", normalized)


@lru_cache(maxsize=16384)
def label_matches(cell: str, label: str) -> bool:
    """Does the cell text `cell` name the row labelled `label` (both already normalised)?

    Short labels ("规章", "3.其他", "（七）总计") must match in full, so that the column headers
    "其他" and "总计" never pass for rows; longer ones match by their core, also when the cell
    holds only the start of a label that was split across lines.
    """
    key = label_core(label)
    if len(key) < 4:
        return _bare(cell) == _bare(label)
    core = label_core(cell)
    return core.startswith(key) or (len(core) >= 6 and key.startswith(core))
