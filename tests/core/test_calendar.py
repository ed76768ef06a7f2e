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
