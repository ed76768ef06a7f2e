"""`gongkai report harvest` against fixture sites on 127.0.0.1: every report found and read
exactly, every bad link reported per URL, polite and bounded fetching, conditional re-fetch."""

import csv
import json
import time

import pytest

from gongkai.cli import main
from gongkai.harvest.fetch import Fetcher
from gongkai.harvest.run import Options, harvest
from tests.harvest.sites import SiteServer, build_site


@pytest.fixture(scope="module")
def site():
    pages, truth = build_site()
    with SiteServer(pages) as server:
        yield server, truth


def _run(server, out, **overrides):
    options = Options(delay=0, timeout=1.0, retries=1, max_bytes=1024 * 1024)
    for name, value in overrides.items():
        setattr(options, name, value)
    tally = harvest([server.base + "/nianbao/index.html"], out, options)
    entries = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return tally, {e["url"].replace(server.base, ""): e for e in entries}


def _codes(entry):
    return {f["code"] for f in entry["findings"]}


def test_harvest_finds_reads_and_reports_every_url(site, tmp_path):
    server, truth = site
    tally, entries = _run(server, tmp_path)
    for path, report in truth.items():  # HTML, PDF, DOCX, .doc (LibreOffice) and OFD read exactly
        entry = entries[path]
        assert entry["kind"] == "report" and entry["status"] == "fetched"
        for table in ("proactive", "applications", "review_litigation"):
            assert entry["report"][table] == report[table], (path, table)
    assert "fetch.status" in _codes(entries["/reports/missing.html"])  # broken link (404)
    assert "fetch.timeout" in _codes(entries["/reports/slow.html"])  # slow page
    assert "fetch.off_site" in _codes(entries["/reports/away.html"])  # redirect off-site
    assert "fetch.redirect_loop" in _codes(entries["/reports/loop-a.html"])  # redirect loop
    assert "fetch.robots" in _codes(entries["/private/secret.html"])  # robots.txt
    assert "fetch.too_large" in _codes(entries["/files/huge.pdf"])  # declared size
    assert "fetch.too_large" in _codes(entries["/files/endless.pdf"])  # streamed, no length
    assert "input.unreadable" in _codes(entries["/files/broken.ofd?v=2"])  # not a ZIP: said so
    assert "input.not_a_report" in _codes(entries["/news/1.html"])
    assert "/about.html" not in entries  # not an annual-report link
    assert tally.reports == len(truth)
    assert not any("elsewhere.invalid" in path for path, *_ in server.requests)
    with open(tmp_path / "summary.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(entries)


def test_rerun_revalidates_with_conditional_requests(site, tmp_path):
    server, truth = site
    _run(server, tmp_path)
    before = len(server.requests)
    tally, entries = _run(server, tmp_path)
    again = server.requests[before:]
    assert all(entries[path]["status"] == "revalidated" for path in truth)
    assert tally.revalidated == len(truth) and tally.fetched == 0
    report_requests = [status for path, _, status in again if path in truth]
    assert report_requests and set(report_requests) == {304}


def test_at_least_delay_seconds_between_requests_to_one_host(site, tmp_path):
    server, _ = site
    fetcher = Fetcher({"127.0.0.1"}, delay=0.3, timeout=15)  # no retry on a busy machine
    # when each request left the client, stamped just before the fetcher's own stamp (the server's
    # clock would add the delays of a busy machine to one request and not the next)
    sent = []
    fetcher.client.event_hooks["request"].insert(0, lambda request: sent.append(time.monotonic()))
    start = len(server.requests)
    for path in ("/nianbao/index.html", "/nianbao/index_1.html", "/reports/education.html"):
        assert fetcher.get(server.base + path).status == "fetched"
    fetcher.close()
    assert len(sent) == 4  # robots.txt + three pages
    seen = {path for path, _, _ in server.requests[start:]}  # (a late request of an earlier test may be there too)
    assert {"/robots.txt", "/nianbao/index.html", "/nianbao/index_1.html", "/reports/education.html"} <= seen
    assert all(b - a >= 0.3 for a, b in zip(sent, sent[1:]))


def test_unreachable_host_is_reported_not_raised(tmp_path):
    options = Options(delay=0, timeout=0.5, retries=1)
    harvest(["http://127.0.0.1:9/nianbao/"], tmp_path, options)
    entries = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(entries) == 1 and entries[0]["kind"] == "page"
    assert _codes(entries[0]) == {"fetch.unreachable"}


def test_cli_harvest_writes_results(site, tmp_path, capsys):
    server, truth = site
    urls = tmp_path / "urls.txt"
    urls.write_text(server.base + "/nianbao/index.html\n", encoding="utf-8")
    status = main(
        [
            "report",
            "harvest",
            str(urls),
            "--out",
            str(tmp_path / "out"),
            "--delay",
            "0",
            "--timeout",
            "1",
            "--retries",
            "0",
            "--max-mb",
            "1",
        ]
    )
    assert status == 0
    assert (tmp_path / "out" / "results.jsonl").is_file() and (tmp_path / "out" / "summary.csv").is_file()
    assert f"找到 {len(truth)} 份报告" in capsys.readouterr().err


def test_cli_harvest_refuses_bad_arguments(capsys):
    assert main(["report", "harvest", "not-a-url", "--out", "/tmp/x"]) == 2
    assert "不是网址" in capsys.readouterr().err


def test_compare_a_harvest_directory(site, tmp_path, capsys):
    server, truth = site
    _run(server, tmp_path / "h")
    out = tmp_path / "cmp"
    assert main(["report", "compare", str(tmp_path / "h"), "--out", str(out), "--format", "json,html"]) == 0
    result = json.loads((tmp_path / "cmp.json").read_text(encoding="utf-8"))
    assert len(result["agencies"]) == len(truth)
    assert all(a["years"]["2024"]["url"].startswith(server.base) for a in result["agencies"])
    assert not (tmp_path / "cmp.xlsx").exists() and (tmp_path / "cmp.html").is_file()
    assert main(["report", "compare", str(tmp_path / "h"), "--out", str(out), "--format", "pdf"]) == 2


def test_server_errors_are_retried_with_back_off(site):
    server, _ = site
    server.pages["/flaky.html"].fail_first = 2
    fetcher = Fetcher({"127.0.0.1"}, delay=0, timeout=2, retries=2, backoff=0.2)
    start = len(server.requests)
    fetched = fetcher.get(server.base + "/flaky.html")
    fetcher.close()
    tries = [(t, status) for path, t, status in server.requests[start:] if path == "/flaky.html"]
    assert fetched.status == "fetched" and [s for _, s in tries] == [503, 503, 200]
    assert tries[1][0] - tries[0][0] >= 0.19 and tries[2][0] - tries[1][0] >= 0.39  # doubling
