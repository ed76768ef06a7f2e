"""Letters to the applicant (and to third parties), from an editable template per kind.

A template is plain text with `$placeholders` (`gongkai.core.letters.templates`); an agency may
save its own copy (`LetterTemplate`), refused at save when it names an unknown placeholder. The
decision and remedies paragraphs of a reply are computed from the outcome and the agency's
settings (`config`), never from the statistics row label. Letters carry a gap-free 文号 per agency
and year (`numbering`), allocated in the issuing transaction, and are stored as text, DOCX and
PDF (`render`).
"""

from __future__ import annotations

from datetime import date
from string import Template

from django.db import transaction

from gongkai.applications.clock import clock_of
from gongkai.applications.letters.config import letter_settings, payment_text
from gongkai.applications.letters.numbering import allocate_letter_number
from gongkai.applications.letters.render import LetterDoc, docx_bytes, pdf_bytes
from gongkai.applications.models import (
    Application,
    Letter,
    LetterKind,
    LetterState,
    LetterTemplate,
    SealKind,
    ServiceMethod,
)
from gongkai.core.letters import decisions, remedies
from gongkai.core.letters.form import cn_date, placeholder_problem, placeholders_of
from gongkai.core.letters.templates import DEFAULTS, LAPSE, allowed, missing_required
from gongkai.core.refusal import Refused
from gongkai.core.text import xml_safe
from gongkai.holidays.services import working_calendar

DEFAULT_TEMPLATES = {LetterKind(kind): text for kind, text in DEFAULTS.items()}

# Dates in letters that the clock computes by working days (may be 暂定); the 补正期限 is a date
# the agency sets, so it is firm.
_COMPUTED_DATES = {
    LetterKind.FEE: {"deadline"},
    LetterKind.CONSULTATION: {"deadline"},
    LetterKind.CONSULTATION_AGENCY: {"deadline"},
    LetterKind.EXTENSION: {"due_on"},
}


def template_text(agency, kind: str) -> str:
    """The agency's template, or the default; a stored template with an unknown placeholder
    (saved before the check existed) is never used: the default stands in."""
    row = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    if (
        row
        and placeholder_problem(row.body, allowed(kind)) is None
        and not missing_required(kind, placeholders_of(row.body))
    ):
        return row.body
    return DEFAULTS[LetterKind(kind).value]


def provisional_dates(application: Application, kind: LetterKind, values: dict) -> set[str]:
    """Which computed dates of a letter are 暂定 (counted through a year without official holiday
    data). The one call site of the clock here: a `provisional` flag passed by the action wins
    (True, or a set of value names); otherwise the platform calendar is asked whether it covers
    every year from receipt to the date, and the application clock's `provisional` attribute is
    read when it exists."""
    flag = values.pop("provisional", None)
    if isinstance(flag, (set, frozenset, list, tuple)):
        return set(flag)
    names = {k for k, v in values.items() if k in _COMPUTED_DATES.get(kind, ()) and isinstance(v, date)}
    if flag is not None:
        return names if flag else set()
    calendar = working_calendar()
    start = application.received_on or application.submitted_on
    found = set()
    for name in names:
        years = range(min(start.year, values[name].year), values[name].year + 1)
        if not all(calendar.covers(year) for year in years):
            found.add(name)
    if "due_on" in names and "due_on" not in found and application.received_on:
        clock = clock_of(application, today=values["due_on"], calendar=calendar)
        if getattr(clock, "provisional", False):
            found.add("due_on")
    return found


def context_for(
    application: Application, kind: str, *, issued_on: date | None, letter_number: str = "", **values
) -> dict:
    kind = LetterKind(kind)
    settings = letter_settings(application.agency)
    provisional = provisional_dates(application, kind, values)
    context = {
        "applicant": application.name,
        "number": application.number,
        "received_on": cn_date(application.received_on),
        "information": application.information,
        "agency": application.agency.name,
        "issued_on": cn_date(issued_on),
        "letter_number": letter_number,
        "content": "",
    }
    if kind is LetterKind.FEE:
        context["payment"] = payment_text(settings, application.agency)
        context["lapse"] = LAPSE
        context["remedies"] = "\n".join(remedies.remedies(None, review_body=settings.review_body, court=settings.court))
    if kind is LetterKind.DISCLOSURE_NOTICE:
        context["remedies"] = "\n".join(
            remedies.disclosure_over_objection(review_body=settings.review_body, court=settings.court)
        )
    for key, value in values.items():
        context[key] = cn_date(value, provisional=key in provisional) if isinstance(value, date) else str(value)
    return context


def render_text(application: Application, kind: str, *, issued_on: date | None, **values) -> str:
    context = context_for(application, kind, issued_on=issued_on, **values)
    body = Template(template_text(application.agency, kind)).safe_substitute(context)
    return "\n".join(line.strip() for line in body.strip().splitlines() if line.strip())


def reply_values(application: Application, outcome_id: str, details: dict) -> dict:
    """The computed paragraphs of a reply: the decision by outcome, the remedies by outcome."""
    settings = letter_settings(application.agency)
    return {
        "decision": "\n".join(decisions.paragraphs(outcome_id, details)),
        "remedies": "\n".join(remedies.remedies(outcome_id, review_body=settings.review_body, court=settings.court)),
    }


def seal_kind_of(agency) -> str:
    """The sealed copy an agency normally attaches for electronic service: the PDF sealed by its
    electronic-seal system where it has one (GB/T 38540), otherwise the scan of the sealed original."""
    return SealKind.ELECTRONIC.value if letter_settings(agency).electronic_seal else SealKind.IMAGE.value


def document(letter: Letter, *, draft: bool = False) -> LetterDoc:
    # Whatever is stored (an applicant's text, an agency name) may hold characters illegal in XML:
    # the DOCX and PDF writers get it made safe here, the one place both are fed from.
    return LetterDoc(
        title=xml_safe(letter.title),
        letter_number=xml_safe(letter.letter_number),
        body=xml_safe(letter.body),
        agency_name=xml_safe(letter.application.agency.name),
        issued_on=letter.issued_on,
        draft=draft,
    )


def check_email_service(application: Application, service_method: str, *, for_applicant: bool = True) -> None:
    """电子邮件送达 needs an address on the application (refused otherwise); the platform has no
    address of a third party and e-mails only a sealed copy, so a letter to a third party is
    served otherwise."""
    if service_method != ServiceMethod.EMAIL:
        return
    if not for_applicant:
        raise Refused(
            "致第三方或其他机关的文书不能由本平台电子邮件送达（电子送达须发送加盖印章的文书）："
            "请选择邮寄送达、直接送达或网上送达"
        )
    if not (application.email or "").strip():
        raise Refused("申请中没有电子邮箱地址，不能电子邮件送达；请选择其他送达方式或先补充邮箱")


def issue_letter(
    application: Application,
    kind: str,
    *,
    issued_on: date,
    served_on=None,
    service_method: str = "",
    for_applicant: bool = True,
    clock_event=None,
    fee_notice=None,
    **values,
) -> Letter:
    """Render, number, store and return one issued letter (call inside the action's transaction).

    A letter to be served by e-mail is issued unserved: the e-mail goes out only with its sealed
    copy (`serve_by_email`, after `attach_sealed_copy`), and the day it is sent is its service
    date, written to the letter, its clock event and its fee notice. A letter to the applicant
    served otherwise is announced to the applicant by e-mail/SMS when they gave an address
    (`gongkai.applications.notifications`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_letter() must run inside the issuing action's transaction")
    kind = LetterKind(kind)
    check_email_service(application, service_method, for_applicant=for_applicant)
    if service_method == ServiceMethod.EMAIL:
        served_on, service_method = None, ""  # served when the sealed copy is e-mailed
    letter_number, year, seq = allocate_letter_number(application.agency, issued_on)
    body = render_text(application, kind, issued_on=issued_on, letter_number=letter_number, **values)
    letter = Letter(
        application=application,
        agency=application.agency,
        kind=kind,
        state=LetterState.ISSUED,
        title=kind.label,
        body=body,
        for_applicant=for_applicant,
        issued_on=issued_on,
        served_on=served_on,
        service_method=service_method or "",
        letter_number=letter_number,
        number_year=year,
        number_seq=seq,
        clock_event=clock_event,
        fee_notice=fee_notice,
    )
    letter.pdf, letter.docx = pdf_bytes(document(letter)), docx_bytes(document(letter))
    letter.save()
    if for_applicant:
        from gongkai.applications import notifications

        notifications.letter_issued(letter)
    return letter
