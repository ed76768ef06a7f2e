"""Procedure around the clock (issue 10): what the law allows, and when it lapses or is 暂定."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.calendar import YearSchedule, statutory_calendar
from gongkai.core.clock import ClockEvent, Kind, Party
from gongkai.core.clock_checks import EventRefused, evaluate, refusal
from gongkai.core.clock_compute import compute

CAL = statutory_calendar()
R = date(2025, 3, 3)  # Monday; plain due date 2025-03-31, 补正 notice due 2025-03-12


def ev(kind, on, **kw):
    return ClockEvent(kind, on, **kw)


def received(on=R):
    return ev(Kind.RECEIVED, on)


# ---- Art. 30 补正


def test_art30_correction_in_time_restarts_the_clock():
    events = [
        received(),
        ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 12), until=date(2025, 3, 26)),
        ev(Kind.CORRECTION_RECEIVED, date(2025, 3, 20)),
    ]
    clock = evaluate(events, CAL, today=date(2025, 3, 20))
    assert clock.start_on == date(2025, 3, 20) and clock.due_on == date(2025, 4, 18)  # 4/4 清明


def test_art30_correction_on_working_day_8_is_recorded_but_moves_nothing():
    """A notice after the 7 working days may be recorded (with its reason) but does not restart
    the 20 days, does not stop the clock and cannot lapse the application."""
    late = ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 13), until=date(2025, 3, 20), reason="承办人病假")
    clock = evaluate([received(), late], CAL, today=date(2025, 4, 1))
    assert clock.correction_notice_late and not clock.awaiting_correction
    assert clock.due_on == date(2025, 3, 31) and clock.overdue and clock.lapsed is None
    assert any("不重新起算" in w and "承办人病假" in w for w in clock.warnings)
    corrected = evaluate(
        [received(), late, ev(Kind.CORRECTION_RECEIVED, date(2025, 3, 18))], CAL, today=date(2025, 3, 18)
    )
    assert corrected.start_on == R and corrected.due_on == date(2025, 3, 31)


def test_art30_correction_after_the_reply_is_due_is_refused():
    with pytest.raises(EventRefused, match="补正告知不被允许：答复期限已于2025年3月31日届满"):
        evaluate(
            [received(), ev(Kind.CORRECTION_REQUESTED, date(2025, 4, 1), until=date(2025, 4, 20))],
            CAL,
            today=date(2025, 4, 2),
        )


def test_art30_correction_once_and_with_a_period():
    first = ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 5), until=date(2025, 3, 20))
    assert "一次性" in refusal(
        [received(), first], ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 6), until=date(2025, 3, 25)), CAL
    )
    assert "补正期限" in refusal([received()], ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 5)), CAL)


def test_art30_correction_lapsed_after_the_period():
    events = [received(), ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 5), until=date(2025, 3, 20))]
    waiting = compute(events, CAL, today=date(2025, 3, 20))
    assert waiting.due_on is None and waiting.lapsed is None and waiting.awaiting_correction
    lapsed = compute(events, CAL, today=date(2025, 3, 21))
    assert lapsed.lapsed == "correction" and not lapsed.overdue
    assert any("补正期满" in w for w in lapsed.warnings)
    assert compute(events, CAL, today=date(2025, 3, 25), closed_on=date(2025, 3, 21)).lapsed is None


# ---- Arts. 32–34 consultations


def test_art32_open_consultation_never_pauses_beyond_15_working_days():
    """Started 3/5, no reply: the pause ends at the reply-by (15 working days, 3/26); then the
    clock runs again and the application becomes overdue."""
    events = [received(), ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), party=Party.THIRD_PARTY)]
    clock = compute(events, CAL, today=date(2025, 6, 30))
    assert clock.reply_by.on == date(2025, 3, 26)
    assert clock.due_on == date(2025, 4, 22) and clock.overdue and not clock.paused
    assert any("第三十二条" in w and "由行政机关" in w for w in clock.warnings)


def test_art34_agency_silence_is_deemed_consent():
    events = [received(), ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), party=Party.AGENCY)]
    clock = compute(events, CAL, today=date(2025, 3, 27))
    assert any("视为同意" in w and "第三十四条" in w for w in clock.warnings)


def test_art32_late_reply_ends_the_pause_at_the_reply_by():
    base = [received(), ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), party=Party.THIRD_PARTY)]
    late = compute(base + [ev(Kind.CONSULTATION_ENDED, date(2025, 4, 20))], CAL, today=date(2025, 4, 21))
    in_time = compute(base + [ev(Kind.CONSULTATION_ENDED, date(2025, 3, 26))], CAL, today=date(2025, 4, 21))
    assert late.due_on == in_time.due_on == date(2025, 4, 22)


def test_art32_reply_by_runs_from_service():
    events = [
        received(),
        ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), served_on=date(2025, 3, 7), party=Party.THIRD_PARTY),
    ]
    assert compute(events, CAL, today=date(2025, 3, 10)).reply_by.on == date(2025, 3, 28)


def test_art33_consultation_after_the_due_date_is_refused():
    assert "届满" in refusal([received()], ev(Kind.CONSULTATION_STARTED, date(2025, 4, 1), party=Party.AGENCY), CAL)


def test_consultation_end_names_one_or_ends_the_oldest():
    a = ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), party=Party.THIRD_PARTY, ref="a")
    b = ev(Kind.CONSULTATION_STARTED, date(2025, 3, 6), party=Party.AGENCY, ref="b")
    clock = compute(
        [received(), a, b, ev(Kind.CONSULTATION_ENDED, date(2025, 3, 7), ref="b")], CAL, today=date(2025, 3, 10)
    )
    assert [c.ref for c in clock.open_consultations] == ["a"] and clock.paused
    clock = compute([received(), a, b, ev(Kind.CONSULTATION_ENDED, date(2025, 3, 7))], CAL, today=date(2025, 3, 10))
    assert [c.ref for c in clock.open_consultations] == ["b"]
    assert "没有尚未结束" in refusal([received()], ev(Kind.CONSULTATION_ENDED, date(2025, 3, 7)), CAL)


@given(begin=st.integers(0, 15), length=st.one_of(st.none(), st.integers(0, 200)), later=st.integers(0, 200))
def test_a_pause_never_extends_past_the_consulted_partys_deadline(begin, length, later):
    """Arts. 32–34: whatever the reply date (or none), the due date is at most what it is when
    the consultation ends exactly on its reply-by date."""
    start = R + timedelta(days=begin)
    today = start + timedelta(days=later)
    events = [received(), ev(Kind.CONSULTATION_STARTED, start, party=Party.THIRD_PARTY)]
    if length is not None and start + timedelta(days=length) <= today:
        events.append(ev(Kind.CONSULTATION_ENDED, start + timedelta(days=length)))
    clock = compute(events, CAL, today=today)
    capped = compute(
        events[:2] + [ev(Kind.CONSULTATION_ENDED, clock.consultations[0].reply_by.on)],
        CAL,
        today=max(today, clock.consultations[0].reply_by.on),
    )
    assert clock.due_on <= capped.due_on
    paused = sum(s.working_days for s in clock.spans if s.kind == "paused")
    assert paused <= 15


# ---- 109号 fees


def test_fee_corrected_notice_replaces_the_first():
    events = [received(), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 5)), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 10))]
    clock = evaluate(events, CAL, today=date(2025, 3, 11))
    assert clock.pay_by.on == date(2025, 4, 8)  # 20 working days after 3/10 (4/4 清明)
    assert any("取代" in w for w in clock.warnings)
    periods = [s for s in clock.spans if s.kind == "paused"]
    assert periods[0].first_on == date(2025, 3, 11)  # the pause runs from the corrected notice


def test_fee_notice_after_payment_or_after_due_is_refused():
    paid = [received(), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 5)), ev(Kind.FEE_PAID, date(2025, 3, 7))]
    assert "一份收费通知" in refusal(paid, ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 10)), CAL)
    assert "届满" in refusal([received()], ev(Kind.FEE_NOTICE_SENT, date(2025, 4, 1)), CAL)


def test_fee_unpaid_past_firm_pay_by_lapses():
    events = [received(), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 5))]
    assert compute(events, CAL, today=date(2025, 4, 2)).lapsed is None  # pay-by 4/2
    clock = compute(events, CAL, today=date(2025, 4, 3))
    assert clock.lapsed == "fee" and any("其他处理2" in w for w in clock.warnings)
    assert "缴费期限" in refusal(events, ev(Kind.FEE_PAID, date(2025, 4, 3)), CAL)


def test_provisional_pay_by_never_refuses_a_payment_nor_lapses():
    """暂定: a fee notice served in December 2026 has a pay-by in 2027 (no official data)."""
    events = [received(date(2026, 12, 1)), ev(Kind.FEE_NOTICE_SENT, date(2026, 12, 15))]
    clock = compute(events, CAL, today=date(2026, 12, 16))
    assert clock.pay_by.provisional and clock.provisional and clock.pay_by.on == date(2027, 1, 13)
    assert "暂定，以国务院办公厅公布的节假日安排为准" in clock.pay_by.label
    after = compute(events, CAL, today=date(2027, 1, 20))
    assert after.lapsed is None and any("暂定的缴费期限" in w for w in after.warnings)
    assert refusal(events, ev(Kind.FEE_PAID, date(2027, 1, 20)), CAL) is None
    # The year's notice is entered: the date becomes firm by itself, and now it lapses.
    entered = CAL.with_schedules([YearSchedule(2027, frozenset({date(2027, 1, 1)}), frozenset())])
    firm = compute(events, entered, today=date(2027, 1, 20))
    assert not firm.pay_by.provisional and not firm.provisional and firm.lapsed == "fee"


def test_consultation_reply_by_into_2027_is_provisional():
    events = [received(date(2026, 12, 1)), ev(Kind.CONSULTATION_STARTED, date(2026, 12, 20), party=Party.THIRD_PARTY)]
    clock = compute(events, CAL, today=date(2026, 12, 21))
    assert clock.reply_by.provisional and clock.dates()["reply_by"].provisional


# ---- Art. 33 extension, Art. 35 延迟答复


def test_art33_extension_after_due_or_twice_is_refused():
    assert "届满" in refusal([received()], ev(Kind.EXTENDED, date(2025, 4, 1), working_days=5), CAL)
    once = [received(), ev(Kind.EXTENDED, date(2025, 3, 5), working_days=5)]
    assert "一次" in refusal(once, ev(Kind.EXTENDED, date(2025, 3, 6), working_days=5), CAL)
    assert "最长" in refusal([received()], ev(Kind.EXTENDED, date(2025, 3, 6), working_days=21), CAL)


def test_art35_delayed_reply_is_its_own_event():
    events = [received(), ev(Kind.DELAYED_REPLY, date(2025, 3, 20), until=date(2025, 5, 30))]
    clock = evaluate(events, CAL, today=date(2025, 4, 15))
    assert clock.due_on == date(2025, 5, 30) and not clock.overdue and clock.limit_working_days == 20
    assert any("第三十五条" in w for w in clock.warnings)
    assert "晚于原答复期限" in refusal(
        [received()], ev(Kind.DELAYED_REPLY, date(2025, 3, 20), until=date(2025, 3, 28)), CAL
    )
    assert "届满" in refusal([received()], ev(Kind.DELAYED_REPLY, date(2025, 4, 1), until=date(2025, 5, 30)), CAL)
    assert "一次" in refusal(events, ev(Kind.DELAYED_REPLY, date(2025, 3, 21), until=date(2025, 6, 30)), CAL)


# ---- Art. 31 receipt


def test_art31_ordinary_letter_arrival_differs_from_confirmation():
    clock = compute([received(date(2025, 3, 5))], CAL, today=date(2025, 3, 5), arrived_on=date(2025, 3, 3))
    assert any("第三十一条第二项" in w for w in clock.warnings)
    assert not compute([received(date(2025, 3, 5))], CAL, today=date(2025, 3, 5), arrived_on=date(2025, 3, 5)).warnings


def test_periods_carry_their_article():
    events = [
        received(),
        ev(Kind.CONSULTATION_STARTED, date(2025, 3, 5), party=Party.AGENCY),
        ev(Kind.CONSULTATION_ENDED, date(2025, 3, 10)),
    ]
    spans = compute(events, CAL, today=date(2025, 3, 10)).spans
    assert [(s.kind, s.article) for s in spans] == [
        ("counted", "条例第三十三条"),
        ("paused", "条例第三十四条、第三十三条"),
        ("counted", "条例第三十三条"),
    ]
    assert sum(s.working_days for s in spans if s.counted) == 20


@given(notice=st.dates(date(2026, 11, 20), date(2026, 12, 31)), later=st.integers(0, 120))
def test_a_provisional_pay_by_never_lapses_nor_refuses(notice, later):
    """暂定 (109号): while the pay-by rests on 2027 (no official data) no lapse and no refusal."""
    events = [received(date(2026, 11, 2)), ev(Kind.FEE_NOTICE_SENT, notice)]
    today = notice + timedelta(days=later)
    clock = compute(events, CAL, today=today)
    if clock.pay_by.provisional:
        assert clock.lapsed is None
        assert refusal(events, ev(Kind.FEE_PAID, today), CAL) is None
    else:
        assert clock.pay_by.on.year == 2026


@given(start=st.dates(date(2026, 6, 1), date(2026, 12, 31)))
def test_due_date_is_provisional_exactly_when_counted_into_2027(start):
    clock = compute([received(start)], CAL, today=start)
    assert clock.due_provisional == (clock.due_on.year == 2027) == clock.provisional


# ---- 送达 by e-mail still to come (the send day is the service date)


def test_109_fee_notice_awaiting_email_service_has_no_pay_by_and_never_lapses():
    """国办函〔2020〕109号: 20 working days from service. A notice issued for e-mail and not yet sent
    pauses the clock but has no pay-by; once served, the pay-by counts from the send day."""
    waiting = [received(), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 5), awaiting_service=True)]
    clock = compute(waiting, CAL, today=date(2025, 6, 30))
    assert clock.pay_by is None and clock.lapsed is None and clock.paused and clock.fee_open
    assert any("待电子邮件送达" in w for w in clock.warnings)
    sent = [received(), ev(Kind.FEE_NOTICE_SENT, date(2025, 3, 5), served_on=date(2025, 3, 10))]
    assert compute(sent, CAL, today=date(2025, 3, 10)).pay_by.on == date(2025, 4, 8)  # 4/4 清明


def test_art30_correction_awaiting_email_service_does_not_lapse():
    """条例 Art. 30: a 补正告知书 never sent cannot make the application 视为放弃."""
    events = [
        received(),
        ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 5), until=date(2025, 3, 19), awaiting_service=True),
    ]
    assert compute(events, CAL, today=date(2025, 3, 25)).lapsed is None
    served = [received(), ev(Kind.CORRECTION_REQUESTED, date(2025, 3, 5), until=date(2025, 3, 19))]
    assert compute(served, CAL, today=date(2025, 3, 25)).lapsed == "correction"
