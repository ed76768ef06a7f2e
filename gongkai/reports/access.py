"""The one gate for report objects: same 404 whether missing or forbidden."""

from django.http import Http404

from gongkai.agencies.access import Action, can
from gongkai.reports.models import AnnualReport


def report_for(user, pk, action: Action = Action.VIEW) -> AnnualReport:
    try:
        row = AnnualReport.objects.select_related("agency").get(pk=pk)
    except (AnnualReport.DoesNotExist, ValueError, TypeError):
        raise Http404("报告不存在") from None
    if not can(user, action, row.agency):
        raise Http404("报告不存在")
    return row
