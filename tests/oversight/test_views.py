"""The 监督检查 pages through HTTP: gates (404), Chinese field errors, CSRF, the XLSX 通报."""

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.core.calendar import add_working_days
from gongkai.holidays.services import working_calendar
from gongkai.oversight import actions
from gongkai.oversight.models import Inspection, Rectification


def future_due():
    return add_working_days(timezone.localdate(), 5, working_calendar().provisional())


@pytest.fixture
def rectification(township, supervisor, stale_finding):
    return actions.issue_rectification(
        agency=township,
        actor=supervisor,
        finding_ids=[stale_finding.pk],
        requirement="请更新栏目",
        due_on=future_due(),
        today=timezone.localdate(),
    )


def test_nav_link_for_staff_only(client_of, handler, supervisor, django_user_model):
    for user in (handler, supervisor):
        assert "监督检查" in client_of(user).get(reverse("oversight:home")).content.decode()
    stranger = django_user_model.objects.create_user("stranger", password="x")
    page = client_of(stranger).get(reverse("oversight:home"))
    assert page.status_code == 200 and reverse("oversight:home") + '"' not in page.content.decode()


def test_home_supervisor_sees_supervised_agencies_and_handler_only_own(
    client_of, supervisor, handler, township, other_agency
):
    body = client_of(supervisor).get(reverse("oversight:home")).content.decode()
    assert township.name in body and other_agency.name not in body and "立即检查全部机构" in body
    body = client_of(handler).get(reverse("oversight:home")).content.decode()
    assert township.name in body and "立即检查全部机构" not in body


def test_agency_page_gated(client_of, township, handler, supervisor, other_handler, inspection):
    url = reverse("oversight:agency", args=[township.pk])
    assert client_of(other_handler).get(url).status_code == 404
    assert client_of(handler).get(reverse("oversight:agency", args=[99999])).status_code == 404
    handler_page = client_of(handler).get(url).content.decode()
    assert "镇街动态" in handler_page and "下发整改通知" not in handler_page
    assert "下发整改通知" in client_of(supervisor).get(url).content.decode()


def test_run_inspection_now(client_of, township, supervisor, handler, news):
    url = reverse("oversight:run", args=[township.pk])
    assert client_of(handler).post(url).status_code == 404
    assert client_of(supervisor).get(url).status_code == 405
    assert client_of(supervisor).post(url).status_code == 302
    assert client_of(supervisor).post(reverse("oversight:run_all")).status_code == 302
    assert Inspection.objects.filter(agency=township, run_by=supervisor).count() == 2
    assert client_of(handler).post(reverse("oversight:run_all")).status_code == 404


@pytest.mark.parametrize(
    "change, error",
    [
        ({"due_on": "2020-01-06"}, "整改期限不能早于今天"),
        ({"due_on": "不是日期"}, "请输入有效日期"),
        ({"requirement": ""}, "请填写整改要求"),
        ({"findings": []}, "请至少选择一个问题"),
        ({"findings": ["999999"]}, "所选问题不存在或已下发整改通知"),
    ],
)
def test_issue_form_errors_in_chinese_and_nothing_saved(client_of, township, supervisor, stale_finding, change, error):
    data = {"findings": [stale_finding.pk], "requirement": "请更新", "due_on": future_due().isoformat()}
    data.update(change)
    response = client_of(supervisor).post(reverse("oversight:issue", args=[township.pk]), data)
    assert response.status_code == 400 and error in response.content.decode()
    assert not Rectification.objects.exists()


def test_issue_then_report_then_verify_over_http(
    client_of, township, supervisor, handler, other_handler, stale_finding, correct
):
    response = client_of(supervisor).post(
        reverse("oversight:issue", args=[township.pk]),
        {"findings": [stale_finding.pk], "requirement": "请更新镇街动态", "due_on": future_due().isoformat()},
    )
    rectification = Rectification.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "oversight:rectification", args=[rectification.pk]
    )
    detail = reverse("oversight:rectification", args=[rectification.pk])
    assert client_of(other_handler).get(detail).status_code == 404
    assert "报送整改情况" in client_of(handler).get(detail).content.decode()
    empty = client_of(handler).post(reverse("oversight:submit", args=[rectification.pk]), {"report": "  "})
    assert empty.status_code == 400 and "请填写整改情况" in empty.content.decode()
    assert (
        client_of(other_handler).post(reverse("oversight:submit", args=[rectification.pk]), {"report": "x"}).status_code
        == 404
    )
    assert (
        client_of(handler)
        .post(reverse("oversight:submit", args=[rectification.pk]), {"report": "已补发动态"})
        .status_code
        == 302
    )
    verify = reverse("oversight:verify", args=[rectification.pk])
    assert client_of(handler).post(verify, {"decision": "accept"}).status_code == 404  # handler cannot verify
    no_reason = client_of(supervisor).post(verify, {"decision": "return", "note": ""})
    assert no_reason.status_code == 400 and "退回时请填写退回理由" in no_reason.content.decode()
    still = client_of(supervisor).post(verify, {"decision": "accept", "note": "通过"})
    assert still.status_code == 400 and "仍未整改，不能验收通过" in still.content.decode()  # re-inspected
    correct(rectification, timezone.localdate())
    assert client_of(supervisor).post(verify, {"decision": "accept", "note": "通过"}).status_code == 302
    rectification.refresh_from_db()
    assert rectification.state == "accepted"
    again = client_of(supervisor).post(verify, {"decision": "accept"}, follow=True)
    assert "不能执行该操作" in again.content.decode()


def test_csrf_is_enforced(township, supervisor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)
    assert client.post(reverse("oversight:run", args=[township.pk])).status_code == 403


def test_bulletin_page_and_xlsx(client_of, township, supervisor, handler, inspection, rectification):
    week = f"{inspection.iso_year}-W{inspection.iso_week:02d}"
    assert client_of(handler).get(reverse("oversight:bulletin")).status_code == 404
    page = client_of(supervisor).get(reverse("oversight:bulletin"), {"week": week})
    assert page.status_code == 200 and township.name in page.content.decode()
    assert client_of(supervisor).get(reverse("oversight:bulletin"), {"week": "2025-W99"}).status_code == 400
    assert client_of(supervisor).get(reverse("oversight:bulletin"), {"week": "x"}).status_code == 400
    url = reverse("oversight:bulletin_export", args=[inspection.iso_year, inspection.iso_week])
    assert client_of(handler).get(url).status_code == 404
    response = client_of(supervisor).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")  # RFC 5987: a Chinese name
    sheet = load_workbook(BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "2025年第11周" in rows[0][0]
    assert rows[1][:3] == ("序号", "机构", "检查日期")
    assert rows[2][1] == township.name and rows[2][3] == inspection.finding_count
    assert rows[2][5] == inspection.finding_count  # none accepted yet
    assert rows[2][6] == 1
