import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.application_states import (
    OPEN_STATES,
    TRANSITIONS,
    Event,
    InvalidTransition,
    State,
    allowed_events,
    check_once,
    next_state,
)


def test_happy_path():
    state = State.SUBMITTED
    for event in [
        Event.CONFIRM_RECEIPT,
        Event.REQUEST_CORRECTION,
        Event.RECEIVE_CORRECTION,
        Event.START_CONSULTATION,
        Event.END_CONSULTATION,
        Event.EXTEND,
        Event.SEND_FEE_NOTICE,
        Event.RECORD_PAYMENT,
        Event.DECIDE,
    ]:
        state = next_state(state, event)
    assert state is State.CLOSED


def test_closed_is_final_with_chinese_message():
    for event in Event:
        with pytest.raises(InvalidTransition) as info:
            next_state(State.CLOSED, event)
        assert "已办结" in str(info.value)


def test_once_only():
    check_once(State.IN_PROGRESS, Event.EXTEND, [])
    with pytest.raises(InvalidTransition, match="只能延长一次"):
        check_once(State.IN_PROGRESS, Event.EXTEND, [Event.CONFIRM_RECEIPT, Event.EXTEND])


def test_withdraw_from_every_open_state():
    assert all(next_state(s, Event.WITHDRAW) is State.CLOSED for s in OPEN_STATES)


@given(st.lists(st.sampled_from(list(Event)), max_size=30))
def test_state_machine_walk(events):
    state = State.SUBMITTED
    for event in events:
        if event in allowed_events(state):
            state = next_state(state, event)
            assert state in State
        else:
            with pytest.raises(InvalidTransition):
                next_state(state, event)
    assert all(isinstance(v, State) for v in TRANSITIONS.values())
