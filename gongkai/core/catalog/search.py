"""Search tokenisation: overlapping bigrams, with substring semantics checked on the real text.

Contract:
- `normalise(text)`: NFKC, lower case, whitespace runs collapsed to one space. Both the indexed
  text and the query are normalised the same way; a match is `term in normalise(text)`.
- `bigrams(text)`: the distinct overlapping bigrams of each run of letters/digits in the
  normalised text; a run of one character gives that character. Any substring of >= 2
  letters/digits of a run yields bigrams that are all in the text's bigrams, so the bigram AND
  query never misses a true match; false candidates (bigrams present, not adjacent) are removed
  by the substring check.
- `parse_query(q)`: the terms (split on whitespace, all must match) or a Chinese reason why the
  query cannot be searched (each term needs at least two letters or digits).
- `gram_code(bigram)`: a 32-bit signed integer for a bigram (exact for the Basic Multilingual
  Plane; folded above it, which only adds candidates the substring check removes).
- `sort_key(published_on_ordinal, item_id)`: the public order (newest 发布日期 first, then id)
  as one integer: larger = earlier in the list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
_RUN = re.compile(r"[^\W_]+")
MAX_TERMS = 5
MAX_TERM_CHARS = 40


def normalise(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").lower()).strip()


def runs(normalised: str) -> list[str]:
    return _RUN.findall(normalised)


def bigrams(text: str, *, normalised: bool = False) -> list[str]:
    """Distinct bigrams (and single-character runs) of `text`, in first-seen order."""
    seen: dict[str, None] = {}
    for run in runs(text if normalised else normalise(text)):
        if len(run) == 1:
            seen.setdefault(run, None)
        for i in range(len(run) - 1):
            seen.setdefault(run[i : i + 2], None)
    return list(seen)


def query_grams(term: str) -> list[str]:
    """The bigrams every text containing `term` must have (term already normalised)."""
    seen: dict[str, None] = {}
    for run in runs(term):
        if len(run) == 1:
            continue  # a single character between punctuation: checked by the substring test
        for i in range(len(run) - 1):
            seen.setdefault(run[i : i + 2], None)
    return list(seen)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    grams: tuple[str, ...]


def parse_query(q: str) -> ParsedQuery | str:
    text = normalise(q)
    if not text:
        return "请输入检索词"
    terms = tuple(dict.fromkeys(t for t in text.split(" ") if t))
    if len(terms) > MAX_TERMS:
        return f"检索词最多{MAX_TERMS}个（以空格分隔）"
    grams: dict[str, None] = {}
    for term in terms:
        if len(term) > MAX_TERM_CHARS:
            return f"每个检索词不超过{MAX_TERM_CHARS}个字"
        term_grams = query_grams(term)
        if not term_grams:
            return f"检索词“{term}”太短：请至少输入两个连续的汉字、字母或数字"
        grams.update(dict.fromkeys(term_grams))
    return ParsedQuery(terms, tuple(grams))


def matches(parsed: ParsedQuery, normalised_text: str) -> bool:
    return all(term in normalised_text for term in parsed.terms)


def gram_code(gram: str) -> int:
    a = ord(gram[0]) & 0xFFFF
    b = (ord(gram[1]) & 0xFFFF) if len(gram) > 1 else 0xFFFF
    return ((a << 16) | b) - 2**31


SORT_ID_BITS = 32


def sort_key(published_ordinal: int, item_id: int) -> int:
    if not 0 <= item_id < 2**SORT_ID_BITS:
        raise ValueError("item id out of range for the sort key")
    return (published_ordinal << SORT_ID_BITS) | item_id


def key_range_for_dates(first_ordinal: int | None, last_ordinal: int | None) -> tuple[int | None, int | None]:
    """Sort-key bounds (inclusive) for 发布日期 in [first, last]."""
    low = sort_key(first_ordinal, 0) if first_ordinal is not None else None
    high = sort_key(last_ordinal, 2**SORT_ID_BITS - 1) if last_ordinal is not None else None
    return low, high


def highlight_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of any term in `text`, compared after normalisation
    per character (NFKC of CJK text keeps lengths for the characters the portal uses)."""
    lowered = text.lower()
    spans = []
    for term in terms:
        start = lowered.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(text: str, terms: tuple[str, ...], width: int = 90) -> list[tuple[str, bool]]:
    """A window of `text` around the first hit, as (segment, is_hit) pairs for the template."""
    spans = highlight_spans(text, terms)
    if not spans:
        return [(text[:width] + ("…" if len(text) > width else ""), False)]
    first = spans[0][0]
    left = max(0, first - width // 3)
    right = min(len(text), left + width)
    parts: list[tuple[str, bool]] = []
    if left:
        parts.append(("…", False))
    pos = left
    for s, e in spans:
        if s >= right:
            break
        s, e = max(s, pos), min(e, right)
        if s > pos:
            parts.append((text[pos:s], False))
        if e > s:
            parts.append((text[s:e], True))
        pos = max(pos, e)
    if pos < right:
        parts.append((text[pos:right], False))
    if right < len(text):
        parts.append(("…", False))
    return parts
