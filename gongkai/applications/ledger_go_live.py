"""Going live mid-year: the ledger's open cases checked against the published report's carry-over
(四、结转下年度继续办理), from the platform or from an uploaded report file."""

from __future__ import annotations

from gongkai.applications.selectors import application_table_counts
from gongkai.core.archive_limits import UploadRefused, check_archive, check_upload_size, parse_bounded
from gongkai.core.report.read import read_report
from gongkai.reports.selectors import previous_report_data


def open_at_year_end(agency, year: int) -> int:
    """Applications received by 31 December of `year` and not decided by then (结转下年度)."""

    return application_table_counts(agency, year)["carried_forward"]["total"]


def published_carried_forward(agency, year: int) -> int | None:
    """四、结转下年度继续办理 (总计) of the agency's published report for `year`, if any."""
    report = previous_report_data(agency, year + 1)
    if report is None:
        return None
    return report.applications.get("carried_forward", {}).get("total")


def carried_forward_of_report_file(upload) -> tuple[int | None, str]:
    """四、结转下年度继续办理 (总计) read from a published report file (PDF/DOCX/HTML/JSON), bounded
    like the report checker (`KINDS["report_file"]`)."""

    try:
        check_upload_size("report_file", upload.name, upload.size or 0)
        data = upload.read()
        check_archive("report_file", upload.name, data)
        result = parse_bounded("report_file", upload.name, read_report, data, "")
    except UploadRefused as refused:
        return None, str(refused)
    if result.report is None:
        return None, "；".join(f.message for f in result.findings) or "无法读取年报"
    value = result.report.applications.get("carried_forward", {}).get("total")
    return value, "" if value is not None else "年报中未能读取“结转下年度继续办理”总计"


def go_live_difference(agency, year: int, expected: int | None) -> str:
    """Compare the open applications at the end of `year` with the published figure."""
    actual = open_at_year_end(agency, year)
    if expected is None:
        return f"{year}年末仍在办理的申请共{actual}件；未找到{year}年度已发布年报的“结转下年度继续办理”数，无法核对。"
    if actual == expected:
        return f"核对一致：{year}年末仍在办理的申请{actual}件，与{year}年度年报“结转下年度继续办理”{expected}件相符。"
    return (
        f"核对不一致：{year}年末仍在办理的申请为{actual}件，而{year}年度年报“结转下年度继续办理”为"
        f"{expected}件，相差{actual - expected:+d}件。请检查台账是否遗漏或多导入了申请，"
        "或年报数字是否有误。"
    )
