"""Demo: one weekly inspection of the seed township as of Monday 6 January 2025, and one
rectification notice (整改通知) for its 镇街动态 column, reported by 王经办 and accepted by the
county 政务公开办. Runs after the catalog, applications and reports demos. Idempotent."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.agencies.demo import demo_user, township
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column, ColumnKind
from gongkai.oversight import actions
from gongkai.oversight.models import Inspection, Trigger

INSPECTED_AT = datetime(2025, 1, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ISSUED_ON = date(2025, 1, 6)
DUE_ON = date(2025, 1, 13)
REPORTED_ON = date(2025, 1, 9)
VERIFIED_ON = date(2025, 1, 10)
UPDATED_AT = datetime(2025, 1, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _publish_updates(agency, findings, handler) -> None:
    """The township's correction, for real: a 工作动态 published on 8 January in each column the
    notice names (or the first custom column), so that 验收's re-inspection finds the problems gone."""
    ids = {f.subject_id for f in findings if f.subject_type == "column" and f.subject_id}
    columns = list(Column.objects.filter(agency=agency, pk__in=ids)) or list(
        Column.objects.filter(agency=agency, kind=ColumnKind.CUSTOM).order_by("position", "id")[:1]
    )
    reviewer = demo_user("shenhe")
    for column in columns:
        item = catalog_actions.create_and_submit_item(
            agency=agency,
            column=column,
            actor=handler,
            now=UPDATED_AT,
            fields={
                "title": f"{column.name}：镇党政办建立栏目每周更新台账",
                "summary": "整改落实情况",
                "publisher": agency.name,
                "written_on": UPDATED_AT.date(),
                "body_html": "<p>按县政务公开办整改通知要求，镇党政办明确专人负责栏目维护，建立每周更新台账。</p>",
            },
        )
        version = item.versions.get(number=1)
        catalog_actions.approve_version(
            version=version, actor=reviewer, opinion="经保密审查，同意公开。", now=UPDATED_AT
        )


@transaction.atomic
def load(stdout=None) -> None:
    agency = township()
    if Inspection.objects.filter(agency=agency, inspected_on=INSPECTED_AT.date()).exists():
        if stdout:
            stdout.write("demo: oversight already loaded\n")
        return
    office, handler = demo_user("gongkaiban"), demo_user("jingban")
    inspection = actions.run_inspection(agency=agency, actor=office, now=INSPECTED_AT, trigger=Trigger.ON_DEMAND)
    chosen = [f for f in inspection.findings.all() if f.code in ("homepage.stale", "column.stale")][:2]
    chosen = chosen or list(inspection.findings.all()[:1])
    if chosen:
        rectification = actions.issue_rectification(
            agency=agency,
            actor=office,
            finding_ids=[f.pk for f in chosen],
            due_on=DUE_ON,
            today=ISSUED_ON,
            requirement="请于整改期限前更新“镇街动态”栏目，落实专人按周维护，并报送整改情况。",
        )
        actions.submit_rectification(
            rectification=rectification,
            actor=handler,
            today=REPORTED_ON,
            report="已明确党政办专人负责栏目维护，1月8日起补发工作动态3条，建立每周更新台账。",
        )
        _publish_updates(agency, chosen, handler)
        actions.accept_rectification(
            rectification=rectification, actor=office, today=VERIFIED_ON, note="经核查，栏目已恢复更新，验收通过。"
        )
    if stdout:
        stdout.write(
            f"demo: inspection of {agency.short_name or agency.name} "
            f"({inspection.finding_count} findings) and one verified rectification\n"
        )
