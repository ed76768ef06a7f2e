import pytest
from django.urls import reverse

from gongkai.agencies.access import Action, agency_for, can, supervised_agencies, visible_agencies
from gongkai.audit.models import AuditEntry


def test_roles_decide_actions(township, handler, reviewer, agency_admin, supervisor, other_handler):
    assert can(handler, Action.EDIT, township) and not can(handler, Action.REVIEW, township)
    assert can(reviewer, Action.REVIEW, township) and not can(reviewer, Action.EDIT, township)
    assert can(agency_admin, Action.ADMINISTER, township)
    assert can(supervisor, Action.VIEW, township) and can(supervisor, Action.SUPERVISE, township)
    assert not can(supervisor, Action.EDIT, township)
    assert not can(other_handler, Action.VIEW, township)


def test_visible_and_supervised_agencies(township, county_office, other_agency, supervisor, handler):
    assert set(visible_agencies(supervisor)) == {county_office, township}
    assert set(supervised_agencies(supervisor)) == {township}
    assert set(visible_agencies(handler)) == {township}


def test_agency_for_gives_404_for_missing_and_forbidden(township, other_handler):
    from django.http import Http404

    with pytest.raises(Http404):
        agency_for(other_handler, township.pk)
    with pytest.raises(Http404):
        agency_for(other_handler, 999999)


def test_other_agencys_handler_cannot_open_staff_page(client_of, township, handler, other_handler):
    url = reverse("agencies:detail", args=[township.pk])
    assert client_of(handler).get(url).status_code == 200
    response = client_of(other_handler).get(url)
    assert response.status_code == 404
    assert township.name not in response.content.decode()


def test_supervisor_reads_supervised_agency_but_cannot_edit(client_of, township, supervisor):
    client = client_of(supervisor)
    assert client.get(reverse("agencies:detail", args=[township.pk])).status_code == 200
    assert client.get(reverse("agencies:edit", args=[township.pk])).status_code == 404


def test_staff_area_requires_login(client, township):
    response = client.get(reverse("agencies:detail", args=[township.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_invalid_credit_code_is_a_chinese_field_error_and_nothing_changes(client_of, township, agency_admin):
    url = reverse("agencies:edit", args=[township.pk])
    data = {
        "name": township.name,
        "credit_code": township.credit_code[:17] + "0"
        if township.credit_code[17] != "0"
        else township.credit_code[:17] + "1",
    }
    response = client_of(agency_admin).post(url, data)
    assert response.status_code == 200
    assert "统一社会信用代码校验位错误" in response.content.decode()
    township.refresh_from_db()
    assert township.credit_code.endswith(township.credit_code[17])
    assert not AuditEntry.objects.filter(kind="agency.updated").exists()


def test_admin_edit_writes_audit_entry(client_of, township, agency_admin):
    url = reverse("agencies:edit", args=[township.pk])
    data = {"name": township.name, "credit_code": township.credit_code, "phone": "0913-1234567"}
    response = client_of(agency_admin).post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(kind="agency.updated")
    assert entry.actor == agency_admin and entry.agency == township
    assert entry.before["phone"] == "" and entry.after["phone"] == "0913-1234567"


def test_audit_entries_are_append_only(township, handler):
    from django.db import transaction

    from gongkai import audit

    with transaction.atomic():
        entry = audit.record(subject=township, actor=handler, kind="test.kind")
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
