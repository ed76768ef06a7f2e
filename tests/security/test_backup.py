"""`gongkai backup` / `gongkai restore` into a fresh instance: every hash and row count equal."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def _env(var_dir, database_url=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "PYTEST", "DJANGO_"))}
    env["GONGKAI_VAR_DIR"] = str(var_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(args, env, ok=True):
    result = subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _instance(var_dir, database_url=None):
    env = _env(var_dir, database_url)
    _run(["manage", "migrate", "--noinput", "-v", "0"], env)
    _run(["demo"], env)
    upload = var_dir / "media" / "attachments" / "2026" / "附件.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 test attachment")
    return env


def _check_backup_and_restore(tmp_path, source_env, target_env, counts_of):
    backup = tmp_path / "backup"
    _run(["backup", str(backup)], source_env)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert {"keys.json", "media/attachments/2026/附件.pdf"} <= set(manifest["files"])
    for name, entry in manifest["files"].items():
        assert _sha(backup / name) == entry["sha256"]
    assert manifest["row_counts"]["applications_letter"] > 0 and manifest["row_counts"]["audit_auditentry"] > 0
    assert (backup / "keys.json").stat().st_mode & 0o077 == 0

    restored = _run(["restore", str(backup)], target_env)
    assert "一致" in restored.stdout
    assert counts_of("source") == counts_of("target") == manifest["row_counts"]
    source_var, target_var = Path(source_env["GONGKAI_VAR_DIR"]), Path(target_env["GONGKAI_VAR_DIR"])
    assert (
        _sha(target_var / "media/attachments/2026/附件.pdf")
        == manifest["files"]["media/attachments/2026/附件.pdf"]["sha256"]
    )
    for key in ("secret_key", "data_key"):
        assert (target_var / key).read_text() == (source_var / key).read_text()
    # the restored instance reads the encrypted personal data with the restored key
    code = (
        "from gongkai.applications.models import Application as A; print(sorted(a.phone for a in A.objects.all())[0])"
    )
    shell = subprocess.run([GONGKAI, "manage", "shell", "-c", code], env=target_env, capture_output=True, text=True)
    assert shell.returncode == 0 and shell.stdout.strip() and "enc1:" not in shell.stdout, shell.stderr
    # a second restore into the now full instance is refused; a damaged backup restores nothing
    again = _run(["restore", str(backup)], target_env, ok=False)
    assert again.returncode == 2 and "已有数据" in again.stderr
    (backup / "media/attachments/2026/附件.pdf").write_bytes(b"tampered")
    damaged = _run(["restore", str(backup), "--force"], target_env, ok=False)
    assert damaged.returncode == 2 and "校验值不符" in damaged.stderr


@pytest.mark.skipif(os.environ.get("GONGKAI_TEST_DB") == "postgres", reason="SQLite variant")
def test_sqlite_backup_restores_into_a_fresh_instance(tmp_path):
    source_env = _instance(tmp_path / "a")
    target_env = _env(tmp_path / "b")

    def counts_of(which):
        var = Path((source_env if which == "source" else target_env)["GONGKAI_VAR_DIR"])
        connection = sqlite3.connect(var / "gongkai.sqlite3")
        manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in manifest["row_counts"]}

    _check_backup_and_restore(tmp_path, source_env, target_env, counts_of)


@pytest.mark.postgres_only
def test_postgresql_backup_restores_into_a_new_database(tmp_path):
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai")
    server = base.rsplit("/", 1)[0]
    names = [f"gk_backup_{which}_{os.getpid()}" for which in ("a", "b")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source_env = _instance(tmp_path / "a", f"{server}/{names[0]}")
        target_env = _env(tmp_path / "b", f"{server}/{names[1]}")

        def counts_of(which):
            name = names[0] if which == "source" else names[1]
            manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
            with psycopg.connect(f"{server}/{name}") as connection:
                return {
                    t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in manifest["row_counts"]
                }

        _check_backup_and_restore(tmp_path, source_env, target_env, counts_of)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
