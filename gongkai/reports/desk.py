"""The annual-report section of the clerk's desk: each agency's due date (条例 Art. 49)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.desk_registry import DeskEntry, section
from gongkai.agencies.models import AgencyLevel, Role
from gongkai.core.report_deadlines import GOVERNMENT, publication_deadline
from gongkai.reports.checks import deadline_for
from gongkai.reports.models import AnnualReport, ReportState

SHOW_WITHIN_DAYS = 90


@section(
    "reports.due", "年度报告公开期限", roles={Role.HANDLER, Role.REVIEWER, Role.AGENCY_ADMIN, Role.SUPERVISOR}, order=50
)
def annual_reports_due(user, agencies, today):
    """Last year's report of each agency: its deadline (the county's township date where the county
    sets one) while it is not yet published; 政务公开办 also see the county government's 31 March."""
    years = (today.year - 1, today.year)
    published = set(
        AnnualReport.objects.filter(
            agency__in=agencies, year__in=years, state__in=[ReportState.PUBLISHED, ReportState.SUPERSEDED]
        ).values_list("agency_id", "year")
    )
    out = []
    for agency in agencies:
        if agency.is_disclosure_office:
            continue
        for year in years:
            due = deadline_for(agency, year)
            if (agency.pk, year) in published or (due - today).days > SHOW_WITHIN_DAYS:
                continue
            out.append(
                DeskEntry(
                    title=f"{year}年度政府信息公开工作年度报告",
                    url=reverse("reports:staff_list"),
                    agency=agency.name,
                    detail="尚未公开",
                    due_on=due,
                    overdue=due < today,
                )
            )
            break
    year = today.year - 1 if today.month <= 3 else today.year
    if any(a.is_disclosure_office for a in agencies):
        county_due = publication_deadline(GOVERNMENT, year)
        if 0 <= (county_due - today).days <= SHOW_WITHIN_DAYS and not any(
            a.level == AgencyLevel.COUNTY_GOVERNMENT and (a.pk, year) in published for a in agencies
        ):
            out.append(
                DeskEntry(
                    title=f"{year}年度本级人民政府年度报告（汇总）",
                    url=reverse("reports:staff_list"),
                    agency="政务公开办",
                    detail="县级人民政府报告由政务公开办于3月31日前公开",
                    due_on=county_due,
                )
            )
    return sorted(out, key=lambda e: e.due_on)
