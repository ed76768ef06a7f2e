"""Cleaning the lines of a published report before its sections are found (`read_headings`).

`clean_lines` applies NFKC, strips Markdown markers, page numbers ("-1-", "第1页") and the site
noise of government pages (navigation, share and print links, footers), and drops blank lines.
"""

from __future__ import annotations

import re
import unicodedata

PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)
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
