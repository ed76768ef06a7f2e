import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_demo_role_logs_in_and_sees_its_agency(page, live_server):
    from gongkai.agencies.demo import DEMO_PASSWORD, DEMO_USERS, demo_user, load

    load()
    for username, _full_name, role, agency_name in DEMO_USERS:
        page.context.clear_cookies()
        login(page, live_server, demo_user(username), password=DEMO_PASSWORD)
        assert page.title().startswith("工作台")
        assert agency_name in page.content()
        assert role.label in page.content()


def test_home_page_on_a_phone(phone_page, live_server, township):
    phone_page.goto(live_server.url + "/")
    assert phone_page.title() == "政府信息公开"
    assert phone_page.locator("text=" + township.name).is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no horizontal scrolling on a phone


def test_wrong_password_is_a_chinese_message(page, live_server, handler):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", handler.username)
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.content()
