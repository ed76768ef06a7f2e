"""The oversight sections of the clerk's desk: rectifications due (条例 Arts. 47, 52)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.desk_registry import DeskEntry, section
from gongkai.agencies.models import Role
from gongkai.core.oversight import RectificationState
from gongkai.oversight.selectors import open_rectifications


def _entry(r, detail, today):
    return DeskEntry(
        title=f"整改通知第{r.pk}号",
        url=reverse("oversight:rectification", args=[r.pk]),
        agency=r.agency.name,
        detail=detail,
        due_on=r.due_on,
        overdue=r.due_on < today and r.state != RectificationState.SUBMITTED.value,
    )


@section("oversight.rectifications_due", "待完成的整改", roles={Role.HANDLER, Role.AGENCY_ADMIN}, order=40)
def rectifications_due(user, agencies, today):
    todo = (RectificationState.ISSUED.value, RectificationState.RETURNED.value)
    return [
        _entry(r, "退回重新整改" if r.state == RectificationState.RETURNED.value else "待整改", today)
        for r in open_rectifications([a for a in agencies if not a.is_disclosure_office])
        if r.state in todo
    ]


@section("oversight.to_verify", "待验收的整改与逾期未整改", roles={Role.SUPERVISOR}, order=41)
def rectifications_to_verify(user, agencies, today):
    out = []
    for r in open_rectifications(agencies):
        if r.state == RectificationState.SUBMITTED.value:
            out.append(_entry(r, "已报送整改情况，待验收", today))
        elif r.due_on < today:
            out.append(_entry(r, "已超过整改期限", today))
    return out
