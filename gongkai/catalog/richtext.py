"""Rich text of item bodies: sanitised with nh3 (no script, no event handlers, no styles)."""

from __future__ import annotations

import nh3
from selectolax.lexbor import LexborHTMLParser as HTMLParser

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li", "table",
                "thead", "tbody", "tr", "th", "td", "blockquote", "a", "span", "div", "sub", "sup", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def sanitise(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


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
