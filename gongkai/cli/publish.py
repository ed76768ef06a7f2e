"""`gongkai publish`: write the public portal into the publish directory as static files.

gongkai publish --all       rebuild every public page, remove files of pages that are gone
gongkai publish --check     list differences between the directory and the database (exit 1 if any)
gongkai publish --all --agency SLUG
                            the same for one agency's pages (and the portal home); --check too
gongkai publish --pending   write what recent changes left queued (the jobs loop does this too)
gongkai publish --nginx-config --listen 8080 --upstream 127.0.0.1:8000
                            print the nginx configuration for this installation
"""

from __future__ import annotations

import os
import sys

from gongkai.cli.base import CommandError, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("publish", help="将公开页面发布为静态文件（供 nginx 直接提供）")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--all", action="store_true", help="重新生成全部公开页面，并删除已不存在页面的文件")
    mode.add_argument("--check", action="store_true", help="检查发布目录与数据库是否一致（不一致时退出码为1）")
    mode.add_argument("--pending", action="store_true", help="生成待发布队列中的页面")
    mode.add_argument("--nginx-config", action="store_true", help="输出本安装的 nginx 配置")
    parser.add_argument("--listen", default="8080", help="nginx 监听地址（与 --nginx-config 一起使用）")
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="应用服务地址（与 --nginx-config 一起使用）")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="并行进程数（与 --all 一起使用，默认为CPU核数）"
    )
    parser.add_argument("--agency", metavar="SLUG", help="只处理这个机构的页面（与 --all 或 --check 一起使用）")
    parser.add_argument("--quiet", action="store_true", help="不显示进度条")
    parser.set_defaults(handler=_handle)


def _bar(args):
    if args.quiet:
        return None
    from tqdm import tqdm

    return lambda total: tqdm(total=total, unit="页", desc="发布", file=sys.stderr, mininterval=1)


def _agency(args):
    if args.agency is None:
        return None
    if args.pending:
        raise CommandError("--agency 只能与 --all 或 --check 一起使用")
    from gongkai.publishing import site

    agency = site.public_agencies().filter(slug=args.agency).first()
    if agency is None:
        raise CommandError(f"没有公开页面的机构：{args.agency}")
    return agency


def _handle(args) -> int:
    setup_django()
    from gongkai.publishing import nginx, services

    if args.nginx_config:
        print(nginx.config(listen=args.listen, upstream=args.upstream))
        return 0
    try:
        services.publish_dir().mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"无法创建发布目录 {services.publish_dir()}：{error.strerror or error}", 1) from None
    agency = _agency(args)
    if args.check:
        diff = services.check(_bar(args), agency=agency)
        for label, paths in (("缺少", diff.missing), ("过期", diff.stale), ("多余", diff.extra)):
            for path in paths:
                print(f"{label}\t{path}")
        print(
            f"发布目录{'与数据库一致' if diff.clean else '与数据库不一致'}：缺少{len(diff.missing)}个，"
            f"过期{len(diff.stale)}个，多余{len(diff.extra)}个",
            file=sys.stderr,
        )
        return 0 if diff.clean else 1
    if not 1 <= args.jobs <= 64:
        raise CommandError("并行进程数应为1至64之间的整数")
    outcome = services.publish_all(_bar(args), jobs=args.jobs, agency=agency) if args.all else services.drain()
    for path, message in outcome.errors:
        print(f"失败\t{path}\t{message}", file=sys.stderr)
    print(
        f"已写入{outcome.written}个文件，未变{outcome.unchanged}个，删除{outcome.removed}个，"
        f"失败{len(outcome.errors)}个（{services.publish_dir()}）",
        file=sys.stderr,
    )
    return 1 if outcome.errors else 0
