"""Finding the six sections of an annual report in its cleaned lines.

Headings are recognised by their number (一 … 六, as "一、" or "（一）") followed within a few
characters by the key words of the title in 国办公开办函〔2021〕30号, so that the table rows
"二、上年结转…" or "四、结转下年度继续办理" never pass for section headings.
"""

from __future__ import annotations

import re
import unicodedata

SECTION_KEYS = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息",
    "applications": "收到和处理",
    "review_litigation": "行政复议",
    "problems": "存在的主要问题",
    "other": "其他需要报告",
}
HEADING = re.compile(r"^(?:第?[一二三四五六]\s*(?:部分)?\s*[、.,:]|\(\s*[一二三四五六]\s*\))\s*(.*)$")
PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")
NOISE = re.compile(
    r"^(?:.*扫一扫.*|.*打印本页.*|.*关闭窗口.*|【?(?:打印|关闭)】?|.*字号.*[大中小].*|分享到.*|.*主办单位.*|.*承办单位.*"
    r"|.*网站标识码.*|.*ICP备.*|.*公网安备.*|.*版权所有.*|.*技术支持.*|联系我们.*|网站地图.*|.*当前位置.*"
    r"|.*浏览次数.*|.*访问量.*|.*浏览量.*|首页.*>.*|上一篇.*|下一篇.*|相关链接.*)$"
)
MARKUP = re.compile(r"^(?:#{1,6}\s*|>\s*|[-*+]\s+(?=\S))")


def clean_lines(raw_lines) -> list[str]:
    """NFKC, strip markdown markers, page numbers ("-1-", "第1页") and site noise; drop blanks."""
    lines = []
    for raw in raw_lines:
        line = unicodedata.normalize("NFKC", raw).replace("\u3000", " ").strip()
        line = MARKUP.sub("", line).replace("**", "").replace("__", "").strip()
        if not line or PAGE_NUMBER.match(line):
            continue
        if len(line) <= 60 and NOISE.match(line):
            continue
        lines.append(line)
    return lines


def heading_section(line: str) -> tuple[str, str] | None:
    """(section id, text after the heading) when `line` is a section heading."""
    match = HEADING.match(line)
    if not match:
        return None
    rest = match.group(1)
    head = rest[:24].replace(" ", "")
    for section_id, key in SECTION_KEYS.items():
        position = head.find(key)
        if 0 <= position <= 8:
            return section_id, _after_title(rest)
    return None


def _after_title(rest: str) -> str:
    ends = [m.end() for m in re.finditer(r"(情况|事项)", rest[:30])]
    return rest[ends[0]:].lstrip(" 。:") if ends else ""


def split_sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """(lines before the first heading, {section id: its lines}) for the sections found."""
    found: dict[str, list[str]] = {}
    preamble: list[str] = []
    current: list[str] = preamble
    for line in lines:
        heading = heading_section(line) if len(line) < 200 else None
        if heading and heading[0] not in found:
            section_id, remainder = heading
            current = found.setdefault(section_id, [])
            if remainder:
                current.append(remainder)
            continue
        current.append(line)
    return preamble, found
