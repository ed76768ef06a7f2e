from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.calendar import (
    WorkingDayCalendar,
    YearNotCovered,
    YearSchedule,
    add_working_days,
    statutory_calendar,
    working_days_between,
)

CAL = statutory_calendar()


def test_national_day_2024_with_makeup_weekend_days():
    # 2024-09-29 (Sun) and 2024-10-12 (Sat) are 调休 workdays; 10-01..10-07 are off.
    assert add_working_days(date(2024, 9, 27), 20, CAL) == date(2024, 10, 30)
    assert CAL.is_workday(date(2024, 9, 29))
    assert CAL.is_workday(date(2024, 10, 12))
    assert not CAL.is_workday(date(2024, 10, 7))


def test_spring_festival_2025():
    # 2025 春节 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked.
    assert not CAL.is_workday(date(2025, 1, 28))
    assert CAL.is_workday(date(2025, 1, 26))
    assert CAL.is_workday(date(2025, 2, 8))
    assert add_working_days(date(2025, 1, 24), 1, CAL) == date(2025, 1, 26)


def test_2026_schedule_from_the_state_council_notice():
    assert not CAL.is_workday(date(2026, 2, 16))  # 春节
    assert CAL.is_workday(date(2026, 2, 14))  # Saturday worked
    assert CAL.is_workday(date(2026, 10, 10))  # Saturday worked
    assert not CAL.is_workday(date(2026, 10, 7))


def test_day_of_receipt_is_not_counted():
    monday = date(2024, 6, 3)
    assert add_working_days(monday, 0, CAL) == monday
    assert add_working_days(monday, 1, CAL) == date(2024, 6, 4)
    assert working_days_between(monday, monday, CAL) == 0
    assert working_days_between(monday, date(2024, 6, 4), CAL) == 1


def test_a_year_without_data_is_refused_not_guessed():
    with pytest.raises(YearNotCovered) as error:
        add_working_days(date(2026, 12, 20), 20, CAL)
    assert error.value.year == 2027
    assert "2027年" in str(error.value)


def test_provisional_calendar_marks_the_years_it_guessed():
    provisional = CAL.provisional()
    due = add_working_days(date(2026, 12, 20), 20, provisional)
    assert due.year == 2027
    assert provisional.guessed_years == {2027}


def test_entered_year_takes_precedence_over_package_data():
    day = date(2026, 3, 2)  # an ordinary Monday in the package data
    entered = YearSchedule(2026, frozenset({day}), frozenset())
    calendar = CAL.with_schedules([entered])
    assert CAL.is_workday(day)
    assert not calendar.is_workday(day)


def test_schedule_rejects_a_day_both_off_and_worked():
    day = date(2027, 1, 1)
    with pytest.raises(ValueError):
        YearSchedule(2027, frozenset({day}), frozenset({day}))


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1, CAL)


def test_calendar_package_covers_2004_to_2026():
    assert CAL.years[0] == 2004 and CAL.years[-1] == 2026


starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30))
counts = st.integers(min_value=0, max_value=60)


@given(starts, counts)
def test_add_then_count_back_gives_the_same_number(start, n):
    due = add_working_days(start, n, CAL)
    assert working_days_between(start, due, CAL) == n


@given(starts, st.integers(min_value=1, max_value=60))
def test_result_is_a_working_day_and_the_smallest_such(start, n):
    due = add_working_days(start, n, CAL)
    assert CAL.is_workday(due)
    assert working_days_between(start, due - timedelta(days=1), CAL) == n - 1


@given(starts, counts, counts)
def test_monotonic_in_days_and_start(start, n, m):
    assert add_working_days(start, min(n, m), CAL) <= add_working_days(start, max(n, m), CAL)
    later = start + timedelta(days=m % 10)
    assert add_working_days(start, n, CAL) <= add_working_days(later, n, CAL)


def test_custom_calendar_from_schedules():
    schedule = YearSchedule(2030, frozenset({date(2030, 1, 1)}), frozenset({date(2030, 1, 5)}))
    calendar = WorkingDayCalendar.from_schedules([schedule])
    assert not calendar.is_workday(date(2030, 1, 1))
    assert calendar.is_workday(date(2030, 1, 5))  # a Saturday worked
    assert add_working_days(date(2029, 12, 31), 1, calendar.provisional()) == date(2030, 1, 2)


# ---- 暂定: the provisional calendar knows every statutory holiday (放假办法), only 调休 is unknown

from gongkai.core.calendar import provisional_schedule  # noqa: E402
from gongkai.core.holiday_rules import rules_for, statutory_holidays  # noqa: E402

OFFICIAL = {s.year: s for s in __import__("gongkai.core.calendar", fromlist=["x"]).package_schedules()}


def test_795_rules_from_2025_thirteen_days():
    """国务院令第795号 (from 2025): 元旦1, 春节4 (除夕+初一至初三), 清明1, 劳动节2, 端午1, 中秋1, 国庆3."""
    assert rules_for(2025).basis == "国务院令第795号" and rules_for(2024).basis == "国务院令第644号"
    for year in (2025, 2026, 2027, 2030):
        assert len(statutory_holidays(year)) == 13 or year == 2025  # 2025: 中秋 10/6 is separate, still 13
    days = statutory_holidays(2027)
    assert len(days) == 13
    assert [d for d, name in sorted(days.items()) if name == "春节"] == [
        date(2027, 2, 5),
        date(2027, 2, 6),
        date(2027, 2, 7),
        date(2027, 2, 8),
    ]  # 除夕 2/5, 初一 2/6
    assert [d for d, name in days.items() if name == "劳动节"] == [date(2027, 5, 1), date(2027, 5, 2)]
    assert days[date(2027, 4, 5)] == "清明节" and days[date(2027, 6, 9)] == "端午节"
    assert days[date(2027, 9, 15)] == "中秋节" and days[date(2027, 1, 1)] == "元旦"
    assert {date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)} <= set(days)


def test_earlier_versions_of_the_holiday_rules():
    """513号 (2008–2013): 春节 = 除夕、初一、初二; 644号 (2014–2024): 初一至初三, 劳动节1."""
    assert sorted(d for d, n in statutory_holidays(2012).items() if n == "春节") == [
        date(2012, 1, 22),
        date(2012, 1, 23),
        date(2012, 1, 24),
    ]  # 除夕 1/22
    assert sorted(d for d, n in statutory_holidays(2024).items() if n == "春节") == [
        date(2024, 2, 10),
        date(2024, 2, 11),
        date(2024, 2, 12),
    ]
    assert [d for d, n in statutory_holidays(2024).items() if n == "劳动节"] == [date(2024, 5, 1)]


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_statutory_day_is_an_official_holiday(year):
    """The provisional rules never invent a holiday: for every year with a State Council notice
    (package data 2004–2026, 270号, 513号, 644号, 795号) each statutory day is a day off in the notice (the package lists
    some weekend holidays and not others, e.g. 2012-06-23, so compare working-day status)."""
    assert not any(CAL.is_workday(day) for day in statutory_holidays(year))


@given(st.dates(date(2004, 1, 1), date(2026, 12, 31)))
def test_provisional_calendar_agrees_with_the_notice_except_for_tiaoxiu(day):
    """Remove a year's official data: the provisional calendar answers like the notice on every
    day except the 调休 (make-up workdays, and bridging/补假 days off that the law does not fix)."""
    official = OFFICIAL[day.year]
    without = WorkingDayCalendar({y: s for y, s in OFFICIAL.items() if y != day.year}).provisional()
    tiaoxiu = day in official.makeup_workdays or (day in official.holidays and day not in statutory_holidays(day.year))
    guessed = without.is_workday(day)
    if not tiaoxiu:
        assert guessed == CAL.is_workday(day)
    assert without.guessed_years == {day.year}


def test_provisional_2027_counts_new_year_and_spring_festival():
    """元旦 2027-01-01 (Fri) and 春节 2/5–2/8 are not working days in the 暂定 calendar."""
    provisional = CAL.provisional()
    assert not provisional.is_workday(date(2027, 1, 1))
    assert not provisional.is_workday(date(2027, 2, 5)) and not provisional.is_workday(date(2027, 2, 8))
    assert provisional.is_workday(date(2027, 2, 9))  # unknown 调休: an ordinary Tuesday until the notice
    assert provisional_schedule(2027).makeup_workdays == frozenset()
    with pytest.raises(YearNotCovered):
        CAL.is_workday(date(2027, 1, 4))  # the firm calendar still refuses the year
