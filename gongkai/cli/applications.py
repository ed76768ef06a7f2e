"""`gongkai applications remind [--date D]`: e-mail the deadline digest (Django's mail backend).
`gongkai applications clock CASE.json`: the statutory clock of one case as JSON (see _clock_case)."""

from __future__ import annotations

from gongkai.cli.base import CommandError, parse_date, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("applications", help="依申请公开（答复期限提醒）")
    sub = parser.add_subparsers(dest="applications_command", metavar="ACTION", required=True)
    remind = sub.add_parser("remind", help="发送3个工作日内到期和已逾期申请的提醒邮件")
    remind.add_argument("--date", type=parse_date, help="按该日期计算（默认今天）")
    remind.set_defaults(handler=_remind)
    clock = sub.add_parser("clock", help="按条例计算一件申请的答复期限（读取 CASE.json，输出 JSON）")
    clock.add_argument("case", metavar="CASE.json")
    clock.set_defaults(handler=_clock)


def _clock(args) -> int:
    import json

    from gongkai.cli._clock_case import run

    result = run(args.case, _calendar())
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _calendar():
    """The platform's calendar (package data + entered years) when the database is set up."""
    setup_django()
    from gongkai.holidays.services import working_calendar_or_package

    return working_calendar_or_package()


def _remind(args) -> int:
    setup_django()
    from django.db import DatabaseError
    from django.utils import timezone

    from gongkai.applications.reminders import send_reminders

    try:
        sent = send_reminders(args.date or timezone.localdate())
    except DatabaseError as error:
        raise CommandError(f"数据库不可用：{error}") from None
    print(f"已发送提醒邮件{sent}封")
    return 0
