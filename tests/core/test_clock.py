"""The statutory clock on real 2024–2026 calendars (holidays and 调休 from the package data)."""

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.calendar import statutory_calendar
from gongkai.core.clock import RULES, ClockEvent, Kind, applicant_deadline, extension_problem
from gongkai.core.clock_compute import compute

CAL = statutory_calendar()


def received(on):
    return ClockEvent(Kind.RECEIVED, on)


def test_not_started_without_receipt():
    assert compute([], CAL, today=date(2024, 5, 6)).started is False


def test_national_day_2024_with_makeup_days():
    # 2024-09-29 (Sun) and 2024-10-12 (Sat) are 调休 working days; 10-01..07 holidays.
    clock = compute([received(date(2024, 9, 20))], CAL, today=date(2024, 9, 20))
    assert clock.due_on == date(2024, 10, 23)
    assert clock.limit_working_days == 20 and clock.elapsed_working_days == 0
    assert clock.correction_notice_due_on == date(2024, 9, 30)  # 9/29 (Sun) is a working day
    assert not clock.provisional


def test_spring_festival_2025():
    clock = compute([received(date(2025, 1, 20))], CAL, today=date(2025, 2, 10))
    assert clock.due_on == date(2025, 2, 21)
    # 1/21-24, 1/26 (调休), 1/27, 2/5-7, 2/8 (调休), 2/10 = 11 working days
    assert clock.elapsed_working_days == 11
    assert clock.remaining_working_days == 9


def test_correction_restarts_the_clock():
    events = [
        received(date(2024, 9, 20)),
        ClockEvent(Kind.CORRECTION_REQUESTED, date(2024, 9, 25)),
        ClockEvent(Kind.CORRECTION_RECEIVED, date(2024, 10, 10)),
    ]
    clock = compute(events, CAL, today=date(2024, 10, 10))
    assert clock.start_on == date(2024, 10, 10)
    assert clock.due_on == date(2024, 11, 6)
    assert clock.spans[0].kind == "restarted"
    assert not clock.correction_notice_late


def test_awaiting_correction_stops_the_clock_and_is_never_overdue():
    events = [received(date(2024, 9, 20)), ClockEvent(Kind.CORRECTION_REQUESTED, date(2024, 9, 25))]
    clock = compute(events, CAL, today=date(2024, 12, 31))
    assert clock.awaiting_correction and not clock.overdue
    assert clock.elapsed_working_days == 3  # 9/23, 9/24, 9/25


def test_late_correction_notice_is_flagged():
    events = [received(date(2024, 9, 20)), ClockEvent(Kind.CORRECTION_REQUESTED, date(2024, 10, 8))]
    clock = compute(events, CAL, today=date(2024, 10, 8))
    assert clock.correction_notice_late
    assert any("第三十条" in note for note in clock.notes)


def test_consultation_pause_qingming_2025():
    events = [
        received(date(2025, 3, 3)),
        ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 7)),
        ClockEvent(Kind.CONSULTATION_ENDED, date(2025, 3, 14)),
    ]
    clock = compute(events, CAL, today=date(2025, 3, 20))
    assert clock.due_on == date(2025, 4, 8)  # 2025-04-04 清明 is a holiday
    assert compute([received(date(2025, 3, 3))], CAL, today=date(2025, 3, 3)).due_on == date(2025, 3, 31)
    paused = [s for s in clock.spans if s.kind == "paused"]
    assert paused[0].first_on == date(2025, 3, 10) and paused[0].working_days == 5
    assert "第三十三条第三款" in paused[0].reason


def test_parallel_consultations_pause_until_the_last_one_ends():
    base = [received(date(2025, 3, 3))]
    for ends in [(date(2025, 3, 12), date(2025, 3, 14)), (date(2025, 3, 14), date(2025, 3, 12))]:
        events = base + [
            ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 7)),
            ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 10)),
        ]
        events += sorted(
            [ClockEvent(Kind.CONSULTATION_ENDED, ends[0]), ClockEvent(Kind.CONSULTATION_ENDED, ends[1])],
            key=lambda e: e.on,
        )
        clock = compute(events, CAL, today=date(2025, 3, 20))
        assert clock.due_on == date(2025, 4, 8)  # the same as one consultation from 3-7 to 3-14
    one_ended = base + [
        ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 7)),
        ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 10)),
        ClockEvent(Kind.CONSULTATION_ENDED, date(2025, 3, 12)),
    ]
    assert compute(one_ended, CAL, today=date(2025, 3, 14)).paused


def test_open_consultation_is_paused_until_today():
    events = [received(date(2025, 3, 3)), ClockEvent(Kind.CONSULTATION_STARTED, date(2025, 3, 7))]
    clock = compute(events, CAL, today=date(2025, 3, 14))
    assert clock.paused and clock.due_on == date(2025, 4, 8)


def test_extension_across_national_day_2025():
    events = [received(date(2025, 9, 15))]
    assert compute(events, CAL, today=date(2025, 9, 15)).due_on == date(2025, 10, 17)
    events.append(ClockEvent(Kind.EXTENDED, date(2025, 10, 10), working_days=20))
    clock = compute(events, CAL, today=date(2025, 10, 20))
    assert clock.due_on == date(2025, 11, 14) and clock.limit_working_days == 40


def test_fee_notice_pause_across_spring_festival_2026():
    events = [
        received(date(2026, 1, 5)),
        ClockEvent(Kind.FEE_NOTICE_SENT, date(2026, 1, 9)),
        ClockEvent(Kind.FEE_PAID, date(2026, 2, 27)),
    ]
    clock = compute(events, CAL, today=date(2026, 3, 2))
    assert clock.due_on == date(2026, 3, 20)  # 2026-02-28 (Sat) is a 调休 working day
    counting = RULES.__class__(version="test", fee_time_counts=True)
    assert compute(events, CAL, today=date(2026, 3, 2), rules=counting).due_on == date(2026, 2, 2)


def test_applicant_deadlines_run_from_service():
    assert applicant_deadline(date(2024, 9, 27), 15, CAL) == (date(2024, 10, 23), False)


def test_overdue_and_answered_late():
    events = [received(date(2024, 9, 20))]
    assert compute(events, CAL, today=date(2024, 10, 24)).overdue
    clock = compute(events, CAL, today=date(2024, 11, 1), closed_on=date(2024, 10, 24))
    assert clock.answered_late and not clock.overdue


def test_missing_year_gives_provisional_date_never_silent():
    """暂定: 2027 has no official notice; the provisional calendar still knows 元旦 (2027-01-01,
    a Friday), so the due date is 1/8, not the weekends-only 1/7 the clock gave before."""
    clock = compute([received(date(2026, 12, 10))], CAL, today=date(2026, 12, 10))
    assert clock.provisional and clock.guessed_years == (2027,) and clock.due_provisional
    assert clock.due_on == date(2027, 1, 8)
    assert "国务院办公厅公布的节假日安排为准" in clock.due.label
    assert any("暂定" in note for note in clock.notes)


def test_extension_rules():
    assert extension_problem(20, 0) is None
    assert "最长" in extension_problem(21, 0)
    assert "一次" in extension_problem(5, 1)
    assert extension_problem(0, 0)


days = st.integers(min_value=0, max_value=120)


@given(
    start=st.dates(date(2024, 1, 1), date(2026, 6, 30)),
    begin=days,
    length=days,
    ext=st.integers(0, 20),
    fee=st.booleans(),
)
def test_a_pause_never_shortens_a_deadline(start, begin, length, ext, fee):
    base = [received(start)]
    if ext:
        base.append(ClockEvent(Kind.EXTENDED, start + timedelta(days=1), working_days=ext))
    opener, closer = (
        (Kind.FEE_NOTICE_SENT, Kind.FEE_PAID) if fee else (Kind.CONSULTATION_STARTED, Kind.CONSULTATION_ENDED)
    )
    pause_from = start + timedelta(days=begin)
    paused = base + [ClockEvent(opener, pause_from), ClockEvent(closer, pause_from + timedelta(days=length))]
    today = start + timedelta(days=10)
    before = compute(base, CAL, today=today)
    after = compute(paused, CAL, today=today)
    assert after.due_on >= before.due_on
    assert CAL.is_workday(after.due_on) or after.provisional
    assert after.limit_working_days == before.limit_working_days


@given(start=st.dates(date(2024, 1, 1), date(2026, 6, 30)), ext=st.integers(1, 20))
def test_an_extension_moves_the_deadline_later(start, ext):
    plain = compute([received(start)], CAL, today=start)
    extended = compute([received(start), ClockEvent(Kind.EXTENDED, start, working_days=ext)], CAL, today=start)
    assert extended.due_on > plain.due_on


def test_rules_are_versioned():
    assert RULES.version and RULES.reply_working_days == 20 and RULES.fee_time_counts is False
    with pytest.raises(dataclasses.FrozenInstanceError):  # a rule is never edited in place
        RULES.reply_working_days = 30
