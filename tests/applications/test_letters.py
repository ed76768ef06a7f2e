"""Reply letters: draft, 签发 by another person, gap-free 文号, 送达, notices (issue 10, issue 12)."""

import io
from datetime import UTC, date

import pytest
from django.core import mail

from gongkai.agencies.models import Membership, Role
from gongkai.applications import actions
from gongkai.applications.letter_models import LetterNumberCounter, Notification
from gongkai.applications.models import Letter
from gongkai.audit.models import AuditEntry
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.notify.sms import MemoryBackend
from tests.applications.factories import ask_correction_by_email, person, registered, sealed_pdf

TODAY = date(2026, 1, 31)
GRANTED = {"provision_way": "邮寄纸质复印件", "provision_place": "党政办公室", "provision_time": "10个工作日内"}


def draft(application, handler, outcome="granted", details=GRANTED):
    return actions.draft_reply(application=application, actor=handler, outcome_id=outcome, details=details, today=TODAY)


def test_reply_issued_only_after_sign_off_by_another_person(township, handler, reviewer):
    """签发 (four eyes): the drafter cannot sign; a 经办人 cannot sign; the 审核人 can."""
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = draft(a, handler)
    a.refresh_from_db()
    assert a.state == "in_progress" and letter.state == "draft" and not letter.letter_number
    with pytest.raises(PermissionRefused, match="审核人"):
        actions.sign_off_reply(letter=letter, actor=handler, on=date(2025, 3, 10), today=TODAY)
    Membership.objects.create(user=handler, agency=township, role=Role.REVIEWER)
    handler.__dict__.pop("_gongkai_roles", None)
    with pytest.raises(Refused, match="四眼原则"):
        actions.sign_off_reply(letter=letter, actor=handler, on=date(2025, 3, 10), today=TODAY)
    issued = actions.sign_off_reply(letter=letter, actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    a.refresh_from_db()
    assert a.is_closed and a.outcome == "granted" and a.decided_on == date(2025, 3, 10)
    assert issued.state == "issued" and issued.signed_by == reviewer and issued.letter_number == "测政信复〔2025〕1号"
    assert "第三十六条第（二）项" in issued.body and "党政办公室" in issued.body and "测试县人民政府" in issued.body
    assert "予以公开" not in a.get_outcome_display() or "（一）" not in issued.body
    assert AuditEntry.objects.filter(kind="applications.decided").count() == 1


def test_admin_only_signer_setting(township, handler, reviewer, agency_admin):
    """The agency may require the 机构管理员 to sign (configurable per agency)."""
    actions.save_letter_settings(
        agency=township,
        actor=agency_admin,
        review_body="测试县人民政府",
        court="测试县人民法院",
        payment_instructions="",
        signer_role="admin",
        number_pattern="测政信复〔{year}〕{seq}号",
        electronic_seal=True,
    )
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = draft(a, handler)
    with pytest.raises(PermissionRefused, match="机构管理员"):
        actions.sign_off_reply(letter=letter, actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    issued = actions.sign_off_reply(letter=letter, actor=agency_admin, on=date(2025, 3, 10), today=TODAY)
    assert issued.state == "issued" and issued.seal_kind == ""  # recorded when the sealed copy is attached


def test_incomplete_draft_refused_in_chinese_and_nothing_written(township, handler):
    """条例 Art. 36(五): 非本机关掌握 without the responsible agency or 经检索无法确定 is refused."""
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    with pytest.raises(Refused, match="负责公开"):
        draft(a, handler, "unavailable.not_held", {"not_held_basis": "other_agency", "search_done": "档案"})
    with pytest.raises(Refused, match="提供方式"):
        draft(a, handler, "granted", {})
    assert not Letter.objects.exists() and not AuditEntry.objects.filter(kind="applications.reply_drafted").exists()


def test_letter_numbers_gap_free_and_rolled_back_with_a_refused_issue(township, handler, reviewer):
    """文号: consecutive per agency and year; a refused 签发 leaves no gap."""
    first = registered(township, handler, date(2025, 3, 3), today=TODAY)
    second = registered(township, handler, date(2025, 3, 3), today=TODAY)
    third = registered(township, handler, date(2025, 3, 3), today=TODAY)
    actions.sign_off_reply(letter=draft(first, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    bad = draft(second, handler)
    with pytest.raises(Refused, match="不能晚于今天"):
        actions.sign_off_reply(letter=bad, actor=reviewer, on=date(2026, 2, 10), today=TODAY)
    third_letter = actions.sign_off_reply(
        letter=draft(third, handler), actor=reviewer, on=date(2025, 3, 11), today=TODAY
    )
    assert third_letter.number_seq == 2
    assert LetterNumberCounter.objects.get(agency=township, year=2025).last == 2


def test_a4_pdf_and_docx(township, handler, reviewer):
    """A4 in PDF and DOCX alike, with the 文号 and the date in Chinese."""
    from docx import Document

    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 4), today=TODAY)
    pdf = bytes(letter.pdf)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        assert "测政信复〔2025〕1号" in page.extract_text()
    section = Document(io.BytesIO(bytes(letter.docx))).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(letter.docx))).paragraphs)
    assert "测政信复〔2025〕1号" in text and "2025年3月4日" in text


def test_post_service_entered_later_from_the_receipt(township, handler, reviewer, django_capture_on_commit_callbacks):
    """送达 by post: the letter is issued first; the served date is entered from the signed receipt."""
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    assert letter.served_on is None
    with pytest.raises(Refused, match="不能早于发文日期"):
        actions.record_service(
            letter=letter, actor=handler, served_on=date(2025, 3, 9), service_method="post", today=TODAY
        )
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_service(
            letter=letter, actor=handler, served_on=date(2025, 3, 13), service_method="post", today=TODAY
        )
    letter.refresh_from_db()
    assert letter.served_on == date(2025, 3, 13)
    assert [m.attachments for m in mail.outbox] == [[]]  # told by e-mail, no attachment
    with pytest.raises(Refused, match="已登记送达"):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)


def test_email_service_sends_the_sealed_pdf_once_and_records_when(
    township, handler, reviewer, django_capture_on_commit_callbacks
):
    """电子邮件送达: the sealed copy goes as the attachment; the same message is the notice (one,
    not two); the send day is the service date."""
    from django.utils import timezone

    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    scan = sealed_pdf()
    actions.attach_sealed_copy(letter=letter, actor=handler, content=scan, seal_kind="image")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhangsan@example.com"] and message.attachments[0][2] == "application/pdf"
    assert message.attachments[0][0] == "测政信复〔2025〕1号.pdf" and message.attachments[0][1] == scan
    letter.refresh_from_db()
    assert letter.emailed_at is not None and letter.service_method == "email" and letter.seal_kind == "image"
    assert letter.served_on == timezone.localdate(letter.emailed_at)
    row = Notification.objects.get(letter=letter, channel="email")
    assert row.status == "sent" and row.with_letter and row.kind == "reply"


def test_email_service_refused_without_an_address(township, handler, reviewer):
    a = registered(township, handler, date(2025, 3, 3), person(email=""), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    with pytest.raises(Refused, match="没有电子邮箱"):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    letter.refresh_from_db()
    assert letter.service_method == "" and not Notification.objects.filter(letter=letter).exists()


def test_failed_send_is_recorded_and_the_action_stands(
    township, handler, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="image")
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    row = Notification.objects.get(letter=letter, channel="email")
    assert row.status == "failed" and row.error
    letter.refresh_from_db()
    assert letter.state == "issued" and letter.emailed_at is None


def test_receipt_and_letters_notify_by_email_and_sms(
    township, handler, agency_admin, settings, django_capture_on_commit_callbacks
):
    """Issue 12: receipt, 补正, fee, extension notices are recorded on the application."""
    settings.GONGKAI_SMS_BACKEND = "gongkai.notify.sms.MemoryBackend"
    MemoryBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        ask_correction_by_email(a, handler)
    assert not [m for m in mail.outbox if "补正" in m.subject]  # issued first: e-mailed once sealed
    letter = a.letters.get(kind="correction")
    actions.attach_sealed_copy(letter=letter, actor=handler, content=sealed_pdf(), seal_kind="image")
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=date(2025, 3, 6))
    kinds = list(Notification.objects.filter(application=a).values_list("kind", "channel", "status"))
    assert ("receipt", "email", "sent") in kinds and ("receipt", "sms", "sent") in kinds
    assert ("correction", "email", "sent") in kinds
    correction_mail = [m for m in mail.outbox if "补正" in m.subject]
    assert len(correction_mail) == 1 and correction_mail[0].attachments  # the letter is the notice
    assert MemoryBackend.outbox and MemoryBackend.outbox[0][0] == "13800000000"


def test_letter_emailed_by_an_action_needs_an_address(township, handler):
    a = registered(township, handler, date(2025, 3, 3), person(email=""), today=TODAY)
    with pytest.raises(Refused, match="没有电子邮箱"):
        ask_correction_by_email(a, handler, correct_by=date(2025, 3, 20), content="x")
    a.refresh_from_db()
    assert a.state == "in_progress" and not Letter.objects.exists()


def test_fee_notice_states_payment_pay_by_and_lapse(township, handler, agency_admin):
    """109号: amount, basis, how and where to pay, pay-by date, lapse consequence."""
    actions.save_letter_settings(
        agency=township,
        actor=agency_admin,
        review_body="测试县人民政府",
        court="测试县人民法院",
        payment_instructions="到财务室缴纳，户名：测试镇财政所",
        signer_role="reviewer",
        number_pattern="测政信复〔{year}〕{seq}号",
    )
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=date(2025, 3, 5),
        service_method="post",
        method="per_page",
        units=120,
        today=TODAY,
    )
    body = a.letters.get(kind="fee").body
    for text in ("1100元", "按量计收", "到财务室缴纳", "视为放弃申请", "60日", "测试县人民法院"):
        assert text in body
    assert "2025年4月2日前" in body  # 20 working days after service, firm (2025 data exists)


def test_template_save_refuses_unknown_placeholders(township, agency_admin, client_of):
    with pytest.raises(Refused, match=r"\$foo.*\$applicant"):
        actions.save_letter_template(agency=township, actor=agency_admin, kind="reply", body="承办人：$foo")
    response = client_of(agency_admin).post(
        f"/staff/applications/agency/{township.pk}/templates/", {"kind": "reply", "body": "承办人：$foo"}
    )
    assert response.status_code == 400 and "$foo" in response.content.decode()
    assert "$foo" in " ".join(response.context["form"].errors["body"])  # on its field, through refusal_into
    with pytest.raises(Refused, match=r"缺少.*\$remedies"):  # the remedies must stay
        actions.save_letter_template(agency=township, actor=agency_admin, kind="reply", body="$applicant：\n$decision")
    row = actions.save_letter_template(
        agency=township, actor=agency_admin, kind="reply", body="$applicant：\n$decision\n$remedies"
    )
    assert (
        row.body.startswith("$applicant")
        and AuditEntry.objects.filter(kind="applications.letter_template_saved").count() == 1
    )


def test_template_preview_with_a_real_application(township, handler, agency_admin, client_of):
    registered(township, handler, date(2025, 3, 3), today=TODAY)
    response = client_of(agency_admin).post(
        f"/staff/applications/agency/{township.pk}/templates/",
        {"kind": "reply", "body": "$applicant：\n$decision", "preview": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "张三：" in html and "第三十六条" in html
    assert not Letter.objects.exists()  # a preview issues nothing


def test_settings_default_by_level_and_refusals(township, agency_admin, client_of):
    """行政复议法 (2023) Art. 24: a township's 复议机关 defaults to the county government."""
    client = client_of(agency_admin)
    page = client.get(f"/staff/applications/agency/{township.pk}/letter-settings/").content.decode()
    assert "测试县人民政府" in page and "测试县人民法院" in page
    response = client.post(
        f"/staff/applications/agency/{township.pk}/letter-settings/",
        {"review_body": "县政府", "court": "县法院", "number_pattern": "测〔{year}〕号", "signer_role": "reviewer"},
    )
    assert response.status_code == 400 and "{seq}" in response.content.decode()


def test_staff_journey_views(township, handler, reviewer, client_of):
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    handler_client = client_of(handler)
    response = handler_client.post(f"/staff/applications/{a.pk}/act/decide/", {"outcome": "withheld.state_secret"})
    assert response.status_code == 400 and "请填写具体理由" in response.content.decode()
    handler_client.post(
        f"/staff/applications/{a.pk}/act/decide/", {"outcome": "withheld.state_secret", "reason": "经定密为秘密级"}
    )
    letter = a.letters.get(state="draft")
    preview = handler_client.get(f"/staff/applications/{a.pk}/letters/{letter.pk}/preview/")
    assert preview["Content-Type"] == "application/pdf" and preview.getvalue().startswith(b"%PDF")
    assert preview["Content-Disposition"] == 'inline; filename="preview.pdf"'
    assert "须由审核人或机构管理员签发" in handler_client.get(f"/staff/applications/{a.pk}/").content.decode()
    assert (
        handler_client.post(f"/staff/applications/{a.pk}/letters/{letter.pk}/sign/", {"on": "2025-03-10"}).status_code
        == 403
    )
    # A refused step (the action's own check) is shown on the application page, 400, nothing signed.
    early = client_of(reviewer).post(f"/staff/applications/{a.pk}/letters/{letter.pk}/sign/", {"on": "2025-03-01"})
    assert early.status_code == 400 and "不能早于收到申请的日期" in early.content.decode()
    # A button without fields goes the same way (e-mail service of an unsigned letter).
    unsigned = handler_client.post(f"/staff/applications/{a.pk}/letters/{letter.pk}/email/")
    assert unsigned.status_code == 400 and "文书尚未签发" in unsigned.content.decode()
    letter.refresh_from_db()
    assert letter.state == "draft"
    assert (
        client_of(reviewer)
        .post(f"/staff/applications/{a.pk}/letters/{letter.pk}/sign/", {"on": "2025-03-10"})
        .status_code
        == 302
    )
    a.refresh_from_db()
    assert a.outcome == "withheld.state_secret"


def test_sms_backend_configured_by_settings_no_network(settings):
    """The provider is configured, not hard-coded; the 阿里云 adapter signs requests (not sent)."""
    from datetime import datetime
    from urllib.parse import parse_qs

    from gongkai.notify import sms

    settings.GONGKAI_SMS_BACKEND = "gongkai.notify.sms.AliyunBackend"
    settings.GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID = ""
    with pytest.raises(sms.SmsError, match="未配置"):
        sms.backend()
    settings.GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID, settings.GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET = "id", "secret"
    settings.GONGKAI_SMS_SIGN_NAME, settings.GONGKAI_SMS_TEMPLATE_CODE = "车辋镇", "SMS_1"
    backend = sms.backend()
    query = parse_qs(backend.signed_query("13800000000", "已收到", now=datetime(2026, 1, 1, tzinfo=UTC), nonce="n1"))
    assert query["Action"] == ["SendSms"] and query["PhoneNumbers"] == ["13800000000"]
    assert (
        query["Signature"][0]
        == parse_qs(backend.signed_query("13800000000", "已收到", now=datetime(2026, 1, 1, tzinfo=UTC), nonce="n1"))[
            "Signature"
        ][0]
    )
    assert sms.is_mobile("138-0000-0000") and not sms.is_mobile("010-1234567")
    settings.GONGKAI_SMS_BACKEND = "gongkai.notify.sms.LoggingBackend"
    assert sms.send("13800000000", "测试").startswith("log-")


def test_provisional_pay_by_date_marked_in_the_fee_notice(township, handler):
    """暂定: a pay-by date counted into a year without official holiday data says so (issue 10)."""
    from django.db import transaction

    from gongkai.applications.letters import issue_letter
    from gongkai.holidays.services import working_calendar

    year = next(y for y in range(2026, 2100) if not working_calendar().covers(y))
    a = registered(township, handler, date(year - 1, 12, 1), today=date(year, 1, 31))
    with transaction.atomic():
        late = issue_letter(
            a,
            "fee",
            issued_on=date(year - 1, 12, 21),
            basis="109号",
            standard="按量",
            amount=100,
            deadline=date(year, 1, 20),
        )
        firm = issue_letter(a, "correction", issued_on=date(year - 1, 12, 21), content="x", deadline=date(year, 1, 20))
    assert f"{year}年1月20日（暂定，以国务院办公厅公布的节假日安排为准）前" in late.body
    assert "暂定" not in firm.body  # the 补正期限 is a date the agency sets
    with transaction.atomic():
        told = issue_letter(
            a,
            "fee",
            issued_on=date(year - 1, 12, 21),
            basis="109号",
            standard="按量",
            amount=100,
            deadline=date(year, 1, 20),
            provisional=False,
        )
    assert "暂定" not in told.body  # the clock's own flag wins
    assert [late.number_seq, firm.number_seq, told.number_seq] == [1, 2, 3]


def test_consultation_letters_differ_art_32_and_art_34(township, handler, agency_admin):
    """Art. 32 (third party: the agency decides) and Art. 34 (co-producer: silence = consent) have
    different letters; disclosure over an objection is notified to the third party with remedies."""
    from django.db import transaction

    from gongkai.applications.letters import issue_letter

    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    with transaction.atomic():
        third = issue_letter(
            a,
            "consultation",
            issued_on=date(2025, 3, 4),
            for_applicant=False,
            third_party="某公司",
            content="是否同意",
            deadline=date(2025, 3, 25),
        )
        agency = issue_letter(
            a,
            "consultation_agency",
            issued_on=date(2025, 3, 4),
            for_applicant=False,
            third_party="县水利局",
            content="是否同意",
            deadline=date(2025, 3, 25),
        )
        notice = issue_letter(
            a,
            "disclosure_notice",
            issued_on=date(2025, 4, 1),
            for_applicant=False,
            third_party="某公司",
            content="合同金额",
            reason="涉及公共资金使用",
        )
        delayed = issue_letter(
            a, "delayed_reply", issued_on=date(2025, 3, 5), until=date(2025, 6, 30), content="将分批提供"
        )
    assert "第三十二条" in third.body and "第三十四条" not in third.body
    assert "视为同意公开" in agency.body and "第三十四条" in agency.body
    assert "公共利益" in notice.body and "测试县人民法院" in notice.body and "合同金额" in notice.body
    assert "第三十五条" in delayed.body and "2025年6月30日前" in delayed.body


def test_drafts_to_sign_for_the_clerks_desk(township, handler, reviewer):
    from gongkai.applications.letters.queries import drafts_to_sign, letters_to_serve

    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = draft(a, handler)
    assert drafts_to_sign(reviewer, [township]) == [letter]
    assert drafts_to_sign(handler, [township]) == []  # neither the right role nor another person
    actions.sign_off_reply(letter=letter, actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    assert drafts_to_sign(reviewer, [township]) == []
    assert list(letters_to_serve([township])) == [Letter.objects.get(pk=letter.pk)]


def test_retry_job_sends_recent_failures_again(township, handler, settings, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from gongkai.applications.jobs import retry_notifications

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with django_capture_on_commit_callbacks(execute=True):
        a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    row = Notification.objects.get(application=a, channel="email")
    assert row.status == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_notifications(timezone.now()) == "通知重发：1/1"
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1


def test_sealed_scan_is_what_the_email_carries(
    township, handler, reviewer, client_of, django_capture_on_commit_callbacks
):
    """GB/T 38540 or the sealed original: the e-mailed copy is the uploaded sealed scan."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    letter = actions.sign_off_reply(letter=draft(a, handler), actor=reviewer, on=date(2025, 3, 10), today=TODAY)
    assert letter.seal_kind == ""
    client = client_of(handler)
    url = f"/staff/applications/{a.pk}/letters/{letter.pk}/sealed/"
    refused = client.post(url, {"file": SimpleUploadedFile("scan.jpg", b"\xff\xd8jpeg", "image/jpeg")})
    assert refused.status_code == 400 and "不是PDF文件" in refused.content.decode()
    scan = sealed_pdf()
    upload = SimpleUploadedFile("scan.pdf", scan, "application/pdf")
    assert client.post(url, {"file": upload, "seal_kind": "image"}).status_code == 302
    page = client.get(f"/staff/applications/{a.pk}/").content.decode()
    assert "印章：加盖印章的原件扫描图像" in page and f'id="email-{letter.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        actions.serve_by_email(letter=letter, actor=handler, today=TODAY)
    sent = [m for m in mail.outbox if m.attachments]
    assert len(sent) == 1 and sent[0].attachments[0][1] == scan and "加盖印章" in sent[0].body
