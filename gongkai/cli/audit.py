"""`gongkai audit expire --before DATE`: the only way to shorten the audit log (kept at least
six months, 网络安全法 Art. 21); the run itself is recorded as an `audit.expired` entry."""

from __future__ import annotations

from gongkai.cli.base import parse_date, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="审计日志维护（按保存期限删除旧记录）")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    expire = sub.add_parser("expire", help="删除指定日期以前的审计记录（至少保留六个月）")
    expire.add_argument("--before", type=parse_date, required=True, help="YYYY-MM-DD：删除此日期以前的记录")
    expire.set_defaults(handler=_expire)
    parser.set_defaults(handler=lambda args: (parser.print_help(), 2)[1])


def _expire(args) -> int:
    setup_django()
    from django.utils import timezone

    from gongkai.audit.retention import expire_before

    count = expire_before(args.before, today=timezone.localdate())
    print(f"已删除{count}条审计记录，并记录本次操作。")
    return 0
