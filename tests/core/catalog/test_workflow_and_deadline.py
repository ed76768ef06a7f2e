from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.calendar import WorkingDayCalendar, YearSchedule
from gongkai.core.catalog.dates import date_problems
from gongkai.core.catalog.deadline import publication_clock, publication_due_on
from gongkai.core.catalog.workflow import TRANSITIONS, Event, InvalidTransition, VersionState, next_state

CAL = WorkingDayCalendar.from_schedules(
    [
        YearSchedule(
            2024,
            frozenset({date(2024, 10, d) for d in range(1, 8)}),
            frozenset({date(2024, 9, 29), date(2024, 10, 12)}),
        )
    ]
)


def test_happy_path_and_rejection():
    s = VersionState.DRAFT
    for event in (Event.SUBMIT, Event.APPROVE, Event.PUBLISH, Event.SUPERSEDE):
        s = next_state(s, event)
    assert s == VersionState.SUPERSEDED
    assert next_state(VersionState.SUBMITTED, Event.REJECT) == VersionState.REJECTED


@given(st.sampled_from(list(VersionState)), st.sampled_from(list(Event)))
def test_table_is_the_only_way(state, event):
    if (state, event) in TRANSITIONS:
        assert next_state(state, event) == TRANSITIONS[(state, event)]
    else:
        with pytest.raises(InvalidTransition):
            next_state(state, event)


def test_nothing_leaves_rejected_or_superseded():
    assert not any(s in (VersionState.REJECTED, VersionState.SUPERSEDED) for s, _ in TRANSITIONS)


def test_art26_due_date_skips_national_day():
    # formed Mon 23 Sep 2024; 29 Sep (Sun) is a make-up workday, 1-7 Oct are holidays
    assert publication_due_on(date(2024, 9, 23), CAL) == date(2024, 10, 24)
    clock = publication_clock(date(2024, 9, 23), date(2024, 10, 23), CAL)
    assert clock.days_left == 1 and clock.at_risk and not clock.overdue
    assert publication_clock(date(2024, 9, 23), date(2024, 10, 25), CAL).overdue


def test_date_order():
    assert date_problems(written_on=date(2024, 5, 2), formed_on=date(2024, 5, 2), published_on=date(2024, 5, 1)) == [
        ("published_on", "发布日期不能早于成文日期")
    ]
    assert date_problems(written_on=date(2024, 5, 2), formed_on=None, published_on=None) == []
