"""Notices to applicants (issue 12 "being told"): receipt, 补正, fee notice, extension, reply.

Every notice is a `Notification` row on the application, written in the action's transaction,
and sent after the transaction commits (`transaction.on_commit`): a failed send is recorded as
`failed` with its reason and never undoes the action. A letter served by e-mail (电子邮件送达) is
sent with its sealed copy attached — never the unsealed generated PDF — and that one message is
also the applicant's notice (one message, not two); the day it is sent is the service date. SMS goes through `gongkai.notify.sms` when the applicant gave a mobile number.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from gongkai.applications.letter_models import Notification, NotificationChannel, NotificationKind, NotificationStatus
from gongkai.applications.letters.service import correction_period_over, record_served, sealed_copy
from gongkai.applications.models import Letter, LetterKind, ServiceMethod
from gongkai.core.letters.form import cn_date
from gongkai.notify import sms

log = logging.getLogger("gongkai.applications.notifications")

KIND_OF_LETTER = {
    LetterKind.CORRECTION: NotificationKind.CORRECTION,
    LetterKind.FEE: NotificationKind.FEE,
    LetterKind.EXTENSION: NotificationKind.EXTENSION,
    LetterKind.DELAYED_REPLY: NotificationKind.EXTENSION,
    LetterKind.REPLY: NotificationKind.REPLY,
    LetterKind.LAPSE_CORRECTION: NotificationKind.REPLY,
    LetterKind.LAPSE_FEE: NotificationKind.REPLY,
}

_WHAT_TO_DO = {
    NotificationKind.CORRECTION: "请按告知书所列事项，在补正期限内向本机关补正。",
    NotificationKind.FEE: "请按通知书所列金额、方式，在缴费期限内缴纳信息处理费。",
    NotificationKind.EXTENSION: "本机关已依法延长答复期限，将在告知书所载日期前答复。",
    NotificationKind.REPLY: "本机关已对您的申请作出答复，请查看告知书。",
}


def _subject(application, what: str) -> str:
    return f"【{application.agency.name}】{what}（申请编号：{application.number}）"


def _letter_text(letter: Letter, *, attached: bool) -> str:
    application = letter.application
    number = f"（{letter.letter_number}）" if letter.letter_number else ""
    seal = {"image": "加盖印章的原件扫描件", "electronic": "加盖电子印章"}.get(letter.seal_kind, "")
    how = (
        f"随本邮件附送（PDF，{seal}），本邮件即为电子邮件送达，发送之日为送达之日。"
        if attached
        else (f"已以{letter.get_service_method_display()}方式送达。" if letter.service_method else "")
    )
    kind = KIND_OF_LETTER[LetterKind(letter.kind)]
    return (
        f"{application.name}：\n本机关已于{cn_date(letter.issued_on)}就您的政府信息公开申请"
        f"（申请编号：{application.number}）作出《{letter.title}》{number}，{how}\n{_WHAT_TO_DO[kind]}\n"
        f"您可凭申请编号和查询码在本机关政府信息公开平台“申请查询”页面查看办理进度和文书。\n"
        f"{application.agency.name}"
    )


def _sms_text(application, what: str) -> str:
    return f"【{application.agency.short_name or application.agency.name}】您的政府信息公开申请{application.number}：{what}"


def _record(application, kind, channel, recipient, subject, body, *, letter=None, with_letter=False):
    return Notification.objects.create(
        application=application,
        letter=letter,
        kind=kind,
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        with_letter=with_letter,
    )


def _sms(application, kind, what, letter=None) -> list[Notification]:
    if not sms.is_mobile(application.phone):
        return []
    return [
        _record(
            application,
            kind,
            NotificationChannel.SMS,
            application.phone,
            "",
            _sms_text(application, what),
            letter=letter,
        )
    ]


def _schedule(rows: list[Notification]) -> list[Notification]:
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: deliver(ids), robust=True)
    return rows


def receipt(application) -> list[Notification]:
    """Art. 31: the application is received (the receipt date starts the clock)."""
    what = (
        f"本机关已于{cn_date(application.received_on)}收到您的申请，"
        "将依照《中华人民共和国政府信息公开条例》第三十三条的规定在法定期限内答复。"
    )
    rows = []
    if application.email:
        rows.append(
            _record(
                application,
                NotificationKind.RECEIPT,
                NotificationChannel.EMAIL,
                application.email,
                _subject(application, "已收到您的政府信息公开申请"),
                f"{application.name}：\n{what}\n您可凭申请编号和查询码在本机关政府信息公开平台"
                f"“申请查询”页面查看办理进度。\n{application.agency.name}",
            )
        )
    rows += _sms(application, NotificationKind.RECEIPT, what)
    return _schedule(rows)


def letter_issued(letter: Letter) -> list[Notification]:
    """A letter to the applicant was issued with its service recorded (补正, 收费, 延期): served by
    e-mail → the letter itself is sent; otherwise a notice, if the applicant gave an address."""
    if LetterKind(letter.kind) not in KIND_OF_LETTER or not letter.service_method:
        return []
    return letter_served(letter)


def letter_served(letter: Letter) -> list[Notification]:
    application = letter.application
    kind = KIND_OF_LETTER[LetterKind(letter.kind)]
    by_email = letter.service_method == ServiceMethod.EMAIL
    rows = []
    if application.email:
        rows.append(
            _record(
                application,
                kind,
                NotificationChannel.EMAIL,
                application.email,
                _subject(application, letter.title),
                _letter_text(letter, attached=by_email),
                letter=letter,
                with_letter=by_email,
            )
        )
    rows += _sms(application, kind, _WHAT_TO_DO[kind] + ("文书已发送至您的电子邮箱。" if by_email else ""), letter)
    return _schedule(rows)


def _send(row: Notification) -> None:
    if row.channel == NotificationChannel.SMS:
        sms.send(row.recipient, row.body)
        return
    message = EmailMessage(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient])
    if row.with_letter:
        letter = row.letter
        deadline = correction_period_over(letter, timezone.localdate())
        if deadline is not None:
            # 条例 Art. 30: a 补正告知书 served on or after its 补正期限 leaves no time to correct — a
            # send that failed and is retried late (or queued too long) is not made; the clerk acts.
            raise ValueError(f"补正期限为{cn_date(deadline)}，已不能送达，未发送；请与申请人联系")
        name = f"{letter.letter_number or letter.title}.pdf"
        message.attach(name, sealed_copy(letter), "application/pdf")  # refuses an unsealed letter
    message.send(fail_silently=False)


def deliver(ids) -> int:
    """Send pending notices; record each result. Returns how many were sent."""
    sent = 0
    for row in Notification.objects.filter(pk__in=ids, status=NotificationStatus.PENDING).select_related(
        "letter", "application"
    ):
        try:
            _send(row)
        except Exception as error:
            log.warning("notification %s failed: %s", row.pk, error)
            Notification.objects.filter(pk=row.pk).update(
                status=NotificationStatus.FAILED, error=str(error)[:500] or error.__class__.__name__
            )
            continue
        now = timezone.now()
        Notification.objects.filter(pk=row.pk).update(status=NotificationStatus.SENT, sent_at=now, error="")
        if row.with_letter and row.letter_id:
            with transaction.atomic():
                Letter.objects.filter(pk=row.letter_id).update(emailed_at=now, emailed_to=row.recipient)
                # 电子邮件送达: served the day the e-mail left — the letter, its clock event, its fee notice.
                record_served(row.letter, timezone.localdate(now), ServiceMethod.EMAIL)
        sent += 1
    return sent


RETRY_DAYS = 3


def retry_failed(now) -> str:
    """Job: send again the notices that failed in the last RETRY_DAYS days (older failures stay
    recorded as failed for the clerk to act on)."""
    from datetime import timedelta

    ids = list(
        Notification.objects.filter(
            status=NotificationStatus.FAILED, created_at__gte=now - timedelta(days=RETRY_DAYS)
        ).values_list("pk", flat=True)[:200]
    )
    Notification.objects.filter(pk__in=ids).update(status=NotificationStatus.PENDING)
    sent = deliver(ids)
    return f"通知重发：{sent}/{len(ids)}"
