"""`gongkai report build --agency NAME_OR_CODE --year YYYY --format json|html|docx|pdf|txt [-o FILE]`."""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai.cli.base import CommandError, parse_count, setup_django


def add_build_action(actions) -> None:
    parser = actions.add_parser("build", help="根据平台数据生成某机构某年度的年度报告")
    parser.add_argument("--agency", required=True, help="机构名称或统一社会信用代码")
    parser.add_argument("--year", required=True, type=parse_count)
    parser.add_argument("--format", default="json", choices=["json", "html", "docx", "pdf", "txt"])
    parser.add_argument("-o", "--output", help="输出文件（默认标准输出）")
    parser.add_argument("--published", action="store_true", help="输出已公开的版本而不是按当前数据计算")
    parser.set_defaults(handler=_build)


def _build(args) -> int:
    setup_django()
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.core.report.model import Report
    from gongkai.reports.build import compute_report, is_all_zero
    from gongkai.reports.formats import render
    from gongkai.reports.selectors import previous_report_data, published_report

    agency = (
        Agency.objects.filter(name=args.agency).first()
        or Agency.objects.filter(credit_code=args.agency.upper()).first()
    )
    if agency is None:
        raise CommandError(f"找不到机构：{args.agency}")
    today = timezone.localdate()
    if args.year > today.year:
        raise CommandError(f"{args.year}年度尚未开始，不能生成年度报告")
    if args.year < 2008:
        raise CommandError("年度无效：政府信息公开年度报告自2008年起编制")
    if args.published:
        row = published_report(agency, args.year)
        if row is None:
            raise CommandError(f"{agency.name}{args.year}年度报告尚未公开")
        report = Report.from_json(row.data)
    else:
        # IncompleteInputs (a Refused, exit 2) when a cell is empty: never written as null or 0
        report = compute_report(agency, args.year, previous_report_data(agency, args.year))
        if is_all_zero(report):
            print(f"gongkai: 提示：{agency.name}{args.year}年度没有业务数据，报告各项为0", file=sys.stderr)
    data = render(report, args.format)
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"无法写入 {args.output}：{error.strerror}") from None
    elif args.format in ("docx", "pdf") and sys.stdout.isatty():
        raise CommandError(f"{args.format} 是二进制格式，请用 -o 指定输出文件")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
