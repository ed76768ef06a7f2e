"""The applications' sections of the clerk's desk (依申请公开 to-dos)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.desk_registry import DeskEntry, memo, section
from gongkai.agencies.models import Role
from gongkai.applications.letters.queries import drafts_to_sign
from gongkai.applications.selectors import desk_items

WORKERS = {Role.HANDLER, Role.AGENCY_ADMIN}

# code of `desk_items` → (section code, heading, order)
SECTIONS = {
    "overdue": ("applications.overdue", "已超过答复期限的申请", 10),
    "due_soon": ("applications.due_soon", "3个工作日内到期的申请", 11),
    "correction_lapsed": ("applications.correction_lapsed", "补正期满待办结的申请", 12),
    "fee_lapsed": ("applications.fee_lapsed", "缴费期满待办结的申请", 13),
    "to_confirm": ("applications.to_confirm", "待确认接收的网上申请", 14),
}


def _entries(code, agencies, today):
    """The desk items of `code` (None: those of any code this module has no section for)."""
    out = []
    key = ("applications.desk_items", tuple(a.pk for a in agencies), today)
    for item in memo(key, lambda: desk_items(agencies=agencies, today=today)):
        if item.code != code and not (code is None and item.code not in SECTIONS):
            continue
        application = item.application
        out.append(
            DeskEntry(
                title=f"{application.number} {application.name}",
                url=reverse("applications:detail", args=[application.pk]),
                agency=application.agency.name,
                detail=item.label,
                due_on=item.due_on,
                provisional=item.provisional,
                overdue=code == "overdue",
            )
        )
    return out


def _register(code, section_code, title, order):
    @section(section_code, title, roles=WORKERS | {Role.SUPERVISOR} if code == "overdue" else WORKERS, order=order)
    def select(user, agencies, today, _code=code):
        return _entries(_code, agencies, today)

    select.__qualname__ = f"select_{code}"
    return select


for _code, (_section, _title, _order) in SECTIONS.items():
    _register(_code, _section, _title, _order)


@section("applications.other", "其他待办的申请", roles=WORKERS, order=15)
def other_items(user, agencies, today):
    """Desk items of kinds added later to `desk_items` that have no section of their own yet."""
    return _entries(None, agencies, today)


def letters_awaiting_signature(user, agencies) -> list:
    """Closing drafts (reply, 视为放弃申请) waiting for this user's 签发 (never the drafter's)."""

    return [
        DeskEntry(
            title=f"{letter.application.number} {letter.title}",
            url=reverse("applications:detail", args=[letter.application.pk]),
            agency=letter.application.agency.name,
            detail=f"{letter.title}待签发",
            due_on=None,
            provisional=False,
            overdue=False,
        )
        for letter in drafts_to_sign(user, agencies)
    ]


@section(
    "applications.letters_to_sign",
    "待签发的答复文书",
    roles={Role.REVIEWER, Role.AGENCY_ADMIN},
    order=20,
    empty_text="暂无待签发的文书",
)
def letters_to_sign(user, agencies, today):
    return letters_awaiting_signature(user, agencies)
