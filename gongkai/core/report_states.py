"""The workflow of an annual report version (条例 第四十九条、第五十条).

A version is written as a draft, submitted for review (保密审查, 先审查后公开), then approved and
published at once. A published version is never changed: a correction is a new version, and
publishing it marks the earlier published version superseded (已更正).

    draft --submit--> submitted --publish--> published --supersede--> superseded
                          \\--reject--> draft
"""

from __future__ import annotations

from enum import Enum

from gongkai.core.state_machine import InvalidTransition, StateMachine  # noqa: F401 (re-exported)


class ReportStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class ReportEvent(str, Enum):
    EDIT = "edit"  # recompute figures, edit the narrative: a draft stays a draft
    SUBMIT = "submit"
    REJECT = "reject"
    PUBLISH = "publish"
    SUPERSEDE = "supersede"


STATUS_LABELS = {
    ReportStatus.DRAFT: "草稿",
    ReportStatus.SUBMITTED: "待审核",
    ReportStatus.PUBLISHED: "已公开",
    ReportStatus.SUPERSEDED: "已更正（旧版本）",
}

TRANSITIONS: dict[tuple[ReportStatus, ReportEvent], ReportStatus] = {
    (ReportStatus.DRAFT, ReportEvent.EDIT): ReportStatus.DRAFT,
    (ReportStatus.DRAFT, ReportEvent.SUBMIT): ReportStatus.SUBMITTED,
    (ReportStatus.SUBMITTED, ReportEvent.REJECT): ReportStatus.DRAFT,
    (ReportStatus.SUBMITTED, ReportEvent.PUBLISH): ReportStatus.PUBLISHED,
    (ReportStatus.PUBLISHED, ReportEvent.SUPERSEDE): ReportStatus.SUPERSEDED,
}

# Versions not yet public: at most one per agency and year.
OPEN_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.SUBMITTED})


def _refusal(state: ReportStatus, event: ReportEvent) -> str:
    return f"报告当前状态为“{STATUS_LABELS[state]}”，不能执行此操作"


MACHINE = StateMachine(ReportStatus, ReportEvent, TRANSITIONS, refusal=_refusal)
next_status = MACHINE.next
