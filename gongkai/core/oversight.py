"""监督保障: the weekly inspection rules and the rectification (整改) workflow. Pure Python.

Sources:
- 条例 Art. 53(二): 不及时更新公开的政府信息内容、指南和目录 is to be corrected; Arts. 47 and 52: the
  主管部门 supervises, 督促整改, 通报批评; 国办公开办函〔2021〕30号 "(四)明确责任": 不按时发布 leads
  to accountability under Art. 47.
- Staleness thresholds: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 as summarised in
  docs regulation.md §5 (首页 2 weeks; 动态、要闻类 2 weeks; 通知公告、政策文件类 6 months; blank
  columns, ≥5 stale or blank columns is a single-veto item).
- Art. 26 (publish within 20 working days of formation) and Art. 33 (answer within 20 working days).

A column's update class (`update_class`) is decided from its kind and name:
- FREQUENT (动态/要闻类, 14 days): names with 动态, 要闻, 新闻, 工作信息, 政务信息;
- PERIODIC (通知公告/政策文件类, 6 months): names with 通知, 公告, 公示, 政策, 文件;
- STABLE: every other item column — the 法定主动公开内容 whose content changes rarely (机构职能,
  领导信息, 规划, 收费项目 …) and the annual-report column. Never "stale", only blank.
- NOT_INSPECTED: pages and groups (栏目组, 指南, 制度), which hold no items.

`inspect()` returns every finding at once with stable codes; callers pass `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from gongkai.core.state_machine import InvalidTransition, StateMachine  # noqa: F401 (re-exported)


class UpdateClass(str, Enum):
    FREQUENT = "frequent"
    PERIODIC = "periodic"
    STABLE = "stable"
    NOT_INSPECTED = "not_inspected"


UPDATE_CLASS_LABELS = {
    UpdateClass.FREQUENT: "动态、要闻类",
    UpdateClass.PERIODIC: "通知公告、政策文件类",
    UpdateClass.STABLE: "基本信息类（只查空白）",
    UpdateClass.NOT_INSPECTED: "页面或栏目组（不检查）",
}


@dataclass(frozen=True)
class Thresholds:
    """Versioned inspection thresholds (data, not settings)."""

    version: str
    source: str
    frequent_days: int
    periodic_months: int
    homepage_days: int
    many_columns: int  # ≥ this many stale (or blank) columns: single-veto item
    due_soon_working_days: int


THRESHOLDS_2019 = Thresholds(
    version="2019",
    source="国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》",
    frequent_days=14,
    periodic_months=6,
    homepage_days=14,
    many_columns=5,
    due_soon_working_days=3,
)
THRESHOLDS = THRESHOLDS_2019

FREQUENT_WORDS = ("动态", "要闻", "新闻", "工作信息", "政务信息")
PERIODIC_WORDS = ("通知", "公告", "公示", "政策", "文件")
PAGE_KINDS = frozenset({"group", "guide", "system"})


def update_class(kind: str, name: str) -> UpdateClass:
    """The update class of a catalog column (see the module docstring)."""
    if kind in PAGE_KINDS:
        return UpdateClass.NOT_INSPECTED
    if any(word in name for word in FREQUENT_WORDS):
        return UpdateClass.FREQUENT
    if any(word in name for word in PERIODIC_WORDS):
        return UpdateClass.PERIODIC
    return UpdateClass.STABLE


class Severity(str, Enum):
    SERIOUS = "serious"
    WARNING = "warning"
    NOTICE = "notice"


SEVERITY_LABELS = {Severity.SERIOUS: "严重", Severity.WARNING: "一般", Severity.NOTICE: "提示"}

CODES = {
    "homepage.stale": "首页两周未更新",
    "column.stale": "栏目未按时更新",
    "column.blank": "空白栏目",
    "columns.stale_many": "不更新栏目过多",
    "columns.blank_many": "空白栏目过多",
    "application.overdue": "依申请公开逾期未答复",
    "application.due_soon": "依申请公开即将到期",
    "item.publication_late": "主动公开超过20个工作日未发布",
    "item.publication_at_risk": "主动公开即将超过20个工作日",
}


@dataclass(frozen=True)
class ColumnFacts:
    column_id: int
    name: str
    kind: str
    last_published_on: date | None
    published_count: int
    empty_reason: str = ""  # the agency's public statement why the column has no information


@dataclass(frozen=True)
class ApplicationFacts:
    application_id: int
    number: str
    due_on: date
    working_days_left: int  # negative or overdue=True once past due
    overdue: bool


@dataclass(frozen=True)
class PublicationFacts:
    version_id: int
    title: str
    due_on: date
    working_days_left: int  # negative when overdue (Art. 26)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    subject_type: str  # "agency", "column", "application", "item_version"
    subject_id: int | None
    subject_label: str
    message: str


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to that month's last day."""
    year, month_zero = divmod(day.year * 12 + day.month - 1 - months, 12)
    first_of_next = date(year + (month_zero == 11), (month_zero + 1) % 12 + 1, 1)
    return min(
        date(year, month_zero + 1, min(day.day, 28)) + timedelta(days=max(day.day - 28, 0)),
        first_of_next - timedelta(days=1),
    )


def _stale_since(facts: ColumnFacts, today: date, t: Thresholds) -> str | None:
    """A description of the allowed period if the column is stale, else None."""
    last = facts.last_published_on
    if last is None or facts.published_count == 0:
        return None
    klass = update_class(facts.kind, facts.name)
    if klass == UpdateClass.FREQUENT and (today - last).days > t.frequent_days:
        return f"{t.frequent_days}天"
    if klass == UpdateClass.PERIODIC and last < months_before(today, t.periodic_months):
        return f"{t.periodic_months}个月"
    return None


def column_findings(columns: list[ColumnFacts], today: date, t: Thresholds = THRESHOLDS) -> list[Finding]:
    findings: list[Finding] = []
    stale = blank = 0
    for facts in columns:
        klass = update_class(facts.kind, facts.name)
        if klass == UpdateClass.NOT_INSPECTED:
            continue
        if facts.published_count == 0 or facts.last_published_on is None:
            if facts.empty_reason.strip():
                continue  # explained on the public page (e.g. 本机关无此项职能): not a blank column
            blank += 1
            findings.append(
                Finding(
                    "column.blank",
                    Severity.WARNING,
                    "column",
                    facts.column_id,
                    facts.name,
                    f"栏目“{facts.name}”没有已发布的信息（空白栏目），请补充内容或说明情况。",
                )
            )
            continue
        period = _stale_since(facts, today, t)
        if period:
            stale += 1
            findings.append(
                Finding(
                    "column.stale",
                    Severity.WARNING,
                    "column",
                    facts.column_id,
                    facts.name,
                    f"栏目“{facts.name}”（{UPDATE_CLASS_LABELS[klass]}）最近一次发布于{facts.last_published_on:%Y-%m-%d}，"
                    f"超过{period}未更新（{t.source}）。",
                )
            )
    if stale >= t.many_columns:
        findings.append(
            Finding(
                "columns.stale_many",
                Severity.SERIOUS,
                "agency",
                None,
                "全部栏目",
                f"共{stale}个栏目未按时更新，达到{t.many_columns}个即为单项否决（{t.source}）。",
            )
        )
    if blank >= t.many_columns:
        findings.append(
            Finding(
                "columns.blank_many",
                Severity.SERIOUS,
                "agency",
                None,
                "全部栏目",
                f"共{blank}个空白栏目，达到{t.many_columns}个即为单项否决（{t.source}）。",
            )
        )
    return findings


def homepage_findings(columns: list[ColumnFacts], today: date, t: Thresholds = THRESHOLDS) -> list[Finding]:
    """Nothing published anywhere (on or before today) within `homepage_days` days."""
    dates = [c.last_published_on for c in columns if c.last_published_on and c.last_published_on <= today]
    last = max(dates, default=None)
    if last is not None and (today - last).days <= t.homepage_days:
        return []
    when = f"最近一次发布于{last:%Y-%m-%d}" if last else "尚未发布任何信息"
    return [
        Finding(
            "homepage.stale",
            Severity.SERIOUS,
            "agency",
            None,
            "首页",
            f"{t.homepage_days}天内没有发布任何信息（{when}），首页不更新为单项否决（{t.source}）。",
        )
    ]


def application_findings(applications: list[ApplicationFacts], t: Thresholds = THRESHOLDS) -> list[Finding]:
    findings = []
    for a in applications:
        if a.overdue or a.working_days_left < 0:
            findings.append(
                Finding(
                    "application.overdue",
                    Severity.SERIOUS,
                    "application",
                    a.application_id,
                    a.number,
                    f"申请{a.number}答复期限为{a.due_on:%Y-%m-%d}，已逾期未答复（条例第三十三条）。",
                )
            )
        elif a.working_days_left <= t.due_soon_working_days:
            findings.append(
                Finding(
                    "application.due_soon",
                    Severity.NOTICE,
                    "application",
                    a.application_id,
                    a.number,
                    f"申请{a.number}将于{a.due_on:%Y-%m-%d}到期，还剩{a.working_days_left}个工作日。",
                )
            )
    return findings


def publication_findings(publications: list[PublicationFacts]) -> list[Finding]:
    findings = []
    for p in publications:
        if p.working_days_left < 0:
            findings.append(
                Finding(
                    "item.publication_late",
                    Severity.SERIOUS,
                    "item_version",
                    p.version_id,
                    p.title,
                    f"“{p.title}”应于{p.due_on:%Y-%m-%d}前公开，已超过20个工作日仍未发布（条例第二十六条）。",
                )
            )
        else:
            findings.append(
                Finding(
                    "item.publication_at_risk",
                    Severity.NOTICE,
                    "item_version",
                    p.version_id,
                    p.title,
                    f"“{p.title}”应于{p.due_on:%Y-%m-%d}前公开，还剩{p.working_days_left}个工作日（条例第二十六条）。",
                )
            )
    return findings


def inspect(
    *,
    columns: list[ColumnFacts],
    applications: list[ApplicationFacts],
    publications: list[PublicationFacts],
    today: date,
    thresholds: Thresholds = THRESHOLDS,
) -> list[Finding]:
    """Every finding of one agency's weekly inspection (按周检查) as of `today`."""
    return (
        homepage_findings(columns, today, thresholds)
        + column_findings(columns, today, thresholds)
        + application_findings(applications, thresholds)
        + publication_findings(publications)
    )


# ---- Rectification (整改) workflow ---------------------------------------------------------------


class RectificationState(str, Enum):
    ISSUED = "issued"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


RECTIFICATION_STATE_LABELS = {
    RectificationState.ISSUED: "待整改",
    RectificationState.SUBMITTED: "待验收",
    RectificationState.RETURNED: "退回重新整改",
    RectificationState.ACCEPTED: "验收通过",
}


class RectificationEvent(str, Enum):
    SUBMIT = "submit"  # the agency records 整改情况 and marks it done
    ACCEPT = "accept"  # the office: 验收通过
    RETURN = "return"  # the office: 退回


class Party(str, Enum):
    AGENCY = "agency"  # needs Action.EDIT on the agency
    OFFICE = "office"  # needs Action.SUPERVISE on the agency


RECTIFICATION_TRANSITIONS: dict[tuple[RectificationState, RectificationEvent], RectificationState] = {
    (RectificationState.ISSUED, RectificationEvent.SUBMIT): RectificationState.SUBMITTED,
    (RectificationState.RETURNED, RectificationEvent.SUBMIT): RectificationState.SUBMITTED,
    (RectificationState.SUBMITTED, RectificationEvent.ACCEPT): RectificationState.ACCEPTED,
    (RectificationState.SUBMITTED, RectificationEvent.RETURN): RectificationState.RETURNED,
}
EVENT_PARTY = {
    RectificationEvent.SUBMIT: Party.AGENCY,
    RectificationEvent.ACCEPT: Party.OFFICE,
    RectificationEvent.RETURN: Party.OFFICE,
}
AWAITING_AGENCY = frozenset({RectificationState.ISSUED, RectificationState.RETURNED})


RECTIFICATION_MACHINE = StateMachine(
    RectificationState,
    RectificationEvent,
    RECTIFICATION_TRANSITIONS,
    refusal=lambda state, event: f"整改通知处于“{RECTIFICATION_STATE_LABELS[state]}”状态，不能执行该操作",
)
next_rectification_state = RECTIFICATION_MACHINE.next


def rectification_overdue(state: RectificationState | str, due_on: date, today: date) -> bool:
    """Derived, never stored: the agency still owes the rectification after its due date."""
    return RectificationState(state) in AWAITING_AGENCY and today > due_on
