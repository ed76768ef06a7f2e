"""`gongkai report harvest`: from a site's 年报 column to every report read and checked.

Contract of `harvest(start_urls, out_dir, options)`:
- visits each start page and its 下一页 pages (same allowed hosts, each URL once — loops end),
  follows links whose text names an annual report, and the document attachments of those pages;
- reads every report page or attachment (`documents.read_document`) and runs every check;
- writes `DIR/results.jsonl`: one object per report document found this run, fetched or
  revalidated from the cache — `{"kind": "report", "url", "page", "status", "report",
  "findings", "published_on"}` — and one `{"kind": "page", ...}` object per list page or link
  that failed (unreachable, off-site redirect, too large, not a report), with its findings;
- writes `DIR/summary.csv` (one row per object of results.jsonl) and keeps its fetch cache in
  `DIR/cache/`, so that a re-run sends conditional requests and fetches only what changed.
Never raises on a bad site: every problem is a finding of the URL concerned.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.harvest.documents import read_document
from gongkai.harvest.fetch import Fetched, Fetcher, host_of
from gongkai.harvest.links import is_document_url, page_links

HTML_TYPES = ("text/html", "application/xhtml")


@dataclass
class Options:
    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 2
    max_bytes: int = 30 * 1024 * 1024
    max_pages: int = 500
    allow_hosts: tuple[str, ...] = ()


@dataclass
class Tally:
    reports: int = 0
    fetched: int = 0
    revalidated: int = 0
    unreadable: int = 0
    with_errors: int = 0
    problems: int = 0
    rows: list[dict] = field(default_factory=list)


def _is_html(fetched: Fetched) -> bool:
    if any(kind in fetched.content_type for kind in HTML_TYPES):
        return True
    head = fetched.content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _problem(url: str, page: str | None, code: str, message: str, status: str = "error") -> dict:
    return {
        "kind": "page",
        "url": url,
        "page": page,
        "status": status,
        "report": None,
        "findings": [{"severity": "error", "code": code, "where": "document", "message": message}],
        "published_on": None,
    }


class Harvest:
    def __init__(self, out_dir: Path, options: Options):
        self.options = options
        self.hosts = set(options.allow_hosts)
        self.fetcher: Fetcher | None = None
        self.out_dir = out_dir
        self.seen: set[str] = set()

    def start(self, start_urls: list[str]) -> None:
        self.hosts |= {host_of(u) for u in start_urls if host_of(u)}
        self.fetcher = Fetcher(
            self.hosts,
            self.options.delay,
            self.options.timeout,
            self.options.retries,
            self.options.max_bytes,
            self.out_dir / "cache",
        )

    def close(self) -> None:
        if self.fetcher is not None:
            self.fetcher.close()

    def _image_fetch(self, page_url: str):
        from urllib.parse import urljoin

        def fetch(source: str) -> bytes | None:
            fetched = self.fetcher.get(urljoin(page_url, source))
            return fetched.content if fetched.status != "error" else None

        return fetch

    def crawl(self, start_url: str) -> Iterable[dict]:
        """Every object for results.jsonl that this start page leads to."""
        pages = [start_url]
        visited_pages = 0
        while pages and visited_pages < self.options.max_pages:
            url = pages.pop(0)
            if url in self.seen:
                continue
            self.seen.add(url)
            visited_pages += 1
            fetched = self.fetcher.get(url)
            if fetched.status == "error":
                yield _problem(url, None, fetched.code or "fetch.failed", fetched.error or "无法获取")
                continue
            if not _is_html(fetched):
                yield from self._report(fetched, None)  # a start URL that is the report itself
                continue
            links = page_links(fetched.content, fetched.final_url)
            if url == start_url and not links.reports:
                for entry in self._report(fetched, None):  # the start URL may be a report page
                    entry["kind"] = "report" if entry["report"] is not None else "page"
                    yield entry
            for next_page in links.next_pages:
                if next_page not in self.seen:
                    pages.append(next_page)
            for report_url in links.reports:
                if report_url in self.seen:
                    continue
                self.seen.add(report_url)
                yield from self._candidate(report_url, url)

    def _candidate(self, url: str, page: str) -> Iterable[dict]:
        fetched = self.fetcher.get(url)
        if fetched.status == "error":
            yield _problem(url, page, fetched.code or "fetch.failed", fetched.error or "无法获取")
            return
        if not _is_html(fetched) or is_document_url(fetched.final_url):
            yield from self._report(fetched, page)
            return
        page_entry = list(self._report(fetched, page))
        found_in_page = page_entry and page_entry[0]["report"] is not None
        attachments = [a for a in page_links(fetched.content, fetched.final_url).attachments if a not in self.seen]
        attached = []
        for attachment in attachments:
            self.seen.add(attachment)
            got = self.fetcher.get(attachment)
            if got.status == "error":
                attached.append(_problem(attachment, url, got.code or "fetch.failed", got.error or "无法获取"))
                attached[-1]["kind"] = "report"
                continue
            attached += list(self._report(got, url))
        if found_in_page or not any(a["report"] is not None for a in attached):
            yield from page_entry
        yield from attached

    def _report(self, fetched: Fetched, page: str | None) -> Iterable[dict]:
        fetch = self._image_fetch(fetched.final_url) if _is_html(fetched) else None
        result, findings = read_document(fetched.content, fetched.final_url, fetch)
        yield {
            "kind": "report",
            "url": fetched.url,
            "page": page,
            "status": fetched.status,
            "report": result.report.to_json() if result.report else None,
            "findings": [f.to_json() for f in findings],
            "published_on": result.published_on.isoformat() if result.published_on else None,
        }


SUMMARY_COLUMNS = ["kind", "url", "status", "agency", "year", "errors", "warnings", "first_error"]


def summary_row(entry: dict) -> dict:
    report = entry["report"] or {}
    errors = [f for f in entry["findings"] if f["severity"] == "error"]
    return {
        "kind": entry["kind"],
        "url": entry["url"],
        "status": entry["status"],
        "agency": (report.get("agency") or {}).get("name") or "",
        "year": report.get("year") or "",
        "errors": len(errors),
        "warnings": len(entry["findings"]) - len(errors),
        "first_error": f"{errors[0]['code']}：{errors[0]['message']}" if errors else "",
    }


def harvest(
    start_urls: list[str],
    out_dir: str | Path,
    options: Options | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> Tally:
    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    with (
        open(out / "results.jsonl", "w", encoding="utf-8") as results,
        open(out / "summary.csv", "w", encoding="utf-8", newline="") as summary,
    ):
        writer = csv.DictWriter(summary, SUMMARY_COLUMNS)
        writer.writeheader()
        run = Harvest(out, options)
        run.start(start_urls)
        try:
            entries = (entry for url in start_urls for entry in run.crawl(url))
            for entry in progress(entries) if progress else entries:
                results.write(json.dumps(entry, ensure_ascii=False) + "\n")
                writer.writerow(summary_row(entry))
                _count(tally, entry)
        finally:
            run.close()
    return tally


def _count(tally: Tally, entry: dict) -> None:
    if entry["kind"] != "report" or entry["report"] is None:
        tally.problems += 1
        if entry["kind"] == "report":
            tally.unreadable += 1
        return
    tally.reports += 1
    tally.fetched += entry["status"] == "fetched"
    tally.revalidated += entry["status"] == "revalidated"
    tally.with_errors += any(f["severity"] == "error" for f in entry["findings"])
