"""The one gate for report objects: same 404 whether missing or forbidden."""

from gongkai.agencies.access import Action, object_for
from gongkai.reports.models import AnnualReport


def report_for(user, pk, action: Action = Action.VIEW) -> AnnualReport:
    return object_for(
        user, AnnualReport.objects.select_related("agency"), pk, action, lambda obj: obj.agency, "报告不存在"
    )
