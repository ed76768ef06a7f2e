"""The audit log refuses UPDATE and DELETE in the database itself, whatever issues them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from gongkai.audit.integrity import maintenance
from gongkai.audit.models import AuditEntry


def _entry(**extra):
    values = {"actor_label": "测试", "kind": "test.kind", "subject_type": "test.subject", "subject_id": "1"}
    values.update(extra)
    return AuditEntry.objects.create(**values)


def _refused(callable_):
    with pytest.raises(DatabaseError) as error:
        with transaction.atomic():
            callable_()
    return str(error.value)


@pytest.mark.django_db
def test_bulk_update_is_refused_by_the_database():
    entry = _entry()
    assert "只能追加" in _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(note="改过"))
    entry.refresh_from_db()
    assert entry.note == ""


@pytest.mark.django_db
def test_bulk_delete_is_refused_by_the_database():
    _entry()
    assert "只能追加" in _refused(lambda: AuditEntry.objects.all().delete())
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_raw_sql_update_and_delete_are_refused():
    _entry()

    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)

        return run

    _refused(raw("UPDATE audit_auditentry SET note = 'x'"))
    _refused(raw("DELETE FROM audit_auditentry"))
    assert AuditEntry.objects.filter(note="").count() == 1


@pytest.mark.django_db
@pytest.mark.postgres_only
def test_truncate_is_refused_on_postgresql():
    _entry()

    def run():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditentry")

    _refused(run)
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_maintenance_lifts_the_rule_for_this_connection_only_while_it_runs():
    entry = _entry()
    with transaction.atomic(), maintenance():
        AuditEntry.objects.filter(pk=entry.pk).update(note="维护")
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(note="再改"))
    entry.refresh_from_db()
    assert entry.note == "维护"


@pytest.mark.django_db
def test_the_triggers_exist():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_auditentry'")
            assert {r[0] for r in cursor.fetchall()} == {"audit_no_update", "audit_no_delete"}
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditentry'::regclass")
            assert {r[0] for r in cursor.fetchall()} >= {"audit_no_update_delete", "audit_no_truncate"}


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_still_empty_the_database():
    """flush (TRUNCATE on PostgreSQL, DELETE on SQLite) runs under maintenance(); this test's own
    teardown flush would fail otherwise, and so would the next test's count."""
    _entry()
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    assert AuditEntry.objects.count() == 0
    _entry()


def _aged(days):
    entry = _entry(kind=f"old.{days}")
    with transaction.atomic(), maintenance():
        AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=days))
    return entry


@pytest.mark.django_db
def test_expiry_keeps_six_months_and_records_itself():
    """网络安全法 Art. 21: logs kept at least six months."""
    from gongkai.audit.retention import expire_before
    from gongkai.core.refusal import Refused

    today = date(2026, 11, 27)
    _aged(400)
    young = _aged(100)
    with pytest.raises(Refused) as error:
        expire_before(date(2026, 6, 1), today=today)
    assert "至少保存六个月" in str(error.value) and "2026年5月27日" in str(error.value)
    assert AuditEntry.objects.count() == 2
    deleted = expire_before(date(2026, 5, 27), today=today, operator="tester")
    assert deleted == 1
    kinds = set(AuditEntry.objects.values_list("kind", flat=True))
    assert kinds == {young.kind, "audit.expired"}
    run = AuditEntry.objects.get(kind="audit.expired")
    assert run.after == {"before": "2026-05-27", "deleted": 1, "operator": "tester"}


def test_cli_refuses_a_young_cutoff_with_a_chinese_reason(capsys, db):
    from gongkai.cli import main

    code = main(["audit", "expire", "--before", timezone.localdate().isoformat()])
    assert code == 2
    assert "至少保存六个月" in capsys.readouterr().err
