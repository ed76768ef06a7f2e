"""The online application form (条例 Art. 29), its one-time token, the 回执 and the status page."""

import re
import subprocess
from collections import Counter

import pytest
from django.test import Client

from gongkai.applications.models import Application
from gongkai.applications.public_forms import phone_problem
from tests.applications.factories import VALID_ID, VALID_USCC, person

TOKEN = "t" * 32


def _ids(html: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def test_form_page_has_unique_ids_and_labels(township):
    for response in (
        Client().get(f"/apply/{township.slug}/"),
        Client().post(f"/apply/{township.slug}/", {"delivery": "email", "phone": "1" * 40}),
    ):
        html = response.content.decode()
        duplicates = [k for k, n in _ids(html).items() if n > 1]
        assert not duplicates, duplicates
        for field_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', html):
            if 'type="hidden"' not in html.split(f'id="{field_id}"')[0].rsplit("<input", 1)[1]:
                assert f'for="{field_id}"' in html, field_id


def test_refused_form_is_400_with_aria_invalid_and_message_beside_each_field(township):
    response = Client().post(
        f"/apply/{township.slug}/", person(phone="1" * 40, email="", delivery="email", submission_token=TOKEN)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_phone"|<input[^>]*id="id_phone"[^>]*aria-invalid="true"', html
    )
    assert 'id="id_phone_error"' in html and "位数过多" in html
    assert 'id="id_email_error"' in html and "选择以电子邮件方式获取信息的，请填写电子邮箱" in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert f'value="{TOKEN}"' in html  # the same token: correcting and resubmitting stays one application
    assert not Application.objects.exists()


def test_fields_of_the_type_not_chosen_are_ignored_not_refused(township):
    data = person(credit_code="GARBAGE", legal_representative="x" * 500, submission_token=TOKEN)
    assert Client().post(f"/apply/{township.slug}/", data).status_code == 302
    application = Application.objects.get()
    assert application.credit_code == "" and application.legal_representative == ""
    company = {
        "applicant_type": "research_institution",
        "name": "某研究所",
        "credit_code": VALID_USCC,
        "legal_representative": "李四",
        "contact_person": "王五",
        "phone": "0791-88888888转123",
        "information": "某项目批复",
        "provision_form": "electronic",
        "delivery": "post",
        "id_type": "resident_id",
        "id_number": "not-an-id",
        "submission_token": "u" * 32,
    }
    assert Client().post(f"/apply/{township.slug}/", company).status_code == 302
    assert Application.objects.get(name="某研究所").id_number == ""


@pytest.mark.parametrize(
    "phone,ok",
    [
        ("13800000000", True),
        ("0791-88888888", True),
        ("+86 138 0000 0000", True),
        ("(0791)88888888转8001", True),
        ("1" * 40, False),
        ("12345", False),
        ("1380000000a", False),
    ],
)
def test_phone_numbers(phone, ok):
    assert (phone_problem(phone) is None) is ok


def test_same_token_twice_is_one_application_and_the_code_is_shown_once(township):
    client = Client()
    first = client.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))
    again = client.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))  # reload / double click
    assert first.status_code == again.status_code == 302
    assert again["Location"] == f"{first['Location']}?t={TOKEN}"  # the same receipt
    assert Application.objects.count() == 1
    receipt = client.get(first["Location"])
    html = receipt.content.decode()
    code = re.search(r'<strong id="query-code">([A-Z0-9]{10})</strong>', html).group(1)
    assert 'id="application-number"' in html and "第三十一条" in html and "（暂定）" in html
    assert receipt["Cache-Control"] == "no-store"
    assert code not in client.get(first["Location"]).content.decode()  # shown once
    assert Client().get(first["Location"]).status_code == 404  # another browser: not its receipt


def test_parallel_second_post_leaves_the_first_requests_code_alone(township):
    """A double click sends two posts; the second (here: without the first's session, as when
    both run at once) must not overwrite the session that holds the code to show once."""
    first, second = Client(), Client()
    location = first.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))["Location"]
    again = second.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))
    assert Application.objects.count() == 1 and "sessionid" not in again.cookies
    receipt = second.get(again["Location"])  # opened through the form's token
    assert receipt.status_code == 200 and 'id="application-number"' in receipt.content.decode()
    assert 'id="query-code"' not in receipt.content.decode()
    assert 'id="query-code"' in first.get(location).content.decode()  # still shown to the first
    assert second.get(f"{location}?t={'x' * 32}").status_code == 404


def test_receipt_pdf_prints_number_and_code(township):
    client = Client()
    location = client.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))["Location"]
    html = client.get(location).content.decode()
    code = re.search(r'name="code" value="([A-Z0-9]{10})"', html).group(1)
    application = Application.objects.get()
    response = client.post(f"{location}receipt.pdf", {"code": code})
    pdf = response.getvalue()  # streamed: read once
    assert response.status_code == 200 and pdf.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert application.number in text and code in text and "回执" in text and "暂定" in text
    wrong = client.post(f"{location}receipt.pdf", {"code": "AAAAAAAAAA"})
    assert (
        "AAAAAAAAAA"
        not in subprocess.run(["pdftotext", "-", "-"], input=wrong.getvalue(), capture_output=True).stdout.decode()
    )


def test_status_page_shows_provisional_due_date_and_next_step(township, handler):
    from django.utils import timezone

    from gongkai.applications import actions

    client = Client()
    client.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))
    application = Application.objects.get()
    page = client.get(f"/apply/status/?id={application.pk}").content.decode()
    assert "（暂定）" in page and "工作人员将与您联系确认" in page and 'aria-current="step"' in page
    today = timezone.localdate()
    actions.confirm_receipt(application=application, actor=handler, on=today, today=today)
    page = client.get(f"/apply/status/?id={application.pk}").content.decode()
    assert "办理中" in page and "您无需操作" in page and "自收到申请之日起20个工作日" in page
    assert VALID_ID not in page and "张三" not in page


def test_status_page_art30_tells_the_applicant_to_correct_by_the_deadline(township, handler):
    """条例 Art. 30: while a correction is awaited, the page names the deadline and says the
    reply period restarts; the 补正告知书 is listed for download."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.applications import actions

    client = Client()
    client.post(f"/apply/{township.slug}/", person(submission_token=TOKEN))
    application = Application.objects.get()
    today = timezone.localdate()
    actions.confirm_receipt(application=application, actor=handler, on=today, today=today)
    by = today + timedelta(days=15)
    actions.request_correction(
        application=application,
        actor=handler,
        on=today,
        served_on=today,
        service_method="post",
        correct_by=by,
        content="请写明路段",
        today=today,
    )
    page = client.get(f"/apply/status/?id={application.pk}").content.decode()
    assert f"请于{by.year}年{by.month}月{by.day}日前按《补正告知书》" in page
    assert "重新计算" in page and "补正告知书" in page and "待补正" in page


def test_agency_admin_sees_the_site_settings_link(township, agency_admin, handler, client_of):
    assert f"/staff/site/{township.pk}/" in client_of(agency_admin).get("/staff/").content.decode()
    assert "/staff/site/" not in client_of(handler).get("/staff/").content.decode()


def test_status_page_tells_the_remedy_when_no_reply_came_in_time(township, handler):
    """行政复议法 (2023) Art. 23(三): once the reply is overdue, the status page's next step says 复议
    comes first and names the 复议机关 and the court."""
    from datetime import date

    from gongkai.applications.public_progress import next_step
    from gongkai.applications.remedies import remedy_bodies
    from tests.applications.factories import registered

    application = registered(township, handler, date(2025, 3, 3), today=date(2025, 3, 3))
    bodies = remedy_bodies(township)
    in_time = next_step(application, today=date(2025, 3, 10))
    assert "您无需操作" in in_time and "行政复议" not in in_time
    late = next_step(application, today=date(2025, 5, 6))  # past the 20 working days of Art. 33
    assert late.startswith("本机关未在答复期限内作出答复。") and "应当先向" in late
    assert bodies.review_body in late and bodies.court in late
