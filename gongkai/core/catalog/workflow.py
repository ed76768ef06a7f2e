"""The review workflow of a catalog item version ("先审查，后公开", "一事一审").

A version is immutable once submitted. Rejection closes the version and the handler continues
in a new draft copied from it, so each version has at most one review.

    draft --submit--> submitted --approve--> approved --publish--> published --supersede--> superseded
                              \\--reject--> rejected
"""

from __future__ import annotations

from enum import Enum

from gongkai.core.state_machine import InvalidTransition, StateMachine  # noqa: F401 (re-exported)


class VersionState(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REJECTED = "rejected"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class Event(str, Enum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    PUBLISH = "publish"
    SUPERSEDE = "supersede"


STATE_LABELS = {
    VersionState.DRAFT: "草稿",
    VersionState.SUBMITTED: "待审核",
    VersionState.REJECTED: "已退回",
    VersionState.APPROVED: "已审核待发布",
    VersionState.PUBLISHED: "已发布",
    VersionState.SUPERSEDED: "已被新版本替代",
}

TRANSITIONS: dict[tuple[VersionState, Event], VersionState] = {
    (VersionState.DRAFT, Event.SUBMIT): VersionState.SUBMITTED,
    (VersionState.SUBMITTED, Event.APPROVE): VersionState.APPROVED,
    (VersionState.SUBMITTED, Event.REJECT): VersionState.REJECTED,
    (VersionState.APPROVED, Event.PUBLISH): VersionState.PUBLISHED,
    (VersionState.PUBLISHED, Event.SUPERSEDE): VersionState.SUPERSEDED,
}

OPEN_STATES = {VersionState.DRAFT, VersionState.SUBMITTED, VersionState.APPROVED}
# The same as stored values, in lifecycle order (queries and the one-open-version constraint).
OPEN_STATE_VALUES = tuple(state.value for state in VersionState if state in OPEN_STATES)


MACHINE = StateMachine(
    VersionState, Event, TRANSITIONS, refusal=lambda state, event: f"当前状态“{STATE_LABELS[state]}”不能执行此操作"
)
next_state = MACHINE.next


class Validity(str, Enum):
    EFFECTIVE = "effective"
    EXPIRED = "expired"
    REPEALED = "repealed"


VALIDITY_LABELS = {Validity.EFFECTIVE: "有效", Validity.EXPIRED: "失效", Validity.REPEALED: "废止"}
