"""Finding section headings as published, tolerantly, and re-breaking running text at them.

Contract:
- `heading_section(line)` → `(section id, text after the title)` when `line` is one of the six
  section headings of 国办公开办函〔2021〕30号, also when the title carries a stray, missing or
  swapped character, is numbered "第三部分" / "3." / "（三）", or stands alone without a number
  (a bold-only heading). A line naming a row of the tables ("二、上年结转…", "三、本年度办理结果",
  "四、结转下年度继续办理") is never a heading: rows are ruled out first, and a title must match
  within one or two edits.
- `break_running_text(lines)` splits lines that hold a whole report run together (scraped text
  whose line breaks were lost) before each heading found in order and after each sentence, so
  the section splitter and the table tokenizer see the usual shape. Short lines pass unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.core.report.format import APPLICATION_ROWS, SECTIONS
from gongkai.core.report.tokens import label_matches, normalize_label

SECTION_KEYS = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息",
    "applications": "收到和处理",
    "review_litigation": "行政复议",
    "problems": "存在的主要问题",
    "other": "其他需要报告",
}
TITLES = {s.id: s.title for s in SECTIONS}
TITLE_SETS = {s.id: frozenset(s.title) for s in SECTIONS}
NUMBER_OF = {s.id: s.number for s in SECTIONS}
DIGIT_OF = {n: str(i + 1) for i, n in enumerate("一二三四五六")}
NUMBERED = re.compile(
    r"^(?:第\s*([一二三四五六])\s*部分\s*[、.,:]?|([一二三四五六])\s*[、.,:]|\(\s*([一二三四五六])\s*\)|([1-6])\s*[、.](?!\d))\s*(.*)$"
)
RUNNING_HEADING = re.compile(
    r"(?:第\s*[一二三四五六]\s*部分\s*[、.,:]?|[一二三四五六]\s*[、.,:]|\(\s*[一二三四五六]\s*\))"
)
ROW_LABELS = tuple(normalize_label(r.label) for r in APPLICATION_ROWS if r.group is None) + (
    normalize_label("三、本年度办理结果"),
)
RUNNING_MIN = 300
DIGIT = re.compile(r"\d")


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance (a swap counts once), stopping above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _tolerance(title: str) -> int:
    return 1 if len(title) <= 6 else 2


def _fuzzy_title(head: str, numbered: bool) -> tuple[str, int] | None:
    """(section id, length of the title as printed) when `head` starts with a title (a bare
    heading is the whole line: its length is the title's, give or take one character)."""
    best = None
    for section_id, title in TITLES.items():
        limit = _tolerance(title) if numbered else 1
        if not numbered and abs(len(head) - len(title)) > 1:
            continue
        if len(TITLE_SETS[section_id] & set(head[: len(title) + 2])) < len(TITLE_SETS[section_id]) - limit:
            continue
        for size in range(max(1, len(title) - limit), len(title) + limit + 1):
            if size > len(head):
                break
            distance = _distance(head[:size], title, limit)
            if distance <= limit and (best is None or distance < best[2]):
                best = (section_id, size, distance)
    return (best[0], best[1]) if best else None


def _is_row_label(text: str) -> bool:
    cell = normalize_label(text)
    return any(label_matches(cell, label) for label in ROW_LABELS)


@lru_cache(maxsize=8192)
def heading_section(line: str) -> tuple[str, str] | None:
    match = NUMBERED.match(line)
    if match:
        rest = match.group(5)
        number = next(g for g in match.groups()[:4] if g)
        head = rest[:30].replace(" ", "")
        for section_id, key in SECTION_KEYS.items():
            position = head.find(key)
            if 0 <= position <= 8:
                return section_id, _after_title(rest)
        if "|" in line or "\t" in line:  # a table row, never a heading
            return None
        found = _fuzzy_title(head, numbered=True)
        if (
            found
            and number in (NUMBER_OF[found[0]], DIGIT_OF[NUMBER_OF[found[0]]])
            and not (_is_row_label(line) or _is_row_label(rest))
        ):
            return found[0], _after_title(rest)
        return None
    compact = line.replace(" ", "")
    if len(compact) > 24 or len(compact) < 3 or DIGIT.search(compact):
        return None
    found = _fuzzy_title(compact, numbered=False)
    if found and len(compact) - found[1] <= 1:
        return found[0], ""
    return None


def _after_title(rest: str) -> str:
    ends = [m.end() for m in re.finditer(r"(情况|事项|情兄|事顶)", rest[:34])]
    return rest[ends[0] :].lstrip(" 。:") if ends else ""


def break_running_text(lines: list[str]) -> list[str]:
    """Lines with every over-long line cut before the headings it holds and after sentences."""
    shortest = RUNNING_MIN if len(lines) > 5 else 40  # a short excerpt on a line or two
    if not any(len(line) >= shortest for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        if len(line) < shortest:
            out.append(line)
            continue
        out += _break_line(line)
    return out


def _break_line(line: str) -> list[str]:
    cuts = [0]
    order = [s.id for s in SECTIONS]
    last = -1
    for match in RUNNING_HEADING.finditer(line):
        found = heading_section(line[match.start() : match.start() + 60])
        if found is None:
            continue
        index = order.index(found[0])
        if index > last:
            cuts.append(match.start())
            last = index
    cuts.append(len(line))
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = line[start:end].strip()
        if not piece:
            continue
        heading = heading_section(piece[:60])
        if heading is not None and start > 0:
            title_end = _title_end(piece)
            pieces.append(piece[:title_end].strip())
            piece = piece[title_end:].strip()
        pieces += [s.strip() for s in re.split(r"(?<=[。；!?！？])", piece) if s.strip()]
    return pieces


def _title_end(piece: str) -> int:
    match = NUMBERED.match(piece)
    prefix = len(piece) - len(match.group(5)) if match else 0
    head = piece[prefix : prefix + 40]
    found = _fuzzy_title(head.replace(" ", ""), numbered=True)
    for key in SECTION_KEYS.values():
        position = head.find(key)
        if 0 <= position <= 8:
            ends = [m.end() for m in re.finditer(r"(情况|事项)", head)]
            if ends:
                return prefix + ends[0]
            return prefix + position + len(key)
    if found:
        return prefix + found[1]
    return prefix


def split_sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]], dict[str, int]]:
    """(lines before the first heading, {section id: its lines}, {section id: index of its first
    line in `lines`}) for the sections found; a section named twice keeps its first place."""
    found: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    preamble: list[str] = []
    current: list[str] = preamble
    for index, line in enumerate(lines):
        heading = heading_section(line) if len(line) < 200 else None
        if heading and heading[0] not in found:
            section_id, remainder = heading
            current = found.setdefault(section_id, [])
            starts[section_id] = index
            if remainder:
                current.append(remainder)
            continue
        current.append(line)
    return preamble, found, starts
