"""Demo: one weekly inspection of the seed township as of Monday 6 January 2025, and one
rectification notice (整改通知) for its 镇街动态 column, reported by 王经办 and accepted by the
county 政务公开办. Runs after the catalog, applications and reports demos. Idempotent."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.agencies.demo import demo_user, township
from gongkai.oversight import actions
from gongkai.oversight.models import Inspection, Trigger

INSPECTED_AT = datetime(2025, 1, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ISSUED_ON = date(2025, 1, 6)
DUE_ON = date(2025, 1, 13)
REPORTED_ON = date(2025, 1, 9)
VERIFIED_ON = date(2025, 1, 10)


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
            agency=agency, actor=office, finding_ids=[f.pk for f in chosen], due_on=DUE_ON, today=ISSUED_ON,
            requirement="请于整改期限前更新“镇街动态”栏目，落实专人按周维护，并报送整改情况。")
        actions.submit_rectification(rectification=rectification, actor=handler, today=REPORTED_ON,
                                     report="已明确党政办专人负责栏目维护，1月8日起补发工作动态3条，建立每周更新台账。")
        actions.accept_rectification(rectification=rectification, actor=office, today=VERIFIED_ON,
                                     note="经核查，栏目已恢复更新，验收通过。")
    if stdout:
        stdout.write(f"demo: inspection of {agency.short_name or agency.name} "
                     f"({inspection.finding_count} findings) and one verified rectification\n")
