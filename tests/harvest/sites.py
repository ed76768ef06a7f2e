"""Fixture government sites served from 127.0.0.1 (threading http.server): list pages with 下一页
pagination (and a loop back to page 1), report pages, PDF/DOCX/DOC/OFD attachments, a broken link,
a slow page, huge files, an off-site redirect, a redirect loop, a robots.txt exclusion.
Nothing leaves the machine."""

from __future__ import annotations

import hashlib
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._report_corpus import published_html, random_report  # noqa: E402
from bench._report_ofd import report_ofd  # noqa: E402
from gongkai.core.report.render_docx import render_docx  # noqa: E402
from gongkai.core.report.render_pdf import render_pdf  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reports"


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    stream_bytes: int = 0  # serve this many bytes in chunks without Content-Length
    fail_first: int = 0  # answer 503 to this many requests first (a flaky server)


def _html(title: str, body: str) -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>".encode()


def build_site() -> tuple[dict[str, Page], dict[str, dict]]:
    """(pages by path, truth by report path: the report JSON each report document holds)."""
    rng = random.Random(13)
    pages: dict[str, Page] = {}
    truth: dict[str, dict] = {}
    education = random_report(rng, agency="某某县教育局", year=2024)
    market = random_report(rng, agency="某某县市场监督管理局", year=2024)
    town = random_report(rng, agency="某某镇人民政府", year=2024)
    pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    pages["/nianbao/index.html"] = Page(
        _html(
            "年报",
            (
                "<ul><li><a href='/reports/education.html'>某某县教育局2024年政府信息公开工作年度报告</a></li>"
                "<li><a href='/reports/market.html' title='某某县市场监督管理局2024年政府信息公开工作年度报告'>市场监管局年报</a></li>"
                "<li><a href='/reports/missing.html'>某某县水利局2024年度报告</a></li>"
                "<li><a href='/reports/slow.html'>某某县交通运输局2024年度报告</a></li>"
                "<li><a href='/reports/away.html'>某某县统计局2024年度报告</a></li>"
                "<li><a href='/reports/loop-a.html'>某某县林业局2024年度报告</a></li>"
                "<li><a href='/private/secret.html'>内部年度报告</a></li>"
                "<li><a href='/news/1.html'>县政府召开年报工作部署会</a></li>"
                "<li><a href='/about.html'>关于我们</a></li></ul>"
                "<div class='page'><a href='/nianbao/index_1.html'>下一页</a></div>"
            ),
        )
    )
    pages["/nianbao/index_1.html"] = Page(
        _html(
            "年报 第2页",
            (
                "<ul><li><a href='/reports/town.html'>某某镇人民政府2024年政府信息公开工作年度报告</a></li>"
                "<li><a href='/reports/sifa.html'>某某县司法局2024年政府信息公开工作年度报告</a></li>"
                "<li><a href='/reports/archive.html'>某某县档案馆2024年政府信息公开工作年度报告</a></li>"
                "<li><a href='/files/huge.pdf'>某某县审计局2024年度报告（PDF）</a></li>"
                "<li><a href='/files/endless.pdf'>某某县人社局2024年度报告（PDF）</a></li></ul>"
                "<a href='/nianbao/index.html'>上一页</a> <a href='/nianbao/index.html'>下一页</a>"
            ),
        )
    )  # loops back
    pages["/reports/education.html"] = Page(published_html(education).encode())
    truth["/reports/education.html"] = education.to_json()
    pages["/reports/market.html"] = Page(
        _html("市场监管局年报", "<p>详见附件：</p><a href='/files/market.pdf'>附件：年度报告.pdf</a>")
    )
    pages["/files/market.pdf"] = Page(render_pdf(market), "application/pdf")
    truth["/files/market.pdf"] = market.to_json()
    pages["/reports/town.html"] = Page(_html("镇年报", "<p>附件：</p><a href='/files/town.docx'>年度报告.docx</a>"))
    pages["/files/town.docx"] = Page(
        render_docx(town), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    truth["/files/town.docx"] = town.to_json()
    pages["/reports/sifa.html"] = Page(_html("司法局年报", "<a href='/files/sifa.doc'>年度报告.doc</a>"))
    pages["/files/sifa.doc"] = Page(
        (ROOT / "tests" / "fixtures" / "report-harvest" / "sifa-2024.doc").read_bytes(), "application/msword"
    )
    truth["/files/sifa.doc"] = __import__("json").loads(
        (ROOT / "tests" / "fixtures" / "report-harvest" / "sifa-2024.expected.json").read_text("utf-8")
    )
    archive = random_report(rng, agency="某某县档案局", year=2024)
    pages["/reports/archive.html"] = Page(
        _html(
            "档案馆年报",
            "<a href='/files/archive.ofd'>年度报告.ofd</a> <a href='/files/broken.ofd?v=2'>年度报告（备份）.ofd</a>",
        )
    )
    pages["/files/archive.ofd"] = Page(report_ofd(archive, figures="right"), "application/ofd")
    truth["/files/archive.ofd"] = archive.to_json()
    pages["/files/broken.ofd"] = Page(b"PK\x03\x04OFD.xml fixture", "application/ofd")
    pages["/flaky.html"] = Page(_html("flaky", "<p>ok</p>"), fail_first=2)
    pages["/reports/slow.html"] = Page(_html("慢", "<p>很慢</p>"), delay=3.0)
    pages["/reports/away.html"] = Page(b"", status=302, headers={"Location": "http://elsewhere.invalid/report.html"})
    pages["/reports/loop-a.html"] = Page(b"", status=302, headers={"Location": "/reports/loop-b.html"})
    pages["/reports/loop-b.html"] = Page(b"", status=302, headers={"Location": "/reports/loop-a.html"})
    pages["/private/secret.html"] = Page(published_html(town).encode())
    pages["/news/1.html"] = Page((FIXTURES / "news-page.html").read_bytes())
    pages["/files/huge.pdf"] = Page(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "application/pdf")
    pages["/files/endless.pdf"] = Page(b"", "application/pdf", stream_bytes=200 * 1024 * 1024)
    return pages, truth


class SiteServer:
    """A local HTTP server for `pages`; records every request (path, time, status sent)."""

    def __init__(self, pages: dict[str, Page]):
        self.pages = pages
        self.requests: list[tuple[str, float, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                page = server.pages.get(path)
                if page is None:
                    return self._send(404, b"not found", "text/plain", {})
                if page.delay:
                    time.sleep(page.delay)
                if page.fail_first > 0:
                    page.fail_first -= 1
                    return self._send(503, b"busy", "text/plain", {})
                if page.stream_bytes:
                    return self._stream(page)
                etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
                if page.status == 200 and self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", page.content_type, {"ETag": etag})
                headers = dict(page.headers)
                if page.status == 200:
                    headers["ETag"] = etag
                    headers["Last-Modified"] = "Tue, 20 Jan 2025 08:00:00 GMT"
                self._send(page.status, page.body, page.content_type, headers)

            def _send(self, status, body, content_type, headers):
                server.requests.append((self.path, time.monotonic(), status))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _stream(self, page):
                server.requests.append((self.path, time.monotonic(), 200))
                self.send_response(200)
                self.send_header("Content-Type", page.content_type)
                self.end_headers()
                chunk = b"0" * 65536
                try:
                    for _ in range(page.stream_bytes // len(chunk)):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
