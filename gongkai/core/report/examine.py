"""Examining published reports: one source, or a whole directory in batch.

(Formerly `core/report/audit.py`, renamed so as not to be confused with the `gongkai.audit` app.)
`check_source(source)` loads a file path or an http(s) URL, reads it (`read.read_report`) and
runs every document check (`document_checks.DOCUMENT_CHECKS`, the same list the platform runs
before publication) plus the publication deadline; it returns the `gongkai report check --json` object:
`{"source", "report", "findings", "published_on"}`. It never raises on bad input.
"""

from __future__ import annotations

import csv
import json
import os
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from gongkai.core.report.checks import check_deadline
from gongkai.core.report.document_checks import CheckContext, run_document_checks
from gongkai.core.report.model import Finding, Report, error
from gongkai.core.report.read import read_report
from gongkai.core.report.read_lines import ReadResult

MAX_BYTES = 64 * 1024 * 1024
UNREADABLE_CODES = ("input.unreadable", "input.not_a_report")


def load_source(source: str, timeout: float = 20.0) -> bytes:
    """The bytes of a file or http(s) URL; raises `OSError` with a Chinese reason."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "gongkai-report-check/1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read(MAX_BYTES)
        except (urllib.error.URLError, TimeoutError, ValueError) as failure:
            raise OSError(f"无法获取 {source}：{getattr(failure, 'reason', failure)}") from None
    path = Path(source)
    if not path.is_file():
        raise OSError(f"文件不存在：{source}")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES)


def findings_of(
    result: ReadResult, previous: Report | None = None, township_deadline: date | None = None
) -> list[Finding]:
    """Reading findings plus every check that applies to what was read."""
    if result.report is None:
        return list(result.findings)
    report = result.report
    return (
        list(result.findings)
        + run_document_checks(report, CheckContext(previous=previous))
        + check_deadline(report, result.published_on, township_deadline)
    )


def check_source(source: str, previous: Report | None = None, township_deadline: date | None = None) -> dict:
    try:
        data = load_source(source)
    except OSError as failure:
        return _checked(
            source, ReadResult(None, [error("input.unreadable", "document", str(failure))]), previous, township_deadline
        )
    return check_bytes(data, source, previous, township_deadline)


def check_bytes(
    data: bytes, source: str, previous: Report | None = None, township_deadline: date | None = None
) -> dict:
    """Like `check_source`, for a document already in memory (an upload)."""
    try:
        result = read_report(data, source)
    except Exception as failure:
        result = ReadResult(None, [error("input.unreadable", "document", f"读取失败：{type(failure).__name__}")])
    return _checked(source, result, previous, township_deadline)


def _checked(source: str, result: ReadResult, previous: Report | None, township_deadline: date | None) -> dict:
    findings = findings_of(result, previous, township_deadline)
    return {
        "source": source,
        "report": result.report.to_json() if result.report else None,
        "findings": [f.to_json() for f in findings],
        "published_on": result.published_on.isoformat() if result.published_on else None,
    }


def exit_status(checked: dict) -> int:
    """0 no errors, 1 errors found, 2 the input could not be read as a report at all."""
    codes = {f["code"] for f in checked["findings"] if f["severity"] == "error"}
    if checked["report"] is None or codes & set(UNREADABLE_CODES):
        return 2
    return 1 if codes else 0


def load_previous(source: str) -> Report | None:
    checked_result = read_report(load_source(source), source)
    return checked_result.report


def report_files(directory: str) -> list[str]:
    return sorted(str(path) for path in Path(directory).rglob("*") if path.is_file() and not path.name.startswith("."))


def _check_for_pool(source: str) -> str:
    return json.dumps(check_source(source), ensure_ascii=False)


def audit_directory(
    directory: str, out_path: str, jobs: int = 1, progress: Callable[[Iterable, int], Iterable] | None = None
) -> dict:
    """Check every file under `directory`; one JSON line per report in `out_path`, and a CSV
    of finding counts by code next to it (`results.jsonl` -> `results.summary.csv`)."""
    sources = report_files(directory)
    if jobs > 1 and len(sources) > 50:
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(jobs)
        lines: Iterable[str] = pool.imap(_check_for_pool, sources, chunksize=32)
    else:
        pool = None
        lines = map(_check_for_pool, sources)
    if progress is not None:
        lines = progress(lines, len(sources))
    by_code: Counter = Counter()
    reports_with: Counter = Counter()
    statuses: Counter = Counter()
    try:
        with open(out_path, "w", encoding="utf-8") as out:
            for line in lines:
                out.write(line + "\n")
                checked = json.loads(line)
                statuses[exit_status(checked)] += 1
                codes = [(f["severity"], f["code"]) for f in checked["findings"]]
                by_code.update(codes)
                reports_with.update(set(codes))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    summary_path = summary_path_for(out_path)
    with open(summary_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["severity", "code", "findings", "reports"])
        for (severity, code), count in sorted(by_code.items(), key=lambda item: (-item[1], item[0])):
            writer.writerow([severity, code, count, reports_with[(severity, code)]])
    return {
        "reports": len(sources),
        "ok": statuses[0],
        "with_errors": statuses[1],
        "unreadable": statuses[2],
        "summary": summary_path,
    }


def summary_path_for(out_path: str) -> str:
    root, _ = os.path.splitext(out_path)
    return root + ".summary.csv"
