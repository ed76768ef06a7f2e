"""Rich text of item bodies: sanitised with nh3 (no script, no event handlers, no styles)."""

from __future__ import annotations

import re

import nh3
from selectolax.lexbor import LexborHTMLParser as HTMLParser

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "a",
    "span",
    "div",
    "sub",
    "sup",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


_BREAK_AFTER = ("</p>", "<br>", "</li>", "</tr>", "</h2>", "</h3>", "</h4>", "</div>", "</blockquote>")


def text_of(html: str) -> str:
    """The visible text of sanitised HTML, block elements on their own lines."""
    if not html.strip():
        return ""
    for tag in _BREAK_AFTER:
        html = html.replace(tag, tag + "\n")
    for tag in ("</td>", "</th>"):
        html = html.replace(tag, tag + " ")
    tree = HTMLParser(html)
    return (tree.body.text(separator="") if tree.body else "").strip()


def plain_to_html(text: str) -> str:
    """Plain text paragraphs (blank-line or newline separated) as escaped <p> elements."""
    from django.utils.html import escape

    return "".join(f"<p>{escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip())


# --- Writing without HTML: the staff editor's input -------------------------------------------
# With JavaScript the editor (Jodit) posts HTML and marks it with `<name>__format=html`; without
# JavaScript the field is a plain textarea whose text keeps its line breaks: a blank line starts a
# new paragraph, a single line break is a <br>. Both are sanitised to the allowlist above.

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_SIMPLE_TAGS = {"p", "br"}


def text_to_html(text: str) -> str:
    """Plain text as paragraphs: blank lines separate paragraphs, line breaks inside stay (<br>)."""
    from django.utils.html import escape

    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text)]
    return "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in p.split("\n")) + "</p>" for p in paragraphs if p.strip()
    )


def looks_like_html(text: str) -> bool:
    return any(m.group(1).lower() in ALLOWED_TAGS for m in _TAG.finditer(text or ""))


def from_input(text: str, fmt: str = "") -> str:
    """Sanitised HTML from what the editor or the plain textarea posted."""
    if fmt == "html" or looks_like_html(text):
        return sanitise(text)
    return text_to_html(text)


def for_textarea(html: str) -> str:
    """What the plain textarea shows: simple paragraphs as text (blank line between paragraphs,
    line breaks kept); anything richer (lists, tables, headings) as its HTML, so nothing is lost."""
    html = html or ""
    if any(m.group(1).lower() not in _SIMPLE_TAGS for m in _TAG.finditer(html)):
        return html
    from html import unescape

    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.DOTALL) or [html]
    return "\n\n".join(unescape(re.sub(r"<br\s*/?>", "\n", p)) for p in paragraphs)
