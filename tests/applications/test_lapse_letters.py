"""Closing as abandoned issues a letter (issue 10): 其他处理1 (条例 Art. 30, no correction by the
补正期限) and 其他处理2 (条例 Art. 42, 国办函〔2020〕109号, unpaid fee) go through draft → preview →
签发 → 文号 like a reply, and the letter states the facts, the law and the remedies."""

import io
import os
from datetime import date

import pytest

from gongkai.agencies.models import Membership, Role
from gongkai.applications import actions
from gongkai.applications.models import Letter
from gongkai.core import outcomes
from gongkai.core.refusal import PermissionRefused
from tests.applications.factories import registered

TODAY = date(2026, 1, 31)


def corrected_by_post(township, handler):
    a = registered(township, handler, date(2025, 3, 3), today=TODAY)
    actions.request_correction(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=date(2025, 3, 6),
        service_method="post",
        correct_by=date(2025, 3, 19),
        content="请写明所需信息的年份",
        today=TODAY,
    )
    return a


def fee_by_post(township, handler):
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
    return a


def keep_pdf(letter: Letter, name: str) -> None:
    """Write the PDF for a look (`pdftoppm -png -r 60`) when GONGKAI_LETTER_DIR is set."""
    folder = os.environ.get("GONGKAI_LETTER_DIR")
    if folder:
        with open(os.path.join(folder, name), "wb") as out:
            out.write(bytes(letter.pdf))


def pdf_text(letter: Letter) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(bytes(letter.pdf))) as document:
        assert (round(document.pages[0].width), round(document.pages[0].height)) == (595, 842)  # A4
        return "".join(page.extract_text() for page in document.pages).replace("\n", "")


def test_art30_lapse_letter_drafted_then_signed_off_by_another_person(township, handler, reviewer):
    """条例 Art. 30: drafted only after the 补正期限; states the notice (date, 文号, service), the
    period, that it passed, 视为放弃申请 with the article, a new application, the remedies; the
    drafter cannot sign; 签发 closes the application as 其他处理1 with its own 文号."""
    a = corrected_by_post(township, handler)
    with pytest.raises(actions.Refused, match="补正期限（2025年3月19日）尚未届满"):
        actions.draft_lapse(application=a, actor=handler, today=date(2025, 3, 19))
    draft = actions.draft_lapse(application=a, actor=handler, today=date(2025, 3, 20))
    a.refresh_from_db()
    assert a.state == "awaiting_correction" and draft.state == "draft" and not draft.letter_number
    assert draft.title == "逾期未补正视为放弃申请告知书"
    with pytest.raises(PermissionRefused, match="审核人"):  # a 经办人 cannot sign
        actions.sign_off_reply(letter=draft, actor=handler, on=date(2025, 3, 20), today=TODAY)
    Membership.objects.create(user=handler, agency=township, role=Role.REVIEWER)
    handler.__dict__.pop("_gongkai_roles", None)
    with pytest.raises(actions.Refused, match="四眼原则"):  # nor the drafter, even as 审核人
        actions.sign_off_reply(letter=draft, actor=handler, on=date(2025, 3, 20), today=TODAY)
    letter = actions.sign_off_reply(letter=draft, actor=reviewer, on=date(2025, 3, 20), today=TODAY)
    a.refresh_from_db()
    assert a.is_closed and a.outcome == outcomes.NO_CORRECTION and a.decided_on == date(2025, 3, 20)
    correction = a.letters.get(kind="correction")
    assert letter.letter_number == "测政信复〔2025〕2号" and correction.letter_number == "测政信复〔2025〕1号"
    for text in (
        "2025年3月5日作出补正告知书（测政信复〔2025〕1号）",
        "于2025年3月6日送达您",
        "补正期限至2025年3月19日",
        "补正期限已经届满，您未补正申请",
        "第三十条",
        "视为放弃申请",
        "可以重新向本机关提出政府信息公开申请",
        "测试县人民政府申请行政复议",
        "6个月内依法向测试县人民法院提起行政诉讼",
    ):
        assert text in letter.body, text
    label = outcomes.outcome(outcomes.NO_CORRECTION)
    assert label.label not in letter.body and "（六）" not in letter.body and "其他处理" not in letter.body
    text = pdf_text(letter)
    assert "逾期未补正视为放弃申请告知书" in text and "测政信复〔2025〕2号" in text and "2025年3月20日" in text
    keep_pdf(letter, "lapse_correction.pdf")


def test_109_lapse_letter_needs_a_firm_pay_by_and_the_configured_signer(township, handler, reviewer, agency_admin):
    """条例 Art. 42, 国办函〔2020〕109号: after the pay-by (20 working days from service) the letter
    states the notice, the amount, the period, the consequence; with 签发 set to the 机构管理员
    only, the 审核人 cannot sign it."""
    actions.save_letter_settings(
        agency=township,
        actor=agency_admin,
        review_body="测试县人民政府",
        court="测试县人民法院",
        payment_instructions="",
        signer_role="admin",
        number_pattern="测政信复〔{year}〕{seq}号",
    )
    a = fee_by_post(township, handler)
    with pytest.raises(actions.Refused, match="缴费期限（2025年4月2日）尚未届满"):
        actions.draft_lapse(application=a, actor=handler, today=date(2025, 4, 2))
    draft = actions.draft_lapse(application=a, actor=handler, today=date(2025, 4, 3))
    with pytest.raises(PermissionRefused, match="机构管理员"):
        actions.sign_off_reply(letter=draft, actor=reviewer, on=date(2025, 4, 3), today=TODAY)
    with pytest.raises(actions.Refused, match="尚未届满"):  # checked again on the signing date
        actions.sign_off_reply(letter=draft, actor=agency_admin, on=date(2025, 4, 2), today=TODAY)
    letter = actions.sign_off_reply(letter=draft, actor=agency_admin, on=date(2025, 4, 3), today=TODAY)
    a.refresh_from_db()
    assert a.is_closed and a.outcome == outcomes.UNPAID_FEE and letter.signed_by == agency_admin
    for text in (
        "第四十二条",
        "国办函〔2020〕109号",
        "2025年3月5日作出信息处理费收费通知书（测政信复〔2025〕1号）",
        "人民币1100元",
        "缴费期限至2025年4月2日",
        "您未按照收费通知的要求缴纳费用",
        "视为放弃申请",
        "可以重新向本机关提出政府信息公开申请",
        "60日内",
    ):
        assert text in letter.body, text
    assert outcomes.outcome(outcomes.UNPAID_FEE).label not in letter.body
    text = pdf_text(letter)
    assert "逾期未缴费视为放弃申请告知书" in text and "人民币1100元" in text
    keep_pdf(letter, "lapse_fee.pdf")


def test_lapse_shortcut_needs_a_signer(township, handler, reviewer):
    """`lapse_correction` drafts and signs in one transaction (imports, tests): never unsigned."""
    a = corrected_by_post(township, handler)
    with pytest.raises(actions.Refused, match="须经审核人或机构管理员签发"):
        actions.lapse_correction(application=a, actor=handler, on=date(2025, 3, 20), today=TODAY)
    a.refresh_from_db()
    assert a.state == "awaiting_correction" and not a.letters.filter(kind="lapse_correction").exists()
    actions.lapse_correction(application=a, actor=handler, on=date(2025, 3, 20), today=TODAY, signed_by=reviewer)
    assert a.letters.get(kind="lapse_correction").state == "issued"


def test_lapse_letter_through_the_pages(township, handler, reviewer, client_of):
    """The handler drafts the 视为放弃申请告知书 on the application page; it waits on the reviewer's
    desk; the reviewer previews and signs it; the closed application lists it with its 文号."""
    from gongkai.applications.desk import letters_awaiting_signature

    a = corrected_by_post(township, handler)
    url = f"/staff/applications/{a.pk}/"
    # today is after the 补正期限 (2025-03-19), so the draft is allowed
    assert client_of(handler).post(url + "act/correction_lapsed/", {}).status_code == 302
    page = client_of(handler).get(url).content.decode()
    assert "逾期未补正视为放弃申请告知书（待签发）" in page and "补正期限已经届满" in page
    draft = a.letters.get(kind="lapse_correction", state="draft")
    assert [e.title for e in letters_awaiting_signature(reviewer, [township])] == [
        f"{a.number} 逾期未补正视为放弃申请告知书"
    ]
    preview = client_of(reviewer).get(f"{url}letters/{draft.pk}/preview/")
    assert preview["Content-Type"] == "application/pdf" and preview.getvalue().startswith(b"%PDF")
    response = client_of(reviewer).post(f"{url}letters/{draft.pk}/sign/", {"on": date.today().isoformat()})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.is_closed and a.outcome == outcomes.NO_CORRECTION
    page = client_of(handler).get(url).content.decode()
    assert "逾期未补正视为放弃申请告知书（测政信复〔" in page
