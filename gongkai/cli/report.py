"""`gongkai report check FILE_OR_URL...` and `gongkai report audit DIR --out results.jsonl`.

`gongkai report build` (from the platform's data) is in `gongkai.cli._report_build`; other modules
add actions by appending `register(actions)` callables to `EXTRA_ACTIONS`.
"""

from __future__ import annotations

import json
import os
import sys

from gongkai.cli._report_build import add_build_action
from gongkai.cli.base import ArgumentParser, CommandError

EXTRA_ACTIONS: list = []
SEVERITY_LABELS = {"error": "错误", "warning": "提示"}


def register(subparsers) -> None:
    # `add_parser` takes no parser_class; the sub-actions get gongkai's ArgumentParser through
    # `add_subparsers(parser_class=...)`, so their usage errors are one line with status 2.
    parser = subparsers.add_parser("report", help="政府信息公开工作年度报告：检查、批量审核")
    actions = parser.add_subparsers(dest="report_command", metavar="ACTION", required=True, parser_class=ArgumentParser)
    # The checks are the core's one list (gongkai.core.report.document_checks), the same the
    # platform runs before a report is published, plus the publication deadline.
    check = actions.add_parser("check", help="读取并检查已发布的年度报告（HTML、文本、Word、PDF、OFD 或网址）")
    check.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
    check.add_argument("--json", action="store_true", help="每个输入输出一行 JSON")
    check.add_argument("--previous", metavar="FILE", help="上一年度报告，用于核对结转数据和内容雷同")
    check.set_defaults(handler=_check)
    audit = actions.add_parser("audit", help="批量检查目录中的全部报告")
    audit.add_argument("directory", metavar="DIR")
    audit.add_argument("--out", required=True, help="结果文件（JSON Lines）；汇总写入同名 .summary.csv")
    audit.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="并行进程数")
    audit.set_defaults(handler=_audit)
    add_build_action(actions)
    add_harvest_action(actions)
    add_compare_action(actions)
    for add_action in EXTRA_ACTIONS:
        add_action(actions)


def _check(args) -> int:
    from gongkai.core.report.examine import check_source, exit_status, load_previous

    previous = None
    if args.previous:
        try:
            previous = load_previous(args.previous)
        except OSError as failure:
            raise CommandError(str(failure)) from None
        if previous is None:
            raise CommandError(f"无法读取上一年度报告：{args.previous}")
    status = 0
    for source in args.sources:
        checked = check_source(source, previous)
        code = exit_status(checked)
        status = max(status, code)
        if args.json:
            print(json.dumps(checked, ensure_ascii=False))
        else:
            print(_summary(checked))
        if code == 2:
            reason = next((f["message"] for f in checked["findings"] if f["severity"] == "error"), "无法读取")
            print(f"gongkai: {source}: {reason}", file=sys.stderr)
    return status


def _summary(checked: dict) -> str:
    report = checked["report"]
    lines = [f"== {checked['source']}"]
    if report:
        lines.append(f"机关：{report['agency']['name'] or '（未识别）'}　年度：{report['year'] or '（未识别）'}")
        new = report["applications"]["new_received"]["total"]
        lines.append(f"本年新收申请：{'（缺失）' if new is None else new}")
    findings = checked["findings"]
    errors = sum(1 for f in findings if f["severity"] == "error")
    lines.append(f"发现 {errors} 个错误、{len(findings) - errors} 个提示")
    for finding in findings:
        # Codes and cell paths are for machines: they are in `--json`, not in the summary.
        lines.append(f"  【{SEVERITY_LABELS[finding['severity']]}】{finding['message']}")
    return "\n".join(lines)


def _audit(args) -> int:
    from tqdm import tqdm

    from gongkai.core.report.examine import audit_directory

    if not os.path.isdir(args.directory):
        raise CommandError(f"目录不存在：{args.directory}")

    def progress(lines, total):
        return tqdm(lines, total=total, unit="份", file=sys.stderr, desc="检查年度报告")

    result = audit_directory(args.directory, args.out, jobs=max(1, args.jobs), progress=progress)
    print(
        f"共 {result['reports']} 份：无错误 {result['ok']}，有错误 {result['with_errors']}，"
        f"无法读取 {result['unreadable']}；汇总：{result['summary']}",
        file=sys.stderr,
    )
    return 0


def add_harvest_action(actions) -> None:
    harvest = actions.add_parser("harvest", help="从网站的年报栏目抓取、读取并检查全部年度报告")
    harvest.add_argument("urls", nargs="+", metavar="URL", help="年报栏目页或报告的网址；也可以是每行一个网址的文件")
    harvest.add_argument("--out", required=True, metavar="DIR", help="结果目录：results.jsonl、summary.csv 和抓取缓存")
    harvest.add_argument("--delay", type=float, default=1.0, help="对同一网站两次请求之间的最短间隔（秒，默认 1）")
    harvest.add_argument("--timeout", type=float, default=20.0, help="每次请求的超时（秒）")
    harvest.add_argument("--retries", type=int, default=2, help="失败后的重试次数（间隔逐次加倍）")
    harvest.add_argument("--max-mb", type=float, default=30.0, help="单个文件的大小上限（MB）")
    harvest.add_argument("--max-pages", type=int, default=500, help="每个起始网址最多访问的列表页数")
    harvest.add_argument("--allow-host", action="append", default=[], help="另外允许抓取的网站域名（可重复）")
    harvest.set_defaults(handler=_harvest)


def _harvest_urls(arguments: list[str]) -> list[str]:
    urls: list[str] = []
    for argument in arguments:
        if argument.startswith(("http://", "https://")):
            urls.append(argument)
        elif os.path.isfile(argument):
            with open(argument, encoding="utf-8") as handle:
                urls += [line.strip() for line in handle if line.strip().startswith(("http://", "https://"))]
        else:
            raise CommandError(f"不是网址，也不是网址列表文件：{argument}")
    if not urls:
        raise CommandError("没有可抓取的网址")
    return urls


def _harvest(args) -> int:
    from tqdm import tqdm

    from gongkai.harvest.run import Options, harvest

    if args.delay < 0 or args.timeout <= 0 or args.retries < 0 or args.max_mb <= 0 or args.max_pages <= 0:
        raise CommandError("参数无效：间隔、超时、重试次数、大小上限和页数都不能为负数")
    urls = _harvest_urls(args.urls)
    options = Options(
        delay=args.delay,
        timeout=args.timeout,
        retries=args.retries,
        max_bytes=int(args.max_mb * 1024 * 1024),
        max_pages=args.max_pages,
        allow_hosts=tuple(h.lower() for h in args.allow_host),
    )

    def progress(entries):
        return tqdm(entries, unit="份", file=sys.stderr, desc="抓取年度报告")

    try:
        tally = harvest(urls, args.out, options, progress)
    except OSError as failure:
        raise CommandError(f"无法写入结果目录：{failure}") from None
    print(
        f"找到 {tally.reports} 份报告（新抓取 {tally.fetched}，未变化 {tally.revalidated}），有错误 {tally.with_errors}；"
        f"无法读取或抓取失败 {tally.problems} 个网址；结果：{os.path.join(args.out, 'results.jsonl')}",
        file=sys.stderr,
    )
    return 0


def add_compare_action(actions) -> None:
    try:
        from gongkai.cli._report_compare import add_compare
    except ImportError:
        return
    add_compare(actions)
