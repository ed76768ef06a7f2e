"""`gongkai privacy erase --closed-before DATE`: the retention schedule of applicants' personal
data (gongkai/security/retention.py; five years after the decision, 行政诉讼法 Art. 46)."""

from __future__ import annotations

import getpass

from gongkai.cli.base import parse_date, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("privacy", help="个人信息保存期限（删除期满的申请人联系方式）")
    sub = parser.add_subparsers(dest="privacy_command", metavar="ACTION")
    erase = sub.add_parser("erase", help="删除指定日期以前办结的申请中的证件号码和联系方式")
    erase.add_argument("--closed-before", type=parse_date, required=True, help="YYYY-MM-DD（至少五年以前）")
    erase.set_defaults(handler=_erase)
    parser.set_defaults(handler=lambda args: (parser.print_help(), 2)[1])


def _erase(args) -> int:
    setup_django()
    from django.utils import timezone

    from gongkai.security.retention import erase_closed_before

    count = erase_closed_before(args.closed_before, today=timezone.localdate(), operator=getpass.getuser())
    print(f"已删除{count}件申请的证件号码和联系方式，每件均已记入审计日志。")
    return 0
