"""The audit log is append-only in the database itself: triggers refuse UPDATE and DELETE of
`audit_auditentry` (and TRUNCATE on PostgreSQL), whatever issued them — the ORM's bulk
`QuerySet.update()/delete()`, raw SQL, or a bug. Only `maintenance()` lifts this, for one
connection, and only these two callers use it:

- `expire_before()` (`gongkai audit expire --before DATE`): deletes entries older than the legal
  minimum (six months, 网络安全法 Art. 21) and records that it did, in the same transaction.
- Django's `flush` (used by TransactionTestCase / pytest-django `transactional_db` between tests,
  and by `gongkai manage flush`), which empties every table: `install()` wraps the connection's
  `execute_sql_flush` so that wiping the whole database still works. Ordinary tests roll back
  their transaction and never delete.

How the switch works: on SQLite a per-connection SQL function `gongkai_audit_maintenance()`
(registered by `install()`; another program opening the file has no such function, so its
UPDATE/DELETE fails too); on PostgreSQL the session setting `gongkai.audit_maintenance`.
A migration that rebuilds `audit_auditentry` on SQLite drops its triggers: re-run
`TRIGGERS_SQLITE` after it (tests/audit checks that the triggers exist).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created

TABLE = "audit_auditentry"
MESSAGE = "审计记录只能追加，不能修改或删除"

TRIGGERS_SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT gongkai_audit_maintenance() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT gongkai_audit_maintenance() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
DROP_SQLITE = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]

TRIGGERS_POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION gongkai_audit_refuse() RETURNS trigger AS $$
    BEGIN
        IF current_setting('gongkai.audit_maintenance', true) = 'on' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION gongkai_audit_refuse()""",
    f"""CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION gongkai_audit_refuse()""",
]
DROP_POSTGRES = [
    f"DROP TRIGGER IF EXISTS audit_no_update_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS gongkai_audit_refuse()",
]


def create_triggers(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _register_sqlite_function(schema_editor.connection)
        statements = TRIGGERS_SQLITE
    elif vendor == "postgresql":
        statements = TRIGGERS_POSTGRES
    else:
        raise RuntimeError(f"audit triggers: unsupported database {vendor}")
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in DROP_SQLITE if vendor == "sqlite" else DROP_POSTGRES:
        schema_editor.execute(sql)


def _register_sqlite_function(connection) -> None:
    connection.ensure_connection()
    raw = connection.connection
    raw.create_function(
        "gongkai_audit_maintenance", 0, lambda: 1 if getattr(connection, "gongkai_audit_maintenance", False) else 0
    )


@contextmanager
def maintenance(using: str = "default"):
    """Lift the append-only rule for this connection while the block runs."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('gongkai.audit_maintenance', 'on', false)")
        try:
            yield
        finally:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('gongkai.audit_maintenance', 'off', false)")
            except DatabaseError:
                # The block's transaction failed: its rollback also undoes the set_config above
                # (made inside it); the original error propagates.
                pass
    else:
        connection.gongkai_audit_maintenance = True
        try:
            yield
        finally:
            connection.gongkai_audit_maintenance = False


def _on_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        _register_sqlite_function(connection)
    ops = connection.ops
    if not getattr(ops, "_gongkai_flush_wrapped", False):
        original = ops.execute_sql_flush

        def execute_sql_flush(sql_list):
            with maintenance(connection.alias):
                return original(sql_list)

        ops.execute_sql_flush = execute_sql_flush
        ops._gongkai_flush_wrapped = True


def install() -> None:
    connection_created.connect(_on_connection, dispatch_uid="gongkai.audit.integrity")
