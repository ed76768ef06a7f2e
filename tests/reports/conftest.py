from decimal import Decimal

import pytest


def confirm_zero_statistics(agency, year=2024, **values):
    """Section 二 inputs entered for `year` (0 unless given): a report can then be built."""
    from gongkai.reports.models import YearlyStatistics

    fields = {
        "licensing_decisions": 0,
        "penalty_decisions": 0,
        "coercion_decisions": 0,
        "fees_amount_wan_yuan": Decimal(0),
    }
    fields.update(values)
    return YearlyStatistics.objects.update_or_create(agency=agency, year=year, defaults=fields)[0]


@pytest.fixture
def statistics_2024(township):
    return confirm_zero_statistics(township)


ART_50_4_SAMPLE = "工作考核、社会评议和责任追究结果情况：纳入年度考核，未开展社会评议，未发生责任追究。"


def filled(sections: dict) -> dict:
    """The platform's draft with every （请填写…） prompt answered by a person."""
    import re

    from gongkai.reports.narrative import ART_50_4_PROMPT

    return {
        k: re.sub(r"（请填写[^（）]*）", "已按要求开展。", (v or "").replace(ART_50_4_PROMPT, ART_50_4_SAMPLE))
        for k, v in sections.items()
    }


def publish_report(agency, handler, reviewer, year=2024, today=None, now=None, change_note=""):
    """Draft from the data, answer the prompts, submit and publish; returns the published row."""
    from datetime import date

    from gongkai.core.report.model import Report
    from gongkai.reports import actions

    today = today or date(year + 1, 1, 15)
    row = actions.create_report_draft(agency=agency, year=year, actor=handler, today=today, change_note=change_note)
    row = actions.update_sections(row=row, actor=handler, sections=filled(Report.from_json(row.data).sections))
    row = actions.submit_report(row=row, actor=handler, today=today)
    return actions.approve_and_publish(row=row, actor=reviewer, today=today, now=now)
