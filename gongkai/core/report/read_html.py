"""Reading a report published as an HTML page.

Contract: `read_html(data)` takes the page as bytes or str. Scripts, styles, navigation, headers
and footers are dropped; every `<table>` row becomes one `cell | cell` line (cells covered by a
rowspan are simply absent, an empty `<td>` is a blank cell, read as null). When the page holds
no report but a script string does (`document.write("<table>…")`, JSON-escaped HTML), that
HTML is read instead. Returns a `ReadResult`; malformed HTML never raises.
"""

from __future__ import annotations

import base64
import binascii
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from gongkai.core.report.model import error
from gongkai.core.report.read_image import MARKER
from gongkai.core.report.read_lines import ReadResult, read_report_lines

DROPPED = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button")
BLOCKS = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "ul",
    "ol",
    "title",
    "center",
    "font",
)
WHITESPACE = re.compile(r"\s+")
JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt\"'/\\])")


def decode_html(data: bytes) -> str:
    head = data[:4096].decode("ascii", "ignore").lower()
    match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    encodings = [match.group(1)] if match else []
    for encoding in encodings + ["utf-8", "gb18030"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def _inside_table(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "table":
            return True
        parent = parent.parent
    return False


def _pictures(document, fetch) -> dict[str, bytes]:
    """Replace each `<img>` with its marker (a line of its own outside tables); {marker: picture
    bytes} for those that load (inline `data:` images, or through `fetch(src)` when the caller
    can fetch)."""
    pictures: dict[str, bytes] = {}
    for number, image in enumerate(document.css("img")):
        source = (image.attributes.get("src") or "").strip()
        content = None
        if source.startswith("data:image/") and ";base64," in source:
            try:
                content = base64.b64decode(source.split(",", 1)[1], validate=False)
            except (ValueError, binascii.Error):
                content = None
        elif fetch is not None and source:
            content = fetch(source)
        marker = MARKER.format(number + 1)
        if content:
            pictures[marker] = content
        image.replace_with(marker if _inside_table(image) else f"\n{marker}\n")
    return pictures


def _table_lines(table) -> str:
    """One `cell | cell` line per row with text (tables nested in it are already text)."""
    lines = []
    for row in table.css("tr"):
        cells = [WHITESPACE.sub(" ", cell.text(deep=True)).strip() for cell in row.iter() if cell.tag in ("td", "th")]
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def html_lines(text: str, fetch=None) -> tuple[list[str], list[str], dict[str, bytes]]:
    """(the page's text lines with tables as `|` lines, the texts of its scripts, its pictures)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    document = HTMLParser(text)
    if document.root is None:
        return [], [], {}
    scripts = [script for script in (s.text(deep=True) for s in document.css("script")) if script]
    pictures = _pictures(document, fetch)
    for element in reversed(document.css(",".join(DROPPED))):  # inner ones first: never a freed node
        element.decompose()
    for table in reversed(document.css("table")):  # innermost first: a nested table is one cell's text
        table.replace_with(f"\n\n{_table_lines(table)}\n\n")
    for element in document.css(",".join(BLOCKS + ("br", "td", "th"))):
        if element.tag != "br":
            element.insert_before("\n")
        element.insert_after(" " if element.tag in ("td", "th") else "\n")
    return document.root.text(deep=True).splitlines(), scripts, pictures


def _unescape_script(script: str) -> str:
    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code[0] in "ux":
            return chr(int(code[1:], 16))
        return {"n": "\n", "r": "\n", "t": "\t"}.get(code, code)

    return JS_ESCAPE.sub(replace, script)


def read_html(data: bytes | str, fetch=None) -> ReadResult:
    """`fetch(src) -> bytes | None` loads pictures by address (tables published as images)."""
    text = decode_html(data) if isinstance(data, bytes) else data
    if not text.strip():
        return ReadResult(None, [error("input.unreadable", "document", "文件为空")])
    lines, scripts, pictures = html_lines(text, fetch)
    result = read_report_lines(lines, pictures)
    if result.report is None:
        embedded = [_unescape_script(s) for s in scripts if "<table" in s or "\\u003ctable" in s.lower()]
        for script in embedded:
            inner = read_report_lines(html_lines(script)[0])
            if inner.report is not None:
                return inner
    return result
