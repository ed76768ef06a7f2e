"""The annual report's workflow as a transition table (条例 第四十九条: publish; a correction
is a new version and the old one is superseded). No database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.report_states import MACHINE, OPEN_STATUSES, InvalidTransition, ReportEvent, ReportStatus, next_status


def test_draft_submitted_published_corrected():
    state = next_status(ReportStatus.DRAFT, ReportEvent.SUBMIT)
    assert state is ReportStatus.SUBMITTED
    assert next_status(state, ReportEvent.REJECT) is ReportStatus.DRAFT
    state = next_status(state, ReportEvent.PUBLISH)
    assert state is ReportStatus.PUBLISHED
    assert next_status(state, ReportEvent.SUPERSEDE) is ReportStatus.SUPERSEDED
    assert next_status("draft", "edit") is ReportStatus.DRAFT  # stored strings are accepted


def test_a_published_version_is_never_edited_and_refusals_are_chinese():
    with pytest.raises(InvalidTransition, match="报告当前状态为“已公开”，不能执行此操作"):
        next_status(ReportStatus.PUBLISHED, ReportEvent.EDIT)
    with pytest.raises(InvalidTransition, match="待审核"):
        next_status(ReportStatus.SUBMITTED, ReportEvent.SUBMIT)
    assert MACHINE.allowed(ReportStatus.SUPERSEDED) == []
    assert set(MACHINE.allowed(ReportStatus.DRAFT)) == {ReportEvent.EDIT, ReportEvent.SUBMIT}
    assert OPEN_STATUSES == {ReportStatus.DRAFT, ReportStatus.SUBMITTED}


@given(st.lists(st.sampled_from(list(ReportEvent)), max_size=12))
def test_only_a_reviewed_version_becomes_public(events):
    """Any sequence of allowed events: PUBLISHED is reached only from SUBMITTED, and nothing
    leaves SUPERSEDED."""
    state = ReportStatus.DRAFT
    for event in events:
        try:
            after = next_status(state, event)
        except InvalidTransition:
            continue
        if after is ReportStatus.PUBLISHED:
            assert state is ReportStatus.SUBMITTED
        assert state is not ReportStatus.SUPERSEDED
        state = after
