"""Retention schedule of applicants' personal data in closed cases (个人信息保护法 Art. 19, 47:
kept no longer than needed, then deleted).

What is needed, and for how long: a decision can be challenged in court up to five years after it
was made when the applicant was not told of the time limit (行政诉讼法 Art. 46 ¶2), and the agency
needs the applicant's identity and address to answer such a case. Reading that protects the
applicant: keep the contact data five full years after the decision (never less), and never while
a review or lawsuit about the application is still pending; then erase it.

Erased: 证件号码, 联系电话, 电子邮箱, 通信地址, 联系人, 法定代表人. Kept: the number, the name
(姓名或名称, needed in the ledger and for the annual report's statistics), dates, outcome, and the
letters issued (公文, archived under the archives rules, not by this schedule).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.models import Application, CaseResult
from gongkai.audit import record
from gongkai.core.application_states import State
from gongkai.core.refusal import Refused

RETENTION_YEARS = 5
ERASED_FIELDS = ("id_number", "phone", "email", "address", "contact_person", "legal_representative")
ERASED_MARK = "已删除"


def latest_allowed_cutoff(today: date) -> date:
    try:
        return today.replace(year=today.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - RETENTION_YEARS, day=28)


def erase_closed_before(before: date, *, today: date, operator: str = "") -> int:
    """Erase the personal contact data of applications decided before `before`; returns how many.
    One audit entry per application, in the same transaction."""

    limit = latest_allowed_cutoff(today)
    if before > limit:
        raise Refused(
            f"办结的申请须保存个人信息满五年（《行政诉讼法》第四十六条），截止日期不能晚于{limit.year}年{limit.month}月{limit.day}日"
        )
    candidates = (
        Application.objects.filter(state=State.CLOSED.value, decided_on__lt=before)
        .exclude(review_cases__result=CaseResult.PENDING)
        .exclude(phone=ERASED_MARK)
        .select_related("agency")
    )
    count = 0
    with transaction.atomic():
        for application in candidates.select_for_update(of=("self",)):
            for field in ERASED_FIELDS:
                setattr(application, field, "")
            application.phone = ERASED_MARK  # required field: a visible mark instead of a value
            application.save(update_fields=list(ERASED_FIELDS))
            record(
                subject=application,
                actor=None,
                kind="applications.personal_data.erased",
                after={"fields": list(ERASED_FIELDS), "before": before.isoformat(), "operator": operator},
                note=f"个人信息保存期满，已删除证件号码和联系方式（办结日期{application.decided_on:%Y-%m-%d}）",
            )
            count += 1
    return count
