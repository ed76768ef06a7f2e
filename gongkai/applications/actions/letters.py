"""Reply letters: draft, preview, 签发 (four eyes), 送达; letter templates and settings.

- `draft_reply`: the handler chooses the outcome and fills the fields its wording needs
  (`gongkai.core.letters.decisions`); nothing is decided yet.
- `sign_off_reply`: the 审核人 or 机构管理员 (per agency, `LetterSettings.signer_role`), never the
  drafter, signs: in one transaction the application is decided, the 文号 allocated, the letter
  rendered and issued.
- `record_service` (post: the date on the signed receipt, entered later; in person; online) and
  `serve_by_email` (sends the PDF; needs an address) record how the issued letter reached the
  applicant; either notifies the applicant once.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes, other_hand
from gongkai.applications import notifications
from gongkai.applications.actions.base import check_date, log, step
from gongkai.applications.letter_models import LetterSettings, SignerRole
from gongkai.applications.letters import (
    check_email_service,
    document,
    docx_bytes,
    pdf_bytes,
    render_text,
    reply_values,
    seal_kind_of,
)
from gongkai.applications.letters.numbering import allocate_letter_number
from gongkai.applications.models import Application, Letter, LetterKind, LetterState, LetterTemplate, ServiceMethod
from gongkai.core import outcomes
from gongkai.core.application_states import Event, next_state
from gongkai.core.letters import decisions
from gongkai.core.letters.form import number_pattern_problem, placeholder_problem, placeholders_of
from gongkai.core.letters.templates import allowed, missing_required
from gongkai.core.refusal import PermissionRefused, Refused

# Closed by their own actions (lapse_correction, lapse_fee), not chosen in a decision.
NOT_DECIDABLE = {outcomes.NO_CORRECTION, outcomes.UNPAID_FEE}


def _clean(details: dict | None, outcome_id: str) -> dict:
    names = {f.name for f in decisions.fields_for(outcome_id)}
    return {k: str(v).strip() for k, v in (details or {}).items() if k in names and str(v or "").strip()}


def reply_problems(outcome_id: str, details: dict) -> dict[str, str]:
    """{field: Chinese reason}; empty when the reply may be drafted."""
    if outcome_id not in outcomes.OUTCOME_IDS:
        return {"outcome": "请选择一项办理结果（全国统一的办理结果分类）"}
    if outcome_id in NOT_DECIDABLE:
        return {"outcome": "逾期不补正、逾期未缴费请使用对应的办结操作"}
    return decisions.problems(outcome_id, details)


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise Refused("；".join(problems.values()))


def _lock_letter(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)


@transaction.atomic
def draft_reply(*, application: Application, actor, outcome_id: str, details: dict, today: date) -> Letter:
    """Draft (or redraft) the reply letter: outcome + the fields its wording needs. Replaces an
    earlier draft; changes nothing on the application."""
    if not can(actor, Action.EDIT, application.agency):
        raise PermissionRefused("无权拟写答复")
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    next_state(application.state, Event.DECIDE)  # InvalidTransition (Chinese) if it cannot be decided now
    details = _clean(details, outcome_id) if outcome_id in outcomes.OUTCOME_IDS else {}
    _refuse(reply_problems(outcome_id, details))
    body = render_text(
        application,
        LetterKind.REPLY,
        issued_on=None,
        letter_number="",
        **reply_values(application, outcome_id, details),
    )
    draft = application.letters.filter(kind=LetterKind.REPLY, state=LetterState.DRAFT).first()
    before = {"outcome": draft.outcome, "details": draft.details} if draft else None
    draft = draft or Letter(
        application=application,
        agency=application.agency,
        kind=LetterKind.REPLY,
        state=LetterState.DRAFT,
        title=LetterKind.REPLY.label,
    )
    draft.outcome, draft.details, draft.body, draft.drafted_by = outcome_id, details, body, actor
    draft.save()
    audit.record(
        subject=application,
        actor=actor,
        kind="applications.reply_drafted",
        before=before,
        after={"outcome": outcome_id, "details": details, "letter": draft.pk},
    )
    return draft


def may_sign(user, letter: Letter, settings: LetterSettings | None = None) -> bool:
    from gongkai.applications.letters import letter_settings

    settings = settings or letter_settings(letter.application.agency)
    action = Action.ADMINISTER if settings.signer_role == SignerRole.ADMIN else Action.REVIEW
    return can(user, action, letter.application.agency) and other_hand(user, {letter.drafted_by_id})


@transaction.atomic
def sign_off_reply(
    *, letter: Letter, actor, on: date, today: date, served_on: date | None = None, service_method: str = ""
) -> Letter:
    """签发: the reply is issued only now, by the 审核人 or 机构管理员 (per agency), never by the
    drafter. Decides the application (条例 Art. 36/37/38/39 per outcome), allocates the 文号,
    renders PDF and DOCX with the signing date, in one transaction."""
    from gongkai.applications.letters import letter_settings

    letter = _lock_letter(letter)
    settings = letter_settings(letter.application.agency)
    if letter.kind != LetterKind.REPLY or letter.state != LetterState.DRAFT:
        raise Refused("只有待签发的答复告知书可以签发")
    role = "机构管理员" if settings.signer_role == SignerRole.ADMIN else "审核人或机构管理员"
    action = Action.ADMINISTER if settings.signer_role == SignerRole.ADMIN else Action.REVIEW
    if not can(actor, action, letter.application.agency):
        raise PermissionRefused(f"答复告知书须由{role}签发")
    check_four_eyes(actor, {letter.drafted_by_id})
    application, before = step(letter.application, Event.DECIDE)
    check_date(application, on, today, "签发日期")
    if served_on is not None or service_method:
        _check_service(letter, on, served_on, service_method, today)
    _refuse(reply_problems(letter.outcome, letter.details))
    letter.application = application
    number, year, seq = allocate_letter_number(application.agency, on)
    decision = reply_values(application, letter.outcome, letter.details)
    letter.body = render_text(application, LetterKind.REPLY, issued_on=on, letter_number=number, **decision)
    letter.state, letter.issued_on, letter.signed_by, letter.signed_at = LetterState.ISSUED, on, actor, timezone.now()
    letter.letter_number, letter.number_year, letter.number_seq = number, year, seq
    letter.seal_kind = seal_kind_of(application.agency)
    letter.served_on, letter.service_method = served_on, service_method or ""
    letter.pdf, letter.docx = pdf_bytes(document(letter)), docx_bytes(document(letter))
    letter.save()
    application.outcome, application.decided_on = letter.outcome, on
    application.decision_note = decision["decision"]
    application.save(update_fields=["state", "outcome", "decided_on", "decision_note"])
    log(
        application,
        actor,
        "decided",
        before,
        note=decision["decision"],
        letter_number=number,
        drafted_by=letter.drafted_by_id,
    )
    if letter.served_on:
        notifications.letter_served(letter)
    return letter


def _check_service(letter: Letter, issued_on: date, served_on, service_method: str, today: date) -> None:
    if service_method not in ServiceMethod.values or served_on is None:
        raise Refused("请填写送达日期和送达方式")
    if service_method == ServiceMethod.EMAIL:
        raise Refused("电子邮件送达请使用“电子邮件送达”，由系统发送文书并记录发送时间")
    if served_on < issued_on:
        raise Refused(f"送达日期（{served_on.isoformat()}）不能早于发文日期（{issued_on.isoformat()}）")
    if served_on > today:
        raise Refused(f"送达日期（{served_on.isoformat()}）不能晚于今天")


def _issued_unserved(letter: Letter) -> Letter:
    letter = _lock_letter(letter)
    if letter.state != LetterState.ISSUED:
        raise Refused("文书尚未签发，不能送达")
    if not letter.for_applicant:
        raise Refused("致第三方的文书请在征求意见中登记送达")
    if letter.served_on or letter.emailed_at:
        raise Refused("该文书已登记送达")
    return letter


@transaction.atomic
def record_service(*, letter: Letter, actor, served_on: date, service_method: str, today: date) -> Letter:
    """送达 of an issued letter: by post, the date on the signed return receipt (entered when it
    comes back); in person or online, the day handed over."""
    if not can(actor, Action.EDIT, letter.application.agency):
        raise PermissionRefused("无权登记送达")
    letter = _issued_unserved(letter)
    _check_service(letter, letter.issued_on, served_on, service_method, today)
    letter.served_on, letter.service_method = served_on, service_method
    letter.save(update_fields=["served_on", "service_method"])
    audit.record(
        subject=letter.application,
        actor=actor,
        kind="applications.letter_served",
        after={"letter": letter.pk, "served_on": served_on, "service_method": service_method},
    )
    notifications.letter_served(letter)
    return letter


@transaction.atomic
def serve_by_email(*, letter: Letter, actor, today: date) -> Letter:
    """电子邮件送达: the PDF goes to the applicant's address after commit; the send time is recorded
    (`emailed_at`) and the letter counts as served that day. Refused without an address."""
    if not can(actor, Action.EDIT, letter.application.agency):
        raise PermissionRefused("无权登记送达")
    letter = _issued_unserved(letter)
    check_email_service(letter.application, ServiceMethod.EMAIL)
    if letter.application.notifications.filter(letter=letter, with_letter=True, status="pending").exists():
        raise Refused("该文书正在通过电子邮件发送")
    letter.service_method = ServiceMethod.EMAIL
    letter.save(update_fields=["service_method"])
    audit.record(
        subject=letter.application,
        actor=actor,
        kind="applications.letter_emailed",
        after={"letter": letter.pk, "to": letter.application.email},
    )
    notifications.letter_served(letter)
    return letter


MAX_SCAN_BYTES = 20 * 1024 * 1024


@transaction.atomic
def attach_sealed_scan(*, letter: Letter, actor, content: bytes) -> Letter:
    """Keep the scan of the signed and sealed paper original (PDF): the copy sent by e-mail when
    the agency has no electronic seal (GB/T 38540), so the applicant receives the sealed letter."""
    if not can(actor, Action.EDIT, letter.application.agency):
        raise PermissionRefused("无权上传盖章扫描件")
    letter = _lock_letter(letter)
    if letter.state != LetterState.ISSUED:
        raise Refused("文书签发后才能上传加盖印章的扫描件")
    if not content or not content.startswith(b"%PDF"):
        raise Refused("请上传PDF格式的加盖印章原件扫描件")
    if len(content) > MAX_SCAN_BYTES:
        raise Refused("扫描件不能超过20MB")
    letter.sealed_pdf = content
    letter.save(update_fields=["sealed_pdf"])
    audit.record(
        subject=letter.application,
        actor=actor,
        kind="applications.sealed_scan_attached",
        after={"letter": letter.pk, "bytes": len(content)},
    )
    return letter


@transaction.atomic
def save_letter_template(*, agency, actor, kind: str, body: str) -> LetterTemplate:
    """Save an agency's template; unknown placeholders are refused with the valid list."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以修改文书模板")
    if kind not in LetterKind.values:
        raise Refused("请选择文书种类")
    body = (body or "").strip()
    if not body:
        raise Refused("请填写正文模板")
    problem = placeholder_problem(body, allowed(kind))
    if problem:
        raise Refused(problem)
    missing = missing_required(kind, placeholders_of(body))
    if missing:
        raise Refused("模板缺少必须载明的内容：" + "、".join(f"${n}（{allowed(kind)[n]}）" for n in missing))
    row, created = LetterTemplate.objects.select_for_update().get_or_create(
        agency=agency, kind=kind, defaults={"body": body}
    )
    before = None if created else {"kind": kind, "body": row.body}
    row.body = body
    row.save()
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.letter_template_saved",
        before=before,
        after={"kind": kind, "body": body},
    )
    return row


SETTINGS_FIELDS = ("review_body", "court", "payment_instructions", "number_pattern", "signer_role", "electronic_seal")


@transaction.atomic
def save_letter_settings(*, agency, actor, **values) -> LetterSettings:
    """The agency administrator sets the 复议机关, court, payment, 文号 pattern, signer, seal."""
    from gongkai.applications.letters import letter_settings

    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以修改文书设置")
    for name in ("review_body", "court"):
        if not str(values.get(name) or "").strip():
            raise Refused("请填写行政复议机关和管辖法院（答复告知书的救济途径须写明）")
    problem = number_pattern_problem(values.get("number_pattern") or "")
    if problem:
        raise Refused(problem)
    if values.get("signer_role") not in SignerRole.values:
        raise Refused("请选择签发人")
    row = letter_settings(agency)
    before = None if row.pk is None else {f: getattr(row, f) for f in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        value = values.get(name)
        setattr(row, name, bool(value) if name == "electronic_seal" else str(value or "").strip())
    row.save()
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.letter_settings_saved",
        before=before,
        after={f: getattr(row, f) for f in SETTINGS_FIELDS},
    )
    from gongkai.catalog import page_cache

    page_cache.bump(agency.pk)  # the public 申请须知 names the same 复议机关 and court
    return row
