"""`gongkai report compare SOURCE... --out PREFIX`: year-on-year and peer comparison of reports.

SOURCE is a harvest directory (its results.jsonl), a directory of report files, report files
(HTML, text, Word, PDF, report JSON) or, with `--platform`, the published reports of the
agencies a county office supervises. Writes PREFIX.html (ECharts charts), PREFIX.xlsx and
PREFIX.json.
"""

from __future__ import annotations

import json
import os
import sys
from importlib.resources import files

from gongkai.cli.base import CommandError

FORMATS = ("html", "xlsx", "json")


def add_compare(actions) -> None:
    compare = actions.add_parser("compare", help="对比多份年度报告：逐年变化、同级异常值、缺报迟报")
    compare.add_argument("sources", nargs="*", metavar="SOURCE", help="抓取结果目录、报告文件或目录")
    compare.add_argument("--out", required=True, metavar="PREFIX", help="输出文件名前缀（生成 .html、.xlsx、.json）")
    compare.add_argument("--format", default="html,xlsx,json", help="输出格式，逗号分隔：html、xlsx、json")
    compare.add_argument("--platform", metavar="OFFICE_SLUG", help="使用平台中该政务公开办所辖机构已公开的报告")
    compare.set_defaults(handler=_compare)


def entries_from_sources(sources: list[str]) -> list[dict]:
    from gongkai.core.report.examine import check_source, report_files

    entries: list[dict] = []
    for source in sources:
        results = os.path.join(source, "results.jsonl")
        if os.path.isdir(source) and os.path.isfile(results):
            with open(results, encoding="utf-8") as handle:
                for line in handle:
                    entry = json.loads(line)
                    if entry.get("report"):
                        entries.append(entry)
            continue
        paths = report_files(source) if os.path.isdir(source) else [source]
        if not os.path.exists(source):
            raise CommandError(f"文件或目录不存在：{source}")
        for path in paths:
            checked = check_source(path)
            if checked["report"]:
                entries.append(
                    {"url": None, "source": path, "report": checked["report"], "published_on": checked["published_on"]}
                )
    return entries


def entries_from_platform(slug: str) -> list[dict]:
    from gongkai.cli.base import setup_django

    setup_django()
    from gongkai.agencies.models import Agency
    from gongkai.reports.views_compare import published_entries

    office = Agency.objects.filter(slug=slug).first()
    if office is None:
        raise CommandError(f"没有这个政务公开办：{slug}")
    return published_entries(Agency.objects.filter(supervisor=office))


def _compare(args) -> int:
    from gongkai.core.report.compare import compare
    from gongkai.core.report.compare_render import to_html, to_xlsx

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if not formats or any(f not in FORMATS for f in formats):
        raise CommandError("输出格式只能是 html、xlsx、json")
    if not args.sources and not args.platform:
        raise CommandError("请给出要对比的报告（抓取结果目录、文件或 --platform）")
    entries = entries_from_sources(args.sources)
    if args.platform:
        entries += entries_from_platform(args.platform)
    if not entries:
        raise CommandError("没有读到任何年度报告，无法对比")
    result = compare(entries)
    written = []
    try:
        if "json" in formats:
            with open(args.out + ".json", "w", encoding="utf-8") as handle:
                json.dump(result, handle, ensure_ascii=False, indent=1)
            written.append(args.out + ".json")
        if "xlsx" in formats:
            with open(args.out + ".xlsx", "wb") as handle:
                handle.write(to_xlsx(result))
            written.append(args.out + ".xlsx")
        if "html" in formats:
            echarts = files("gongkai").joinpath("static", "vendor", "echarts.min.js").read_text(encoding="utf-8")
            with open(args.out + ".html", "w", encoding="utf-8") as handle:
                handle.write(to_html(result, echarts))
            written.append(args.out + ".html")
    except OSError as failure:
        raise CommandError(f"无法写入：{failure}") from None
    print(
        f"对比了 {len(result['agencies'])} 个机关的 {len(entries)} 份报告；"
        f"缺报 {len(result['missing'])}，迟报 {len(result['late'])}；输出：{'、'.join(written)}",
        file=sys.stderr,
    )
    return 0
