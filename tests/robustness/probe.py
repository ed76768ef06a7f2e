"""Run one bomb through the code path of its upload kind in a fresh process and report JSON:
the Chinese refusal, the seconds taken and the peak resident memory of this process (VmHWM) and of
its bounded parser children (resource.getrusage(RUSAGE_CHILDREN)).

    python -m tests.robustness.probe report_docx
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")


def _refusal(call) -> str:
    try:
        result = call()
    except Exception as error:  # every refusal type of the app carries its Chinese message
        problems = getattr(error, "problems", None)
        if problems:
            return "；".join(str(p) for p in problems)
        return str(getattr(error, "message", "") or error)
    return f"ACCEPTED: {str(result)[:300]}"


def cases():
    from gongkai.applications.ledger_import import LEDGER_IMPORT
    from gongkai.boundary.importer import read_import
    from gongkai.catalog.import_spec import CATALOG_IMPORT
    from gongkai.catalog.uploads import extract_for_screening
    from gongkai.reports.statistics import STATISTICS_IMPORT
    from gongkai.reports.uploaded_checks import check_documents, documents_of_upload
    from tests.robustness import bombs

    def read_rows(name, data):
        return read_import(CATALOG_IMPORT, name, data)

    def parse_ledger(data):
        return read_import(LEDGER_IMPORT, "台账.xlsx", data)

    def parse_statistics_xlsx(data):
        return read_import(STATISTICS_IMPORT, "统计数据表.xlsx", data)

    def checker(name, data):
        def run():
            results = check_documents(documents_of_upload(name, data))
            messages = [f["message"] for r in results for f in r["findings"] if f["code"] == "input.unreadable"]
            if messages:
                raise ValueError("；".join(messages))
            return results

        return run

    def attachment(name, mime, data):
        def run():
            extracted = extract_for_screening(name, mime, data)
            return extracted.source

        return run

    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {
        "report_docx": lambda: checker("bomb.docx", bombs.docx_bomb()),
        "report_zip": lambda: checker("reports.zip", bombs.zip_bomb()),
        "report_zip_members": lambda: checker("reports.zip", bombs.zip_many_members()),
        "report_pdf_flate": lambda: checker("bomb.pdf", bombs.pdf_flate_bomb()),
        "attachment_docx": lambda: attachment("bomb.docx", docx, bombs.docx_bomb()),
        "attachment_xlsx": lambda: attachment("bomb.xlsx", xlsx, bombs.xlsx_bomb()),
        "attachment_pdf_pages": lambda: attachment("pages.pdf", "application/pdf", bombs.pdf_pages()),
        "attachment_pdf_flate": lambda: attachment("bomb.pdf", "application/pdf", bombs.pdf_flate_bomb()),
        "catalog_xlsx": lambda: (lambda d: lambda: read_rows("catalog.xlsx", d))(bombs.xlsx_bomb()),
        "catalog_rows": lambda: (lambda d: lambda: read_rows("catalog.xlsx", d))(bombs.xlsx_many_rows()),
        "catalog_dtd": lambda: (lambda d: lambda: read_rows("catalog.xlsx", d))(bombs.xlsx_with_dtd()),
        "ledger_xlsx": lambda: (lambda d: lambda: parse_ledger(d))(bombs.xlsx_bomb()),
        "ledger_rows": lambda: (lambda d: lambda: parse_ledger(d))(bombs.xlsx_many_rows()),
        "ledger_dtd": lambda: (lambda d: lambda: parse_ledger(d))(bombs.xlsx_with_dtd()),
        "statistics_xlsx": lambda: (lambda d: lambda: parse_statistics_xlsx(d))(bombs.xlsx_bomb()),
        "statistics_rows": lambda: (lambda d: lambda: parse_statistics_xlsx(d))(bombs.xlsx_many_rows(3000)),
        "statistics_dtd": lambda: (lambda d: lambda: parse_statistics_xlsx(d))(bombs.xlsx_with_dtd()),
    }


def peak_rss_mb() -> float:
    """VmHWM of this process (its own peak since exec; ru_maxrss survives execve, so a probe started
    from a large pytest process would report the parent's peak)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def probe(kind: str) -> dict:
    import django

    django.setup()
    build = cases()[kind]
    call = build()  # the bomb is built before the clock starts
    before = peak_rss_mb()
    started = time.monotonic()
    message = _refusal(call)
    seconds = time.monotonic() - started
    return {
        "kind": kind,
        "message": message,
        "seconds": round(seconds, 2),
        "maxrss_mb_before": before,
        "maxrss_mb": peak_rss_mb(),
        "children_maxrss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1]), ensure_ascii=False))
