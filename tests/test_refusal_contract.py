"""The one refusal contract (issue 15): every refusal is a `gongkai.core.refusal.Refused`, actions
never raise Django's PermissionDenied, and a refusal that leaves a view is rendered in one place."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import path
from django.utils import timezone

import gongkai
from gongkai import urls as site_urls
from gongkai.agencies.access import FOUR_EYES
from gongkai.core.refusal import PermissionRefused, Refused

ROOT = Path(gongkai.__file__).parent

# Exception classes that are not refusals to a person, each with the reason it stays apart.
NOT_REFUSALS = {
    "BoundExceeded": "core/bounded.py: a parse ran out of time or memory; callers turn it into UploadRefused",
    "BoundFailed": "core/bounded.py: the bounded child process itself failed (an operations error)",
    "UnsafePath": "publishing/store.py: a programming guard against writing outside the site directory",
    "CommandError": "cli/base.py: argparse-level usage of the CLI, with its own exit code",
    "SmsError": "notify/sms.py: the SMS gateway failed (retried by a job, never shown as a refusal)",
    "ReportShapeError": "core/report/model.py: a report JSON that breaks the data contract (listing every problem)",
    "TooMuchText": "core/report/read_ofd.py: a bound inside the OFD reader, caught there and turned into a finding",
}
CLASS = re.compile(r"^class (\w+)\(([\w., ]+)\):", re.MULTILINE)
BUILTIN_BASES = {"Exception", "ValueError", "RuntimeError", "TypeError", "LookupError"}


def _exception_classes():
    for file in sorted(ROOT.rglob("*.py")):
        if "migrations" in file.parts:
            continue
        for name, bases in CLASS.findall(file.read_text(encoding="utf-8")):
            yield file.relative_to(ROOT), name, {b.strip().split(".")[-1] for b in bases.split(",")}


def test_every_refusal_class_is_a_refused():
    strays = [
        f"{file}: {name}({', '.join(sorted(bases))})"
        for file, name, bases in _exception_classes()
        if bases & BUILTIN_BASES and name not in NOT_REFUSALS and str(file) != "core/refusal.py"
    ]
    assert not strays, "refusals must derive from gongkai.core.refusal.Refused: " + "; ".join(strays)


def test_actions_raise_permission_refused_not_django_permission_denied():
    actions = [*ROOT.glob("*/actions.py"), *ROOT.glob("*/actions/*.py")]
    assert len(actions) > 10
    offenders = [str(f.relative_to(ROOT)) for f in actions if "raise PermissionDenied" in f.read_text(encoding="utf-8")]
    assert not offenders


def _refused(request):
    raise Refused("该申请已办结，不能再补正", code="closed")


def _forbidden(request):
    raise PermissionRefused("只有机构管理员可以修改文书设置")


urlpatterns = [
    path("staff/test-refused/", _refused),
    path("staff/test-forbidden/", _forbidden),
    path("api/v1/test-refused", _refused),
    path("api/v1/test-forbidden", _forbidden),
    *site_urls.urlpatterns,
]


@pytest.fixture
def refusing_urls(settings):
    settings.ROOT_URLCONF = __name__


def test_a_refusal_leaving_a_view_is_the_chinese_page_400(client, refusing_urls):
    response = client.get("/staff/test-refused/", HTTP_REFERER="http://testserver/staff/")
    page = response.content.decode()
    assert response.status_code == 400
    assert "无法完成操作" in page and "该申请已办结，不能再补正" in page and "closed" not in page
    assert 'href="http://testserver/staff/"' in page  # back to where the person came from
    foreign = client.get("/staff/test-refused/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in foreign


def test_a_permission_refusal_is_the_chinese_page_403(client, refusing_urls):
    response = client.get("/staff/test-forbidden/")
    assert response.status_code == 403
    assert (
        "无权进行此操作" in response.content.decode() and "只有机构管理员可以修改文书设置" in response.content.decode()
    )


def test_a_refusal_under_api_is_json(client, refusing_urls):
    response = client.get("/api/v1/test-refused")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": "closed", "message": "该申请已办结，不能再补正"}
    forbidden = client.get("/api/v1/test-forbidden")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "permission"


def test_an_action_refuses_a_user_without_the_permission_even_outside_a_view(township, handler, other_handler):
    from gongkai.applications import actions
    from tests.applications.factories import registered

    application = registered(township, handler, date(2026, 3, 2), today=date(2026, 3, 3))
    with pytest.raises(PermissionRefused):
        actions.withdraw(application=application, actor=other_handler, on=date(2026, 3, 3), today=date(2026, 3, 3))
    application.refresh_from_db()
    assert application.state != "closed"


def test_four_eyes_is_one_rule_for_the_holiday_schedule_too(db, township):
    from django.contrib.auth import get_user_model

    from gongkai.holidays import actions

    operator = get_user_model().objects.create_superuser("operator", password="x")
    proposal = actions.propose_year_schedule(
        agency=township,
        actor=operator,
        year=2031,
        holidays=[date(2031, 1, 1)],
        makeup_workdays=[],
        source="",
        now=timezone.now(),
    )
    with pytest.raises(Refused, match=re.escape(FOUR_EYES)):
        actions.confirm_year_schedule(proposal=proposal, actor=operator, now=timezone.now())
    proposal.refresh_from_db()
    assert proposal.state == "pending"


def test_the_cli_prints_a_refusal_on_one_line_and_exits_2(db, capsys):
    from gongkai.cli import main

    assert main(["workdays", "add", "2099-06-01", "3"]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "2099年的法定节假日安排尚未录入" in error
