"""Who enters holidays (issue 12): 机构管理员 propose, 政务公开办 or the platform administrator confirm;
the rule is stated on the page, and each user is told the step they can take."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.holidays import actions
from gongkai.holidays.models import EnteredYearSchedule, ProposedYearSchedule
from gongkai.holidays.selectors import RULE, calendar_alert_for
from gongkai.holidays.services import working_calendar

FORM = {
    "year": 2031,
    "holidays": "2031-01-01\n2031-01-22~2031-01-28",
    "makeup_workdays": "2031-01-19",
    "source": "国办发明电〔2030〕X号",
}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_agency_admin_proposes_and_it_counts_only_once_confirmed(client_of, agency_admin, supervisor):
    page = client_of(agency_admin).get("/staff/calendar/")
    assert page.status_code == 200 and RULE in page.content.decode() and "提交确认" in page.content.decode()
    response = client_of(agency_admin).post("/staff/calendar/", FORM, follow=True)
    assert "待政务公开办或平台管理员确认" in response.content.decode()
    proposal = ProposedYearSchedule.objects.get()
    assert proposal.state == "pending" and not EnteredYearSchedule.objects.filter(year=2031).exists()
    assert not working_calendar().covers(2031)
    listing = client_of(supervisor).get("/staff/calendar/").content.decode()
    assert "确认生效" in listing and "测试镇人民政府" in listing
    client_of(supervisor).post(f"/staff/calendar/proposals/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.state == "confirmed" and proposal.decided_by == supervisor
    calendar = working_calendar()
    assert (
        calendar.covers(2031) and not calendar.is_workday(date(2031, 1, 23)) and calendar.is_workday(date(2031, 1, 19))
    )


def test_only_confirmers_confirm_and_returns_need_a_reason(agency_admin, supervisor, handler, township):
    proposal = actions.propose_year_schedule(
        agency=township,
        actor=agency_admin,
        year=2031,
        holidays=[date(2031, 1, 1)],
        makeup_workdays=[],
        source="",
        now=timezone.now(),
    )
    with pytest.raises(PermissionRefused):
        actions.confirm_year_schedule(proposal=proposal, actor=agency_admin, now=timezone.now())
    with pytest.raises(PermissionRefused):
        actions.propose_year_schedule(
            agency=township,
            actor=handler,
            year=2032,
            holidays=[date(2032, 1, 1)],
            makeup_workdays=[],
            source="",
            now=timezone.now(),
        )
    with pytest.raises(Refused, match="理由"):
        actions.return_year_schedule(proposal=proposal, actor=supervisor, note=" ", now=timezone.now())
    actions.return_year_schedule(proposal=proposal, actor=supervisor, note="调休日期有误", now=timezone.now())
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    assert not EnteredYearSchedule.objects.filter(year=2031).exists()


def test_handlers_still_cannot_open_the_calendar(client_of, handler):
    assert client_of(handler).get("/staff/calendar/").status_code == 403


def test_the_alert_tells_each_user_their_step(agency_admin, supervisor, handler):
    late_in_year = date(2030, 11, 20)  # 2031 not entered
    assert "请提交节假日安排" in calendar_alert_for(agency_admin, late_in_year).action
    assert calendar_alert_for(agency_admin, late_in_year).url == "/staff/calendar/"
    assert "请录入" in calendar_alert_for(supervisor, late_in_year).action
    handler_alert = calendar_alert_for(handler, late_in_year)
    assert handler_alert.url is None and "联系本机构管理员" in handler_alert.action
