"""The letters that close an application as abandoned (视为放弃申请): the facts they state and
when the law allows them.

- 其他处理1 (条例 Art. 30): the applicant did not correct the application by the 补正期限 stated in
  the one-time 补正告知书, without good reason.
- 其他处理2 (条例 Art. 42; 国办函〔2020〕109号): the applicant did not pay within the 20 working days
  of the 收费通知 (a 暂定 pay-by never lapses an application).

Both letters state the notice (date and 文号), the period and that it passed, the consequence
with its legal basis, that the applicant may apply again, and the remedies of a reply with the
same outcome (`gongkai.core.letters.remedies`). The statistics row label is never the text.
"""

from __future__ import annotations

from datetime import date

from gongkai.applications.letters.config import letter_settings
from gongkai.applications.models import Application, LetterKind, LetterState
from gongkai.applications.selectors import current_notice
from gongkai.core import outcomes
from gongkai.core.application_states import Event
from gongkai.core.clock import Kind, chinese_date
from gongkai.core.letters import remedies
from gongkai.holidays.services import working_calendar

LAPSE_KIND_OF_STATE = {"awaiting_correction": LetterKind.LAPSE_CORRECTION, "awaiting_payment": LetterKind.LAPSE_FEE}
OUTCOME_OF = {LetterKind.LAPSE_CORRECTION: outcomes.NO_CORRECTION, LetterKind.LAPSE_FEE: outcomes.UNPAID_FEE}
EVENT_OF = {
    LetterKind.REPLY: Event.DECIDE,
    LetterKind.LAPSE_CORRECTION: Event.CORRECTION_LAPSED,
    LetterKind.LAPSE_FEE: Event.FEE_LAPSED,
}
AUDIT_OF = {LetterKind.LAPSE_CORRECTION: "correction_lapsed", LetterKind.LAPSE_FEE: "fee_lapsed"}
NOTE_OF = {
    LetterKind.LAPSE_CORRECTION: "申请人无正当理由逾期不补正，视为放弃申请（条例第三十条）",
    LetterKind.LAPSE_FEE: "申请人逾期未按收费通知要求缴纳费用，视为放弃申请（国办函〔2020〕109号）",
}


def _notice_letter(application: Application, kind: LetterKind):
    return application.letters.filter(kind=kind, state=LetterState.ISSUED).order_by("-issued_on", "-id").first()


def _correction(application: Application):
    return application.clock_events.filter(kind=Kind.CORRECTION_REQUESTED).order_by("-on", "-id").first()


def lapse_problem(application: Application, kind: LetterKind, on: date) -> str | None:
    """Why the application cannot (yet) be closed as abandoned on `on`, in Chinese; None if it can."""
    if kind is LetterKind.LAPSE_CORRECTION:
        requested = _correction(application)
        if requested is None or requested.deadline_on is None:
            return "没有发出补正告知，不能按逾期未补正处理"
        if requested.served_on is None:
            return "补正告知书尚未送达，不能按逾期未补正处理（补正期限自送达后方有意义）"
        if on <= requested.deadline_on:
            return f"补正期限（{chinese_date(requested.deadline_on)}）尚未届满，不能按逾期未补正处理"
        return None
    notice = current_notice(application)
    if notice is None:
        return "没有收费通知，不能按逾期未缴费处理"
    pay_by = notice.pay_by(working_calendar())
    if pay_by is None:
        return "收费通知尚未送达，缴费期限尚未起算，不能按逾期未缴费处理"
    if pay_by.provisional:
        return f"缴费期限{pay_by.label}尚为暂定，不能据此按逾期未缴费处理；请管理员录入该年度节假日安排后再办理"
    if on <= pay_by.on:
        return f"缴费期限（{pay_by.label}）尚未届满，不能按逾期未缴费处理"
    return None


def lapse_values(application: Application, kind: LetterKind) -> dict:
    """The facts a lapse letter states (call when `lapse_problem` found nothing)."""
    settings = letter_settings(application.agency)
    values = {
        "remedies": "\n".join(
            remedies.remedies(OUTCOME_OF[kind], review_body=settings.review_body, court=settings.court)
        )
    }
    if kind is LetterKind.LAPSE_CORRECTION:
        requested = _correction(application)
        letter = _notice_letter(application, LetterKind.CORRECTION)
        values |= {"notice_on": requested.on, "served_on": requested.served_on, "deadline": requested.deadline_on}
    else:
        notice = current_notice(application)
        letter = getattr(notice, "letter", None) or _notice_letter(application, LetterKind.FEE)
        values |= {
            "notice_on": notice.issued_on,
            "served_on": notice.served_on,
            "deadline": notice.pay_by().on,
            "amount": notice.amount_yuan,
        }
    number = letter.letter_number if letter is not None and letter.letter_number else ""
    values["notice_number"] = f"（{number}）" if number else ""
    values["provisional"] = False  # the dates stated are firm (a 暂定 pay-by never lapses)
    return values
