"""A reply letter from draft to 送达: the handler drafts and previews, the reviewer signs it off
(签发, four eyes), the handler uploads the sealed copy and serves it by e-mail — never unsealed
(issue 10)."""

from datetime import date

import pytest

from gongkai.applications.models import Letter
from tests.applications.factories import registered, sealed_pdf
from tests.browser.conftest import login


@pytest.mark.browser
def test_draft_preview_sign_off_and_email_service(page, live_server, township, handler, reviewer):
    application = registered(township, handler, date(2025, 3, 3))
    detail = f"{live_server.url}/staff/applications/{application.pk}/"
    login(page, live_server, handler)
    page.goto(detail)
    section = page.locator("#action-decide")
    section.locator("summary").click()
    section.locator("[name=outcome]").select_option("unavailable.not_held")
    assert section.locator("[name=provision_way]").is_hidden()  # only the chosen outcome's fields
    section.locator("[name=not_held_basis]").select_option("other_agency")
    section.locator("[name=search_done]").fill("本机关2020年以来的收发文登记和档案")
    section.locator("button[type=submit]").click()
    assert "负责公开该信息的机关" in page.inner_text("#action-error")  # 条例 Art. 36(五)
    section = page.locator("#action-decide")
    section.locator("[name=responsible_agency]").fill("测试县水利局")
    section.locator("[name=responsible_contact]").fill("0000-1234567")
    section.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    text = page.inner_text("#reply-text")
    assert "测试县水利局" in text and "第三十六条第（五）项" in text and "测试县人民政府" in text
    assert "须由审核人或机构管理员签发" in page.inner_text("#sign-waiting")
    preview = page.request.get(live_server.url + page.locator("#reply-preview").get_attribute("href"))
    assert preview.headers["content-type"] == "application/pdf" and preview.body().startswith(b"%PDF")

    page.context.clear_cookies()
    login(page, live_server, reviewer)
    page.goto(detail)
    page.click("#sign-form button[type=submit]")
    page.wait_for_selector(".messages")
    letters = page.inner_text("#letters")
    assert "测政信复〔" in letters and "答复告知书" in letters
    assert "无法提供" in page.inner_text("#outcome")

    page.context.clear_cookies()
    login(page, live_server, handler)
    page.goto(detail)
    letter = Letter.objects.get(application=application, kind="reply")
    assert page.locator(f"#email-{letter.pk}").count() == 0  # no unsealed letter by e-mail
    assert "尚未上传加盖印章的文书" in page.inner_text(f"#seal-state-{letter.pk}")
    page.set_input_files(f"#sealed-{letter.pk}", {"name": "盖章扫描件.pdf", "mimeType": "text/plain", "buffer": b"x"})
    page.click(f"#upload-{letter.pk}")
    assert "不是PDF文件" in page.inner_text("#action-error")
    scan = sealed_pdf()
    page.set_input_files(
        f"#sealed-{letter.pk}", {"name": "盖章扫描件.pdf", "mimeType": "application/pdf", "buffer": scan}
    )
    page.click(f"#upload-{letter.pk}")
    page.wait_for_selector(".messages")
    assert "加盖印章的原件扫描图像" in page.inner_text(f"#seal-state-{letter.pk}")
    page.click(f"#email-{letter.pk}")
    page.wait_for_selector(".messages")
    assert "电子邮件" in page.inner_text("#notifications")
    assert "印章：加盖印章的原件扫描图像" in page.inner_text("#letters")
    assert bytes(Letter.objects.get(pk=letter.pk).sealed_pdf) == scan
