"""Links of a government site's pages: annual-report links, attachments, next-page links.

Contract: `page_links(html, base_url)` → `Links` with absolute URLs (fragments dropped), each
list in page order without duplicates. A link is a report link when its text or title names an
annual report (年度报告 / 年报); an attachment when its path ends with a document suffix; a
next-page link when its text is 下一页 / 下页 / 后页 (or a single ">"/"›").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from gongkai.core.report.read_html import decode_html

REPORT_WORDS = ("年度报告", "年报")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".ofd")
NEXT_PAGE = re.compile(r"^\s*(?:下一页|下页|后页|下一頁|[>›»])\s*$")


@dataclass
class Links:
    reports: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)


def _add(target: list[str], url: str) -> None:
    if url not in target:
        target.append(url)


def is_document_url(url: str) -> bool:
    path = url.split("?", 1)[0].lower()
    return path.endswith(DOCUMENT_SUFFIXES)


def page_links(html: bytes | str, base_url: str) -> Links:
    links = Links()
    document = HTMLParser(decode_html(html) if isinstance(html, bytes) else html)
    base = document.css_first("base")
    if base is not None and base.attributes.get("href"):
        base_url = urljoin(base_url, base.attributes["href"])
    for anchor in document.css("a"):
        href = (anchor.attributes.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#", "tel:")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        content = anchor.text(deep=True)
        text = " ".join(content.split()) + " " + (anchor.attributes.get("title") or "")
        if NEXT_PAGE.match(content) or "下一页" in text:
            _add(links.next_pages, url)
        elif is_document_url(url):
            _add(links.attachments, url)
            if any(word in text for word in REPORT_WORDS):
                _add(links.reports, url)
        elif any(word in text for word in REPORT_WORDS):
            _add(links.reports, url)
    return links
