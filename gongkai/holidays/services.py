"""The working-day calendar as the platform uses it: package data plus entered years (reads only;
the writes are in `gongkai.holidays.actions`)."""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.core.calendar import WorkingDayCalendar, YearSchedule, statutory_calendar
from gongkai.holidays.models import EnteredYearSchedule


def entered_schedules() -> list[YearSchedule]:
    return [
        YearSchedule(
            row.year,
            frozenset(date.fromisoformat(d) for d in row.holidays),
            frozenset(date.fromisoformat(d) for d in row.makeup_workdays),
        )
        for row in EnteredYearSchedule.objects.all()
    ]


def working_calendar() -> WorkingDayCalendar:
    """The calendar every deadline of the platform is computed with."""
    return statutory_calendar(entered_schedules())


def working_calendar_or_package() -> WorkingDayCalendar:
    """For the CLI: the platform's calendar if the database is set up, else the package data."""
    from django.db import DatabaseError

    try:
        return working_calendar()
    except DatabaseError:  # no database yet (fresh clone before `make setup`)
        return statutory_calendar()


def parse_date_lines(text: str) -> list[date]:
    """Dates, one per line, `YYYY-MM-DD` or a range `YYYY-MM-DD~YYYY-MM-DD`.

    Raises ValueError with a Chinese message naming the bad line.
    """
    days: list[date] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("～", "~").replace("至", "~")
        if not line:
            continue
        try:
            if "~" in line:
                first, last = (date.fromisoformat(part.strip()) for part in line.split("~", 1))
                if last < first:
                    raise ValueError
                days.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
            else:
                days.append(date.fromisoformat(line))
        except ValueError:
            raise ValueError(
                f"第{number}行“{raw.strip()}”不是有效日期或日期范围（YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD）"
            ) from None
    return days


def calendar_alert(today: date) -> str | None:
    """A warning when next year's schedule is missing late in the year, or this year's at all."""
    calendar = working_calendar()
    if not calendar.covers(today.year):
        return f"{today.year}年的法定节假日安排尚未录入，所有期限均为暂定，请尽快录入。"
    if today.month >= 11 and not calendar.covers(today.year + 1):
        return (
            f"{today.year + 1}年的法定节假日安排尚未录入。国务院办公厅通常于11月发布次年安排，"
            "请在发布后及时录入，否则跨年期限只能暂定。"
        )
    return None
