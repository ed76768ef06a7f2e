"""The weekly inspection rules and the rectification transition table, without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.core.oversight import (
    AWAITING_AGENCY,
    EVENT_PARTY,
    RECTIFICATION_TRANSITIONS,
    THRESHOLDS,
    ApplicationFacts,
    ColumnFacts,
    InvalidTransition,
    Party,
    PublicationFacts,
    Severity,
    UpdateClass,
    inspect,
    months_before,
    next_rectification_state,
    rectification_overdue,
    update_class,
)
from gongkai.core.oversight import RectificationEvent as E
from gongkai.core.oversight import RectificationState as S

TODAY = date(2025, 1, 6)


def column(name="镇街动态", kind="custom", last=None, count=None, pk=1):
    return ColumnFacts(pk, name, kind, last, (1 if last else 0) if count is None else count)


def codes(findings):
    return sorted(f.code for f in findings)


def run(columns=(), applications=(), publications=(), today=TODAY):
    return inspect(columns=list(columns), applications=list(applications), publications=list(publications), today=today)


@pytest.mark.parametrize(
    "kind, name, expected",
    [
        ("custom", "镇街动态", UpdateClass.FREQUENT),
        ("custom", "工作要闻", UpdateClass.FREQUENT),
        ("custom", "通知公告", UpdateClass.PERIODIC),
        ("custom", "政策文件", UpdateClass.PERIODIC),
        ("statutory", "行政法规、规章和规范性文件", UpdateClass.PERIODIC),
        ("statutory", "机关职能与机构设置", UpdateClass.STABLE),
        ("custom", "领导信息", UpdateClass.STABLE),
        ("annual_report", "政府信息公开年报", UpdateClass.STABLE),
        ("guide", "政府信息公开指南", UpdateClass.NOT_INSPECTED),
        ("group", "法定主动公开内容", UpdateClass.NOT_INSPECTED),
    ],
)
def test_update_class_from_kind_and_name(kind, name, expected):
    assert update_class(kind, name) == expected


def test_news_column_is_stale_after_14_days_not_on_the_14th():
    fresh = run([column(last=TODAY - timedelta(days=14))])
    stale = run([column(last=TODAY - timedelta(days=15))])
    assert "column.stale" not in codes(fresh)
    assert codes(stale) == ["column.stale", "homepage.stale"]
    finding = next(f for f in stale if f.code == "column.stale")
    assert "镇街动态" in finding.message and "国办秘函〔2019〕19号" in finding.message
    assert finding.subject_type == "column" and finding.subject_id == 1


def test_policy_column_is_stale_after_six_calendar_months():
    recent = TODAY - timedelta(days=3)
    assert "column.stale" not in codes(
        run([column("政策文件", last=date(2024, 7, 6)), column("动态", last=recent, pk=2)])
    )
    found = run([column("政策文件", last=date(2024, 7, 5)), column("动态", last=recent, pk=2)])
    assert codes(found) == ["column.stale"]


def test_months_before_clamps_to_month_end():
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2025, 1, 6), 6) == date(2024, 7, 6)


def test_statutory_basic_columns_are_never_stale_only_blank():
    old = run([column("机关职能与机构设置", "statutory", last=date(2019, 1, 1)), column("动态", last=TODAY, pk=2)])
    assert codes(old) == []
    blank = run([column("机关职能与机构设置", "statutory"), column("动态", last=TODAY, pk=2)])
    assert codes(blank) == ["column.blank"]


def test_pages_are_not_inspected_and_blank_columns_are_not_also_stale():
    assert codes(run([column("指南", "guide"), column("动态", last=TODAY, pk=2)])) == []
    assert codes(run([column("动态")])) == ["column.blank", "homepage.stale"]


def test_homepage_stale_when_nothing_published_in_14_days_and_future_dates_ignored():
    assert codes(run([column("领导信息", last=TODAY - timedelta(days=14))])) == []
    assert codes(run([column("领导信息", last=TODAY - timedelta(days=15))])) == ["homepage.stale"]
    assert codes(run([column("领导信息", last=TODAY + timedelta(days=3))])) == ["homepage.stale"]
    homepage = run([])[0]
    assert homepage.severity == Severity.SERIOUS and "尚未发布任何信息" in homepage.message


def test_five_blank_columns_is_a_single_veto_item():
    columns = [column(f"栏目{i}", "statutory", pk=i) for i in range(THRESHOLDS.many_columns)]
    columns.append(column("动态", last=TODAY, pk=99))
    found = run(columns)
    assert codes(found).count("column.blank") == 5
    assert "columns.blank_many" in codes(found)
    assert "columns.blank_many" not in codes(run(columns[1:]))


def test_applications_overdue_and_due_soon():
    apps = [
        ApplicationFacts(1, "A-1", date(2025, 1, 3), 0, True),
        ApplicationFacts(2, "A-2", date(2025, 1, 9), 3, False),
        ApplicationFacts(3, "A-3", date(2025, 1, 20), 10, False),
    ]
    found = run([column("动态", last=TODAY)], applications=apps)
    assert codes(found) == ["application.due_soon", "application.overdue"]
    overdue = next(f for f in found if f.code == "application.overdue")
    assert overdue.subject_id == 1 and "第三十三条" in overdue.message


def test_art_26_publication_late_and_at_risk():
    pubs = [
        PublicationFacts(7, "关于低保的通知", date(2025, 1, 2), -2),
        PublicationFacts(8, "动态", date(2025, 1, 9), 3),
    ]
    found = run([column("动态", last=TODAY)], publications=pubs)
    assert codes(found) == ["item.publication_at_risk", "item.publication_late"]
    assert all("第二十六条" in f.message for f in found)


@given(
    last=st.dates(date(2020, 1, 1), date(2026, 12, 31)),
    today=st.dates(date(2020, 1, 1), date(2026, 12, 31)),
    later=st.integers(0, 2000),
    name=st.sampled_from(["镇街动态", "通知公告", "领导信息", "政策文件"]),
)
def test_a_later_today_never_removes_a_staleness_finding_when_nothing_is_published(last, today, later, name):
    assume(last <= today)  # an inspection sees only what was published on or before its date
    columns = [column(name, last=last)]
    before = {f.code for f in run(columns, today=today)} & {"column.stale", "homepage.stale"}
    after = {f.code for f in run(columns, today=today + timedelta(days=later))}
    assert before <= after


@given(st.lists(st.sampled_from(list(E)), max_size=8))
def test_transition_table_as_a_state_machine(events):
    state = S.ISSUED
    for event in events:
        if (state, event) in RECTIFICATION_TRANSITIONS:
            state = next_rectification_state(state, event)
        else:
            with pytest.raises(InvalidTransition):
                next_rectification_state(state, event)
        if state == S.ACCEPTED:
            for any_event in E:  # accepted is final
                with pytest.raises(InvalidTransition):
                    next_rectification_state(state, any_event)


def test_transitions_and_parties():
    assert next_rectification_state(S.ISSUED, E.SUBMIT) == S.SUBMITTED
    assert next_rectification_state(S.SUBMITTED, E.RETURN) == S.RETURNED
    assert next_rectification_state(S.RETURNED, E.SUBMIT) == S.SUBMITTED
    assert next_rectification_state("submitted", E.ACCEPT) == S.ACCEPTED
    with pytest.raises(InvalidTransition, match="待整改"):
        next_rectification_state(S.ISSUED, E.ACCEPT)
    assert EVENT_PARTY[E.SUBMIT] == Party.AGENCY
    assert EVENT_PARTY[E.ACCEPT] == EVENT_PARTY[E.RETURN] == Party.OFFICE


def test_overdue_is_derived_only_while_the_agency_owes_it():
    due = date(2025, 1, 13)
    assert AWAITING_AGENCY == {S.ISSUED, S.RETURNED}
    assert not rectification_overdue(S.ISSUED, due, due)
    assert rectification_overdue(S.ISSUED, due, due + timedelta(days=1))
    assert rectification_overdue(S.RETURNED, due, due + timedelta(days=1))
    assert not rectification_overdue(S.SUBMITTED, due, due + timedelta(days=30))
    assert not rectification_overdue(S.ACCEPTED, due, due + timedelta(days=30))


def test_a_blank_column_with_a_public_statement_is_not_counted_as_blank():
    explained = ColumnFacts(7, "行政强制", "statutory", None, 0, "本机关无行政强制职能")
    assert "column.blank" not in codes(run([explained, column("动态", last=TODAY, pk=99)]))
    blank_only = ColumnFacts(7, "行政强制", "statutory", None, 0, "  ")
    assert "column.blank" in codes(run([blank_only]))
