from io import StringIO

from django.core.management import call_command


def test_home_page(client, township):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>政府信息公开</title>" in html
    assert township.name in html


def test_unknown_page_is_a_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_error_handlers_render(rf, db):
    from gongkai.portal import views

    assert views.server_error(rf.get("/")).status_code == 500
    assert views.bad_request(rf.get("/")).status_code == 400


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_calendar_years_can_be_entered_by_the_supervisor(client_of, supervisor, handler):
    from gongkai.holidays.services import working_calendar

    assert client_of(handler).get("/staff/calendar/").status_code == 403
    response = client_of(supervisor).post(
        "/staff/calendar/",
        {
            "year": 2027,
            "holidays": "2027-01-01\n2027-02-05~2027-02-11",
            "makeup_workdays": "2027-02-13",
            "source": "国办发明电〔2026〕X号",
        },
    )
    assert response.status_code == 302
    calendar = working_calendar()
    assert calendar.covers(2027)
    from datetime import date

    assert not calendar.is_workday(date(2027, 2, 8)) and calendar.is_workday(date(2027, 2, 13))


def test_calendar_form_rejects_bad_lines(client_of, supervisor):
    from gongkai.holidays.models import EnteredYearSchedule

    response = client_of(supervisor).post(
        "/staff/calendar/", {"year": 2027, "holidays": "2027-01-01\n2027-13-40", "makeup_workdays": ""}
    )
    assert response.status_code == 200
    assert "第2行" in response.content.decode()
    assert not EnteredYearSchedule.objects.exists()


def test_stylesheet_is_served(client, db):
    response = client.get("/static/gongkai/site.css")
    assert response.status_code == 200
    assert b"--red" in b"".join(response.streaming_content)
