"""What staff enter for the report: section 二 statistics and the suggestion register (section 六).

`save_yearly_statistics` keeps an empty cell empty: 0 is written only when typed or when the
person explicitly confirms the empty cells as 0 (`confirm_zero`). An implausible magnitude
(a figure in 元 typed into the 万元 column, 条例 第二十条第（八）项) is refused unless confirmed
(`confirm_magnitude`). Nothing is written when anything is refused.
"""

from __future__ import annotations

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.boundary.importer import read_import
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.report.inputs import input_warnings
from gongkai.reports.models import Suggestion, YearlyStatistics
from gongkai.reports.statistics import STATISTICS_IMPORT

STATISTICS_FIELDS = ["licensing_decisions", "penalty_decisions", "coercion_decisions", "fees_amount_wan_yuan"]
_WARNING_KEYS = {
    "licensing_decisions": "licensing",
    "penalty_decisions": "penalty",
    "coercion_decisions": "coercion",
    "fees_amount_wan_yuan": "fees",
}


def _magnitude_warnings(rows: list[dict]) -> list[str]:
    """Chinese warnings for implausible figures, each prefixed with its year."""
    return [
        f"{row['year']}年度：{w}"
        for row in rows
        for w in input_warnings({_WARNING_KEYS[f]: row.get(f) for f in STATISTICS_FIELDS})
    ]


@transaction.atomic
def save_yearly_statistics(
    *, agency, rows: list[dict], actor, note: str = "", confirm_zero: bool = False, confirm_magnitude: bool = False
) -> list[YearlyStatistics]:
    """Save the section 二 figures of one or more years (all or none)."""
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("您没有填写该机构统计数据的权限")
    rows = [
        {**row, **{f: (0 if confirm_zero and row.get(f) is None else row.get(f)) for f in STATISTICS_FIELDS}}
        for row in rows
    ]
    warnings = _magnitude_warnings(rows)
    if warnings and not confirm_magnitude:
        raise Refused("数值需要确认：" + "；".join(warnings) + "。如确认无误，请勾选“确认数值无误”后重新保存")
    saved = []
    for row in rows:
        values = {f: row.get(f) for f in STATISTICS_FIELDS}
        stats, created = YearlyStatistics.objects.select_for_update().get_or_create(
            agency=agency, year=row["year"], defaults=values
        )
        before = None
        if not created:
            before = {f: getattr(stats, f) for f in STATISTICS_FIELDS}
            for field, value in values.items():
                setattr(stats, field, value)
            stats.save()
        audit.record(
            subject=stats,
            actor=actor,
            kind="report.statistics_saved",
            before=before,
            after={f: getattr(stats, f) for f in STATISTICS_FIELDS},
            note="；".join(
                filter(None, [note, "空白项确认为0" if confirm_zero else "", "已确认异常数值" if warnings else ""])
            ),
            agency=agency,
        )
        saved.append(stats)
    return saved


@transaction.atomic
def import_yearly_statistics(
    *, agency, actor, name: str, data: bytes, confirm_zero: bool = False, confirm_magnitude: bool = False
) -> list[YearlyStatistics]:
    """Save every year of an uploaded statistics sheet (all or none); `ImportRefused` lists every bad
    row, the refusals of `save_yearly_statistics` apply to the whole file."""
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("您没有填写该机构统计数据的权限")
    rows = [row.data for row in read_import(STATISTICS_IMPORT, name, data).rows()]
    return save_yearly_statistics(
        agency=agency,
        rows=rows,
        actor=actor,
        note="XLSX 导入",
        confirm_zero=confirm_zero,
        confirm_magnitude=confirm_magnitude,
    )


@transaction.atomic
def add_suggestion(*, agency, actor, fields: dict) -> Suggestion:
    """Register a 人大代表建议 or 政协提案 the agency handled (report section 六)."""
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("您没有登记建议提案的权限")
    received, answered = fields.get("received_on"), fields.get("answered_on")
    if received and answered and answered < received:
        raise Refused("答复日期不能早于交办日期")
    item = Suggestion.objects.create(agency=agency, **fields)
    audit.record(subject=item, actor=actor, kind="report.suggestion_added", after=fields, agency=agency)
    return item
