"""送达 of issued letters to the applicant, and the sealed copy that e-mail service sends.

- `record_service`: by post, the date on the signed return receipt (entered when it comes back);
  in person or online, the day handed over.
- `attach_sealed_copy`: the sealed copy of an issued letter — the scan of the signed and sealed
  paper original, or the PDF sealed by the agency's electronic-seal system (GB/T 38540; the
  platform cannot apply such a seal itself). A real PDF within the upload caps; its kind is
  recorded (`seal_kind`).
- `serve_by_email`: sends only that sealed copy (refused without it, and without an address);
  the day the e-mail is sent is the service date (letter, clock event, fee notice). The same
  message is the applicant's notice (one, not two).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.applications import notifications
from gongkai.applications.actions._base import check_service_dates
from gongkai.applications.letters import check_email_service, letter_settings, seal_kind_of
from gongkai.applications.letters.service import correction_period_over, record_served
from gongkai.applications.models import Letter, LetterState, SealKind, ServiceMethod
from gongkai.core.archive_limits import KINDS, UploadRefused, check_pdf
from gongkai.core.clock import chinese_date
from gongkai.core.refusal import PermissionRefused, Refused

MAX_SEALED_BYTES = KINDS["sealed_letter"].max_bytes

NO_SEALED_COPY = (
    "电子邮件送达只发送加盖印章的文书，该文书尚未上传：请先上传签发原件加盖印章后的扫描件（PDF），"
    "本机关有电子印章（GB/T 38540）的，也可以上传经电子印章系统签章的PDF；"
    "或者改用邮寄送达、直接送达、网上送达并登记送达"
)


def check_service(issued_on: date, served_on, service_method: str, today: date) -> None:
    """A service entered by hand (not e-mail: the system sends it and records the day)."""
    if service_method not in ServiceMethod.values or served_on is None:
        raise Refused("请填写送达日期和送达方式")
    if service_method == ServiceMethod.EMAIL:
        raise Refused("电子邮件送达请使用“电子邮件送达”，由系统发送加盖印章的文书并记录发送时间")
    check_service_dates(issued_on, served_on, today)


def _check_before_correction_deadline(letter: Letter, served_on: date) -> None:
    deadline = correction_period_over(letter, served_on)
    if deadline is not None:
        raise Refused(
            f"补正期限为{chinese_date(deadline)}，{chinese_date(served_on)}送达已不给申请人留出补正时间，"
            "不能按此送达；请与申请人联系并在期限前送达"
        )


def _lock(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)


def _issued_unserved(letter: Letter) -> Letter:
    letter = _lock(letter)
    if letter.state != LetterState.ISSUED:
        raise Refused("文书尚未签发，不能送达")
    if not letter.for_applicant:
        raise Refused("致第三方的文书请在征求意见中登记送达")
    if letter.served_on or letter.emailed_at:
        raise Refused("该文书已登记送达")
    return letter


def _sending(letter: Letter) -> bool:
    return letter.notifications.filter(with_letter=True, status="pending").exists()


@transaction.atomic
def record_service(*, letter: Letter, actor, served_on: date, service_method: str, today: date) -> Letter:
    """送达 of an issued letter: by post, the date on the signed return receipt (entered when it
    comes back); in person or online, the day handed over."""
    if not can(actor, Action.EDIT, letter.application.agency):
        raise PermissionRefused("无权登记送达")
    letter = _issued_unserved(letter)
    check_service(letter.issued_on, served_on, service_method, today)
    _check_before_correction_deadline(letter, served_on)
    if _sending(letter):
        raise Refused("该文书正在通过电子邮件发送")
    record_served(letter, served_on, service_method)
    letter.refresh_from_db()
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
    """电子邮件送达: the sealed copy goes to the applicant's address after commit; the send day is
    recorded as the service date. Refused without a sealed copy or without an address."""
    if not can(actor, Action.EDIT, letter.application.agency):
        raise PermissionRefused("无权登记送达")
    letter = _issued_unserved(letter)
    check_email_service(letter.application, ServiceMethod.EMAIL)
    if not bytes(letter.sealed_pdf or b"") or not letter.seal_kind:
        raise Refused(NO_SEALED_COPY)
    _check_before_correction_deadline(letter, today)
    if _sending(letter):
        raise Refused("该文书正在通过电子邮件发送")
    letter.service_method = ServiceMethod.EMAIL
    letter.save(update_fields=["service_method"])
    audit.record(
        subject=letter.application,
        actor=actor,
        kind="applications.letter_emailed",
        after={"letter": letter.pk, "to": letter.application.email, "seal_kind": letter.seal_kind},
    )
    notifications.letter_served(letter)
    return letter


@transaction.atomic
def attach_sealed_copy(
    *, letter: Letter, actor, content: bytes, seal_kind: str | None = None, name: str = "盖章文书.pdf"
) -> Letter:
    """Keep the sealed copy of an issued letter, the only copy e-mail service sends: the scan of
    the signed and sealed paper original (`image`), or the PDF sealed by the agency's electronic
    seal system (`electronic`, GB/T 38540, only where the agency has one). Checked as a real PDF
    (size and page caps of `sealed_letter`); refused once the letter has been e-mailed."""
    agency = letter.application.agency
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("无权上传加盖印章的文书")
    seal_kind = seal_kind or seal_kind_of(agency)
    if seal_kind not in SealKind.values:
        raise Refused("请选择印章形式：加盖印章的原件扫描件，或电子印章（GB/T 38540）签章的PDF")
    if seal_kind == SealKind.ELECTRONIC and not letter_settings(agency).electronic_seal:
        raise Refused("本机关未在文书设置中登记符合GB/T 38540的电子印章：请上传签发原件加盖印章后的扫描件（PDF）")
    try:
        pages = check_pdf("sealed_letter", name, content or b"")
    except UploadRefused as refused:
        raise Refused(str(refused)) from None
    letter = _lock(letter)
    if letter.state != LetterState.ISSUED:
        raise Refused("文书签发后才能上传加盖印章的文书")
    if letter.emailed_at or _sending(letter):
        raise Refused("该文书已通过电子邮件发送，不能更换加盖印章的文书")
    before = {"seal_kind": letter.seal_kind, "bytes": len(bytes(letter.sealed_pdf or b""))}
    letter.sealed_pdf, letter.seal_kind = content, seal_kind
    letter.save(update_fields=["sealed_pdf", "seal_kind"])
    audit.record(
        subject=letter.application,
        actor=actor,
        kind="applications.sealed_scan_attached",
        before=before if before["bytes"] else None,
        after={"letter": letter.pk, "seal_kind": seal_kind, "bytes": len(content), "pages": pages},
    )
    return letter
