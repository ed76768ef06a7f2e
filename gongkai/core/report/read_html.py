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

import lxml.html
from lxml import etree

from gongkai.core.report.model import error
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


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iter("tr"):
        cells = [WHITESPACE.sub(" ", cell.text_content()).strip() for cell in row if cell.tag in ("td", "th")]
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _pictures(document, fetch) -> dict[str, bytes]:
    """Replace each `<img>` with a marker line; {marker: picture bytes} for those that load
    (inline `data:` images, or through `fetch(src)` when the caller can fetch)."""
    from gongkai.core.report.read_image import MARKER

    pictures: dict[str, bytes] = {}
    for number, image in enumerate(list(document.iter("img"))):
        source = (image.get("src") or "").strip()
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
        replacement = lxml.html.Element("p")
        replacement.text = marker
        replacement.tail = image.tail
        if image.getparent() is not None:
            image.getparent().replace(image, replacement)
    return pictures


def html_lines(text: str, fetch=None) -> tuple[list[str], list[str], dict[str, bytes]]:
    """(the page's text lines with tables as `|` lines, the texts of its scripts, its pictures)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        document = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return [], [], {}
    scripts = [s.text for s in document.iter("script") if s.text]
    pictures = _pictures(document, fetch)
    for element in list(document.iter(*DROPPED)):
        element.drop_tree()
    for table in reversed(list(document.iter("table"))):
        replacement = lxml.html.Element("div")
        replacement.text = "\n" + "\n".join(_table_lines(table)) + "\n"
        replacement.tail = table.tail
        table.getparent().replace(table, replacement) if table.getparent() is not None else None
    for element in document.iter(*BLOCKS, "br", "td", "th"):
        element.tail = ("\n" if element.tag not in ("td", "th") else " ") + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return document.text_content().splitlines(), scripts, pictures


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
