"""The lifecycle of an application (依申请公开) as a transition table, tested without a database.

States are stored; "overdue" and "due soon" are derived from the clock when reading.

    submitted ──confirm_receipt──> in_progress
    in_progress ──request_correction──> awaiting_correction ──receive_correction──> in_progress
    in_progress ──start_consultation──> consulting ──end_consultation──> in_progress
    in_progress ──send_fee_notice──> awaiting_payment ──record_payment──> in_progress
    in_progress | consulting | awaiting_payment ──extend──> (same state)
    in_progress | consulting | awaiting_payment ──delay_reply──> (same state)   (Art. 35)
    in_progress ──record_late_correction──> in_progress  (Art. 30 notice after 7 working days:
                                                         recorded, does not stop the clock)
    open, not awaiting ──receive_late_correction──> (same state)
    awaiting_payment ──correct_fee_notice──> awaiting_payment (the corrected notice replaces)
    in_progress ──decide──> closed
    awaiting_correction ──correction_lapsed──> closed   (其他处理 1)
    awaiting_payment ──fee_lapsed──> closed             (其他处理 2)
    any open state ──withdraw──> closed                  (其他处理 3)

Art. 30's correction is one-time (一次性) and an extension is granted once (Art. 33): those
are history rules, checked by `check_once()` with the events already recorded; the date rules
(not after the due date, …) are in `gongkai.core.clock_checks`.
"""

from __future__ import annotations

from enum import Enum

from gongkai.core.state_machine import InvalidTransition, StateMachine


class State(str, Enum):
    SUBMITTED = "submitted"
    IN_PROGRESS = "in_progress"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_PAYMENT = "awaiting_payment"
    CLOSED = "closed"


STATE_LABELS = {
    State.SUBMITTED: "待确认接收",
    State.IN_PROGRESS: "办理中",
    State.AWAITING_CORRECTION: "待补正",
    State.CONSULTING: "征求意见中",
    State.AWAITING_PAYMENT: "待缴费",
    State.CLOSED: "已办结",
}


class Event(str, Enum):
    CONFIRM_RECEIPT = "confirm_receipt"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    CORRECTION_LAPSED = "correction_lapsed"
    START_CONSULTATION = "start_consultation"
    END_CONSULTATION = "end_consultation"  # the last open consultation ends
    END_ONE_CONSULTATION = "end_one_consultation"  # one of several parallel consultations ends
    SEND_FEE_NOTICE = "send_fee_notice"
    RECORD_PAYMENT = "record_payment"
    FEE_LAPSED = "fee_lapsed"
    EXTEND = "extend"
    DECIDE = "decide"
    WITHDRAW = "withdraw"
    DELAY_REPLY = "delay_reply"  # Art. 35
    RECORD_LATE_CORRECTION = "record_late_correction"  # Art. 30, after the 7 working days
    RECEIVE_LATE_CORRECTION = "receive_late_correction"
    CORRECT_FEE_NOTICE = "correct_fee_notice"  # 109号: replaces, never adds


EVENT_LABELS = {
    Event.CONFIRM_RECEIPT: "确认接收",
    Event.REQUEST_CORRECTION: "发出补正告知",
    Event.RECEIVE_CORRECTION: "收到补正",
    Event.CORRECTION_LAPSED: "逾期未补正",
    Event.START_CONSULTATION: "发出征求意见",
    Event.END_CONSULTATION: "征求意见结束",
    Event.END_ONE_CONSULTATION: "一项征求意见结束（其他征求意见仍在进行）",
    Event.SEND_FEE_NOTICE: "发出收费通知",
    Event.RECORD_PAYMENT: "缴费",
    Event.FEE_LAPSED: "逾期未缴费",
    Event.EXTEND: "延期答复",
    Event.DECIDE: "作出答复",
    Event.WITHDRAW: "申请人撤回申请",
    Event.DELAY_REPLY: "延迟答复",
    Event.RECORD_LATE_CORRECTION: "记录逾期发出的补正告知",
    Event.RECEIVE_LATE_CORRECTION: "收到补正（逾期告知）",
    Event.CORRECT_FEE_NOTICE: "更正收费通知",
}

OPEN_STATES = frozenset(State) - {State.CLOSED}

TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.SUBMITTED, Event.CONFIRM_RECEIPT): State.IN_PROGRESS,
    (State.IN_PROGRESS, Event.REQUEST_CORRECTION): State.AWAITING_CORRECTION,
    (State.AWAITING_CORRECTION, Event.RECEIVE_CORRECTION): State.IN_PROGRESS,
    (State.AWAITING_CORRECTION, Event.CORRECTION_LAPSED): State.CLOSED,
    (State.IN_PROGRESS, Event.START_CONSULTATION): State.CONSULTING,
    (State.CONSULTING, Event.START_CONSULTATION): State.CONSULTING,  # several third parties at once
    (State.CONSULTING, Event.END_ONE_CONSULTATION): State.CONSULTING,
    (State.CONSULTING, Event.END_CONSULTATION): State.IN_PROGRESS,
    (State.IN_PROGRESS, Event.SEND_FEE_NOTICE): State.AWAITING_PAYMENT,
    (State.AWAITING_PAYMENT, Event.RECORD_PAYMENT): State.IN_PROGRESS,
    (State.AWAITING_PAYMENT, Event.FEE_LAPSED): State.CLOSED,
    (State.IN_PROGRESS, Event.EXTEND): State.IN_PROGRESS,
    (State.CONSULTING, Event.EXTEND): State.CONSULTING,
    (State.AWAITING_PAYMENT, Event.EXTEND): State.AWAITING_PAYMENT,
    (State.IN_PROGRESS, Event.DECIDE): State.CLOSED,
    **{(state, Event.DELAY_REPLY): state for state in (State.IN_PROGRESS, State.CONSULTING, State.AWAITING_PAYMENT)},
    (State.IN_PROGRESS, Event.RECORD_LATE_CORRECTION): State.IN_PROGRESS,
    **{
        (state, Event.RECEIVE_LATE_CORRECTION): state
        for state in (State.IN_PROGRESS, State.CONSULTING, State.AWAITING_PAYMENT)
    },
    (State.AWAITING_PAYMENT, Event.CORRECT_FEE_NOTICE): State.AWAITING_PAYMENT,
    **{(state, Event.WITHDRAW): State.CLOSED for state in OPEN_STATES},
}

# Events that may happen at most once in an application's life.
ONCE_ONLY = {
    Event.REQUEST_CORRECTION: "补正告知只能发出一次（条例第三十条：一次性告知）",
    Event.EXTEND: "答复期限只能延长一次（条例第三十三条）",
    Event.RECORD_LATE_CORRECTION: "补正告知只能发出一次（条例第三十条：一次性告知）",
    Event.DELAY_REPLY: "延迟答复只能确定一次（条例第三十五条）",
}


MACHINE = StateMachine(
    State,
    Event,
    TRANSITIONS,
    refusal=lambda state, event: f"申请当前状态为“{STATE_LABELS[state]}”，不能进行“{EVENT_LABELS[event]}”",
)
next_state = MACHINE.next
allowed_events = MACHINE.allowed


def check_once(state: State | str, event: Event, past_events) -> None:
    """InvalidTransition if `event` is once-only and already in `past_events`."""
    if event in ONCE_ONLY and event in set(past_events):
        raise InvalidTransition(State(state), event, ONCE_ONLY[event])
