"""The statutory working-day calendar (工作日).

Deadlines of the 条例 are counted in working days (Arts. 26, 30, 32, 33, 34): Monday to Friday,
less the statutory holidays, plus the make-up workdays (调休上班) that the State Council's yearly
notice moves onto weekends. The dates come from `chinesecalendar` (2004–2026, see
docs: regulation.md §6) and from per-year schedules an administrator enters; an entered year
takes precedence over the package data.

Contract:
- A date in a year the calendar has no data for raises `YearNotCovered`; it is never silently
  guessed. `WorkingDayCalendar.provisional()` gives a calendar that, for such years, counts every
  statutory holiday day the 放假办法 fixes (`gongkai.core.holiday_rules`: 元旦, 春节 with 除夕 from
  2025, 清明, 劳动节 two days from 2025, 端午, 中秋, 国庆) and leaves only the 调休 unknown; it
  remembers which years it guessed, for a clearly marked 暂定 answer
  ("暂定，以国务院办公厅公布的节假日安排为准").
- Counting convention (COUNT_FROM_NEXT_DAY): "自收到申请之日起20个工作日内" does not say whether
  the day of receipt counts; the calendar data follows common practice and does not count it, so
  `add_working_days(d, 1)` is the first working day after `d`, and `working_days_between(a, b)`
  counts the working days in (a, b].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.core.holiday_rules import statutory_holidays
from gongkai.core.refusal import Refused

# The counting convention, kept with the calendar data (regulation.md §6: UNCONFIRMED in the
# law, common practice counts from the day after receipt).
COUNT_FROM_NEXT_DAY = True


class YearNotCovered(Refused):
    """The calendar has no holiday data for this year (a refusal to compute a date with it)."""

    code = "year_not_covered"

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年的法定节假日安排尚未录入，无法计算工作日")


@dataclass(frozen=True)
class YearSchedule:
    """One year's holidays (休) and make-up workdays (班), as the State Council notice sets them."""

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]

    def __post_init__(self):
        for day in self.holidays | self.makeup_workdays:
            if day.year != self.year:
                raise ValueError(f"{day.isoformat()} 不属于 {self.year} 年")
        both = self.holidays & self.makeup_workdays
        if both:
            raise ValueError(f"{min(both).isoformat()} 不能既是节假日又是调休上班日")


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Answers "is this a working day?" for the years it has schedules for."""

    schedules: Mapping[int, YearSchedule]
    assume_weekends_for_missing: bool = False  # True: guess missing years (provisional)
    guessed_years: set[int] = field(default_factory=set, compare=False)

    @classmethod
    def from_schedules(cls, schedules: Iterable[YearSchedule]) -> WorkingDayCalendar:
        return cls({s.year: s for s in schedules})

    def with_schedules(self, schedules: Iterable[YearSchedule]) -> WorkingDayCalendar:
        """A calendar where the given years replace this calendar's data for the same years."""
        merged = dict(self.schedules)
        merged.update({s.year: s for s in schedules})
        return WorkingDayCalendar(merged, self.assume_weekends_for_missing)

    def provisional(self) -> WorkingDayCalendar:
        """A calendar that guesses missing years from the statutory holidays (no 调休) and records
        them in guessed_years."""
        return WorkingDayCalendar(self.schedules, assume_weekends_for_missing=True)

    @property
    def years(self) -> list[int]:
        return sorted(self.schedules)

    def covers(self, year: int) -> bool:
        return year in self.schedules

    def is_workday(self, day: date) -> bool:
        schedule = self.schedules.get(day.year)
        if schedule is None:
            if not self.assume_weekends_for_missing:
                raise YearNotCovered(day.year)
            self.guessed_years.add(day.year)
            return day.weekday() < 5 and day not in statutory_holidays(day.year)
        if day in schedule.makeup_workdays:
            return True
        if day in schedule.holidays:
            return False
        return day.weekday() < 5


def add_working_days(start: date, days: int, calendar: WorkingDayCalendar) -> date:
    """The date `days` working days after `start`, not counting `start` itself.

    `days` must be >= 0; 0 gives `start`. Raises YearNotCovered when the count crosses into a
    year without data (unless the calendar is provisional).
    """
    if days < 0:
        raise ValueError("工作日天数不能为负数")
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if calendar.is_workday(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, calendar: WorkingDayCalendar) -> int:
    """The number of working days in (start, end]; 0 when end <= start."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if calendar.is_workday(current):
            count += 1
    return count


def next_working_day_on_or_after(day: date, calendar: WorkingDayCalendar) -> date:
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def package_schedules() -> list[YearSchedule]:
    """The schedules shipped in the `chinesecalendar` package (2004–2026 in v1.11.0)."""
    from chinese_calendar import constants

    by_year: dict[int, tuple[set[date], set[date]]] = {}
    for day in constants.holidays:
        by_year.setdefault(day.year, (set(), set()))[0].add(day)
    for day in constants.workdays:
        by_year.setdefault(day.year, (set(), set()))[1].add(day)
    return [YearSchedule(year, frozenset(hol), frozenset(work)) for year, (hol, work) in sorted(by_year.items())]


_PACKAGE_CALENDAR: WorkingDayCalendar | None = None


def statutory_calendar(extra: Iterable[YearSchedule] = ()) -> WorkingDayCalendar:
    """The package data, with administrator-entered years taking precedence."""
    global _PACKAGE_CALENDAR
    if _PACKAGE_CALENDAR is None:
        _PACKAGE_CALENDAR = WorkingDayCalendar.from_schedules(package_schedules())
    extra = list(extra)
    return _PACKAGE_CALENDAR.with_schedules(extra) if extra else _PACKAGE_CALENDAR


def provisional_schedule(year: int) -> YearSchedule:
    """What the provisional calendar assumes for a year without data: the statutory holidays that
    fall on weekdays, no make-up workdays (调休 unknown)."""
    return YearSchedule(year, frozenset(statutory_holidays(year)), frozenset())
