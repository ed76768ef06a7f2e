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


def _children(node) -> list:
    return list(node.iter(include_text=True))


def _text(node, table_text: dict[int, str], markers: dict[int, str], cell: bool) -> str:
    """The text of `node`'s subtree with dropped elements left out, each picture as its marker and
    each table as its `|` lines. On the page (`cell=False`) block elements get line breaks around
    them and cells a space after; inside a cell (`cell=True`) text runs on. Iterative, so a deeply
    nested page cannot exhaust the stack."""
    parts: list[str] = []
    stack: list = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            parts.append(item.text_content or "")
        elif tag.startswith("-") or tag in DROPPED:  # comments and doctypes hold no text
            continue
        elif tag == "img":
            marker = markers.get(item.mem_id, "")
            parts.append(marker if cell else f"\n{marker}\n")
        elif tag == "table" and item.mem_id in table_text:
            lines = table_text[item.mem_id]
            parts.append(f"\n{lines}\n" if cell else f"\n\n{lines}\n\n")
        else:
            if cell:
                suffix = ""
            elif tag in BLOCKS:
                parts.append("\n")
                suffix = "\n"
            elif tag in ("td", "th"):
                parts.append("\n")
                suffix = " "
            else:
                suffix = "\n" if tag == "br" else ""
            stack.append(suffix)
            stack.extend(reversed(_children(item)))
    return "".join(parts)


def _rows(table) -> list:
    """The `<tr>` of a table in document order, not those of tables nested in it."""
    rows, stack = [], list(reversed(_children(table)))
    while stack:
        item = stack.pop()
        if item.tag == "tr":
            rows.append(item)
        if item.tag.startswith("-") or item.tag in DROPPED or item.tag == "table":
            continue
        stack.extend(reversed(_children(item)))
    return rows


def _table_lines(table, table_text: dict[int, str], markers: dict[int, str]) -> str:
    lines = []
    for row in _rows(table):
        cells = [
            WHITESPACE.sub(" ", _text(cell, table_text, markers, cell=True)).strip()
            for cell in _children(row)
            if cell.tag in ("td", "th")
        ]
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _pictures(document, fetch) -> tuple[dict[int, str], dict[str, bytes]]:
    """A marker line for each `<img>` ({node id: marker}) and {marker: picture bytes} for those
    that load (inline `data:` images, or through `fetch(src)` when the caller can fetch)."""
    markers: dict[int, str] = {}
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
        markers[image.mem_id] = marker
    return markers, pictures


def html_lines(text: str, fetch=None) -> tuple[list[str], list[str], dict[str, bytes]]:
    """(the page's text lines with tables as `|` lines, the texts of its scripts, its pictures)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    document = HTMLParser(text)
    if document.root is None:
        return [], [], {}
    scripts = [script for script in (s.text(deep=True) for s in document.css("script")) if script]
    markers, pictures = _pictures(document, fetch)
    table_text: dict[int, str] = {}
    for table in reversed(document.css("table")):  # innermost first: a nested table is one cell's text
        table_text[table.mem_id] = _table_lines(table, table_text, markers)
    return _text(document.root, table_text, markers, cell=False).splitlines(), scripts, pictures


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
