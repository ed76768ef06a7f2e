"""电子邮件送达 sends only a sealed copy (issue 10): the scan of the sealed original or the PDF sealed
by the agency's electronic-seal system (GB/T 38540); procedure letters are issued first and
e-mailed once sealed, the send day being their service date (条例 Art. 30, 国办函〔2020〕109号)."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.applications import actions
from gongkai.applications.clock import clock_of
from gongkai.applications.letter_models import Notification
from gongkai.applications.models import ClockEvent, FeeNotice, Letter
from gongkai.audit.models import AuditEntry
from tests.applications.factories import ask_correction_by_email, registered, sealed_pdf

TODAY = date(2026, 1, 31)
GRANTED = {"provision_way": "邮寄纸质复印件", "provision_place": "党政办公室", "provision_time": "10个工作日内"}


def issued_reply(township, handler, reviewer):
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    draft = actions.draft_reply(application=a, actor=handler, outcome_id="granted", details=GRANTED, today=TODAY)
    return actions.sign_off_reply(letter=draft, actor=reviewer, on=date(2025, 3, 10), today=TODAY)


def settings_with_seal(township, agency_admin, electronic_seal=True):
    actions.save_letter_settings(
        agency=township,
        actor=agency_admin,
        review_body="测试县人民政府",
        court="测试县人民法院",
        payment_instructions="",
        signer_role="reviewer",
        number_pattern="测政信复〔{year}〕{seq}号",
        electronic_seal=electronic_seal,
    )


def test_reply_not_emailed_without_a_sealed_copy(township, handler, reviewer, django_capture_on_commit_callbacks):
    """No unsealed letter by e-mail (条例 Art. 36 reply): refused in Chinese, telling the clerk to
    upload the sealed copy or serve otherwise; nothing sent, nothing recorded."""
    letter = issued_reply(township, handler, reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(actions.Refused) as refused:
            actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    message = str(refused.value)
    assert "加盖印章" in message and "上传" in message and "邮寄送达" in message and "GB/T 38540" in message
    letter.refresh_from_db()
    assert mail.outbox == [] and letter.service_method == "" and letter.emailed_at is None
    assert not Notification.objects.filter(letter=letter).exists()
    assert not AuditEntry.objects.filter(kind="applications.letter_emailed").exists()


def test_art30_correction_emailed_only_sealed_and_served_the_day_sent(
    township, handler, django_capture_on_commit_callbacks
):
    """条例 Art. 30: a 补正告知书 chosen for e-mail is issued unserved (no notice yet); e-mail is
    refused until its sealed copy is attached; then exactly that PDF goes in one message, and the
    send day becomes the service date of the letter and of its clock event."""
    a = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 5))
    with pytest.raises(actions.Refused, match="不要填写送达日期"):
        ask_correction_by_email(a, handler, served_on=date(2025, 3, 5))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask_correction_by_email(a, handler)
    letter = a.letters.get(kind="correction")
    event = ClockEvent.objects.get(application=a, kind="correction_requested")
    assert letter.served_on is None and letter.clock_event == event and event.service_method == "email"
    assert mail.outbox == []  # one message later, with the sealed letter
    with pytest.raises(actions.Refused, match="加盖印章"):
        actions.serve_by_email(letter=letter, actor=handler, today=date(2025, 3, 6))
    scan = sealed_pdf()
    actions.attach_sealed_copy(letter=letter, actor=handler, content=scan, seal_kind="image")
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=date(2025, 3, 6))
    assert len(mail.outbox) == 1 and [x[1] for x in mail.outbox[0].attachments] == [scan]
    assert "加盖印章的原件扫描件" in mail.outbox[0].body and "发送之日为送达之日" in mail.outbox[0].body
    letter.refresh_from_db()
    event.refresh_from_db()
    sent_on = timezone.localdate(letter.emailed_at)
    assert letter.seal_kind == "image" and letter.served_on == sent_on == event.served_on
    assert letter.service_method == "email" and event.service_method == "email"
    with pytest.raises(actions.Refused, match="不能更换"):
        actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="image")


def test_art30_email_refused_once_the_correction_period_has_come(township, handler):
    """条例 Art. 30: served on or after the 补正期限, the applicant has no time to correct: refused."""
    a = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 5))
    ask_correction_by_email(a, handler, correct_by=date(2025, 3, 10))
    letter = a.letters.get(kind="correction")
    actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="image")
    with pytest.raises(actions.Refused, match="补正期限为2025年3月10日"):
        actions.serve_by_email(letter=letter, actor=handler, today=date(2025, 3, 10))


def test_109_fee_notice_emailed_with_electronic_seal_pay_by_counts_from_sending(
    township, handler, agency_admin, django_capture_on_commit_callbacks
):
    """国办函〔2020〕109号: 20 working days from service. A fee notice waiting for e-mail has no pay-by
    and cannot lapse; sent with the PDF sealed by the agency's GB/T 38540 system, its send day is
    the service date of the letter, the clock event and the fee notice."""
    settings_with_seal(township, agency_admin)
    a = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 5))
    notice = actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=None,
        service_method="email",
        method="per_page",
        units=120,
        today=date(2025, 3, 5),
    )
    letter = a.letters.get(kind="fee")
    assert notice.served_on is None and notice.pay_by() is None and letter.fee_notice == notice
    assert "收到本通知书之日起20个工作日届满前缴纳" in letter.body
    clock = clock_of(a, today=date(2025, 6, 1))
    assert clock.pay_by is None and clock.lapsed is None and clock.paused
    signed = sealed_pdf()
    actions.attach_sealed_copy(letter=letter, actor=handler, content=signed, seal_kind="electronic")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][1] == signed
    assert "加盖电子印章" in mail.outbox[0].body
    letter.refresh_from_db()
    sent_on = timezone.localdate(letter.emailed_at)
    notice = FeeNotice.objects.get(pk=notice.pk)
    assert letter.seal_kind == "electronic" and notice.served_on == sent_on == letter.served_on
    assert ClockEvent.objects.get(application=a, kind="fee_notice_sent").served_on == sent_on
    assert notice.pay_by() is not None and notice.pay_by().on > sent_on


def test_electronic_seal_needs_the_agency_setting(township, handler, reviewer, agency_admin):
    """GB/T 38540: the platform cannot apply the seal; an agency without a registered electronic
    seal may attach only the scan of its sealed paper original."""
    letter = issued_reply(township, handler, reviewer)
    with pytest.raises(actions.Refused, match="未在文书设置中登记符合GB/T 38540的电子印章"):
        actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="electronic")
    settings_with_seal(township, agency_admin)
    actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="electronic")
    assert Letter.objects.get(pk=letter.pk).seal_kind == "electronic"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "空文件"),
        (b"\xff\xd8\xff\xe0 a jpeg", "不是PDF文件"),
        (b"%PDF-1.7\n1 0 obj garbage", "无法读取"),
        (b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "超过上限20MB"),
    ],
)
def test_bad_sealed_file_refused_in_chinese_and_nothing_written(township, handler, reviewer, content, reason):
    """Only a real PDF within the upload cap is kept as the sealed copy; a refusal writes nothing."""
    letter = issued_reply(township, handler, reviewer)
    with pytest.raises(actions.Refused, match=reason):
        actions.attach_sealed_copy(letter=letter, actor=handler, content=content, seal_kind="image")
    letter.refresh_from_db()
    assert bytes(letter.sealed_pdf) == b"" and letter.seal_kind == ""
    assert not AuditEntry.objects.filter(kind="applications.sealed_scan_attached").exists()


def test_upload_page_refuses_a_file_too_large_before_reading(township, handler, reviewer, client_of, settings):
    letter = issued_reply(township, handler, reviewer)
    url = f"/staff/applications/{letter.application_id}/letters/{letter.pk}/sealed/"
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "application/pdf")
    response = client_of(handler).post(url, {"file": big, "seal_kind": "image"})
    assert response.status_code == 400 and "超过上限20MB" in response.content.decode()
    page = client_of(handler).get(f"/staff/applications/{letter.application_id}/").content.decode()
    assert "尚未上传加盖印章的文书" in page and f'id="email-{letter.pk}"' not in page


def test_art32_consultation_letter_not_emailed(township, handler):
    """条例 Art. 32: the platform holds no third party's address and e-mails only sealed copies:
    e-mail service of a 征求意见书 is refused, nothing written."""
    a = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 5))
    with pytest.raises(actions.Refused, match="致第三方或其他机关的文书不能由本平台电子邮件送达"):
        actions.start_consultation(
            application=a,
            actor=handler,
            on=date(2025, 3, 5),
            served_on=None,
            service_method="email",
            third_party="某公司",
            content="是否同意公开",
            today=date(2025, 3, 5),
        )
    assert not a.letters.exists() and not ClockEvent.objects.filter(kind="consultation_started").exists()


def test_art30_send_after_the_correction_period_is_not_made(township, handler, django_capture_on_commit_callbacks):
    """条例 Art. 30: a 补正告知书 whose e-mail leaves only on or after its 补正期限 (a failed send
    retried days later) is not sent: the notice is recorded as failed with the reason and the letter
    stays unserved, so the clock never counts a service that left no time to correct."""
    a = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 5))
    ask_correction_by_email(
        a, handler, correct_by=date(2025, 3, 20)
    )  # long past at the real present, when the e-mail would leave
    letter = a.letters.get(kind="correction")
    actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="image")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=date(2025, 3, 6))
    assert [m for m in mail.outbox if "补正" in m.subject] == []
    row = Notification.objects.get(application=a, kind="correction", channel="email")
    assert row.status == "failed" and "补正期限为2025年3月20日" in row.error
    letter.refresh_from_db()
    event = ClockEvent.objects.get(application=a, kind="correction_requested")
    assert letter.served_on is None and letter.emailed_at is None and event.served_on is None
