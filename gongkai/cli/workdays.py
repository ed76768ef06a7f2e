"""`gongkai workdays add DATE N` and `gongkai workdays between A B`."""

from __future__ import annotations

from gongkai.cli.base import CommandError, parse_count, parse_date, setup_django
from gongkai.core.calendar import add_working_days, working_days_between


def register(subparsers) -> None:
    parser = subparsers.add_parser("workdays", help="工作日计算（法定节假日与调休）")
    sub = parser.add_subparsers(dest="workdays_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="DATE 之后第 N 个工作日（不含当日）")
    add.add_argument("date", type=parse_date)
    add.add_argument("days", type=parse_count)
    add.set_defaults(handler=_add)
    between = sub.add_parser("between", help="(A, B] 之间的工作日数")
    between.add_argument("start", type=parse_date)
    between.add_argument("end", type=parse_date)
    between.set_defaults(handler=_between)


def _calendar():
    setup_django()
    from gongkai.holidays.services import working_calendar_or_package

    return working_calendar_or_package()


def _add(args) -> int:
    if args.days < 0:
        raise CommandError(f"工作日天数不能为负数：{args.days}")
    print(add_working_days(args.date, args.days, _calendar()).isoformat())  # YearNotCovered: exit 2
    return 0


def _between(args) -> int:
    if args.end < args.start:
        raise CommandError("结束日期早于开始日期")
    print(working_days_between(args.start, args.end, _calendar()))  # YearNotCovered: exit 2
    return 0
