"""`gongkai backup DIR` and `gongkai restore DIR`.

A backup directory holds:
- `database.sqlite3` (SQLite online backup API: consistent while the site runs) or
  `database.pgdump` (PostgreSQL `pg_dump -Fc`, taken in the same snapshot as the row counts);
- `media/`: uploaded files (catalog attachments). Letters, report versions and the audit log live
  in the database;
- `keys.json` (mode 0600): GONGKAI_SECRET_KEY and GONGKAI_DATA_KEY — without the data key the
  applicants' encrypted identity numbers and contacts cannot be read. Keep backups as secret as
  the keys themselves;
- `manifest.json`: SHA-256 and size of every file above, and the row count of every table.

`restore` checks every hash first (a damaged backup restores nothing), refuses a database that
already holds data (unless `--force`), restores, then compares every table's row count with the
manifest. Keys: written to var/ (secret_key, data_key) when the environment does not set them;
when it does and they differ from the backup's, restore stops before touching anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from gongkai.cli.base import CommandError, setup_django

FORMAT = 1


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="备份数据库、上传文件和密钥到目录")
    backup.add_argument("directory", help="备份目录（须不存在或为空）")
    backup.set_defaults(handler=_backup)
    restore = subparsers.add_parser("restore", help="从备份目录恢复到本实例（新实例）")
    restore.add_argument("directory", help="gongkai backup 生成的目录")
    restore.add_argument("--force", action="store_true", help="目标数据库已有数据时仍然覆盖")
    restore.set_defaults(handler=_restore)


# ---------------------------------------------------------------- helpers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.json")


def _tables() -> list[str]:
    from django.apps import apps

    return sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy}
    )


def _database():
    from django.conf import settings

    return settings.DATABASES["default"]


def _is_sqlite(db) -> bool:
    return db["ENGINE"].endswith("sqlite3")


def _pg_env(db) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _count_sqlite(path: Path, tables: list[str]) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        existing = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables if t in existing}
    finally:
        connection.close()


def _count_with(cursor, tables: list[str]) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    existing = {row[0] for row in cursor.fetchall()}
    counts = {}
    for table in tables:
        if table in existing:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise CommandError(f"{command[0]} 失败：{reason[-1] if reason else result.returncode}")


# ---------------------------------------------------------------- backup


def _backup(args) -> int:
    setup_django()
    from django.conf import settings

    target = Path(args.directory)
    if target.exists() and any(target.iterdir()):
        raise CommandError(f"备份目录不为空：{target}")
    target.mkdir(parents=True, exist_ok=True)
    db = _database()
    tables = _tables()
    if _is_sqlite(db):
        database_file = target / "database.sqlite3"
        source = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True)
        destination = sqlite3.connect(database_file)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            destination.close()
            source.close()
        counts = _count_sqlite(database_file, tables)
    else:
        database_file = target / "database.pgdump"
        counts = _pg_dump(db, database_file, tables)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, target / "media")
    keys = target / "keys.json"
    keys.write_text(json.dumps({"secret_key": settings.SECRET_KEY, "data_key": settings.GONGKAI_DATA_KEY}))
    keys.chmod(0o600)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "sqlite" if _is_sqlite(db) else "postgresql",
        "files": {
            str(p.relative_to(target)): {"sha256": _sha256(p), "bytes": p.stat().st_size} for p in _files(target)
        },
        "row_counts": counts,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    print(f"已备份到 {target}：{len(manifest['files'])} 个文件，{sum(counts.values())} 行数据。")
    return 0


def _pg_dump(db, database_file: Path, tables: list[str]) -> dict[str, int]:
    """Row counts and dump from one snapshot (pg_export_snapshot), so they agree."""
    import psycopg

    conninfo = {
        k: v
        for k, v in {
            "dbname": db["NAME"],
            "user": db.get("USER"),
            "password": db.get("PASSWORD"),
            "host": db.get("HOST"),
            "port": db.get("PORT"),
        }.items()
        if v
    }
    with psycopg.connect(**conninfo) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_with(cursor, tables)
            _run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    *_pg_args(db),
                    "-f",
                    str(database_file),
                    db["NAME"],
                ],
                _pg_env(db),
            )
    return counts


# ---------------------------------------------------------------- restore


def _verified_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError):
        raise CommandError(f"不是有效的备份目录（缺少或无法读取 manifest.json）：{source}") from None
    for name, entry in manifest.get("files", {}).items():
        path = source / name
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise CommandError(f"备份文件缺失或已损坏（校验值不符）：{name}")
    extra = {str(p.relative_to(source)) for p in _files(source)} - set(manifest["files"])
    if extra:
        raise CommandError(f"备份目录中有清单以外的文件：{min(extra)}")
    return manifest


def _check_keys(keys: dict) -> None:
    for env, key in (("GONGKAI_SECRET_KEY", "secret_key"), ("GONGKAI_DATA_KEY", "data_key")):
        value = os.environ.get(env)
        if value and value != keys[key]:
            raise CommandError(f"环境变量 {env} 与备份中的密钥不同：请改用备份中的密钥（keys.json）后再恢复")


def _write_keys(keys: dict, var_dir: Path) -> None:
    for env, key, name in (
        ("GONGKAI_SECRET_KEY", "secret_key", "secret_key"),
        ("GONGKAI_DATA_KEY", "data_key", "data_key"),
    ):
        if not os.environ.get(env):
            path = var_dir / name
            path.write_text(keys[key])
            path.chmod(0o600)


def _restore(args) -> int:
    source = Path(args.directory)
    manifest = _verified_manifest(source)
    keys = json.loads((source / "keys.json").read_text())
    _check_keys(keys)
    setup_django()
    from django.conf import settings
    from django.db import connection

    db = _database()
    kind = "sqlite" if _is_sqlite(db) else "postgresql"
    if manifest["database"] != kind:
        raise CommandError(f"备份的数据库类型（{manifest['database']}）与本实例（{kind}）不同")
    if "auth_user" in connection.introspection.table_names() and not args.force:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM auth_user")
            if cursor.fetchone()[0]:
                raise CommandError("目标数据库已有数据：请恢复到新实例，或加 --force 覆盖")
    connection.close()
    tables = sorted(manifest["row_counts"])
    if kind == "sqlite":
        target = Path(db["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        source_db = sqlite3.connect(f"file:{source / 'database.sqlite3'}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source_db.backup(destination)
        finally:
            destination.close()
            source_db.close()
        counts = _count_sqlite(target, tables)
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *_pg_args(db),
                "-d",
                db["NAME"],
                str(source / "database.pgdump"),
            ],
            _pg_env(db),
        )
        with connection.cursor() as cursor:
            counts = _count_with(cursor, tables)
        connection.close()
    media = Path(settings.MEDIA_ROOT)
    if (source / "media").exists():
        shutil.copytree(source / "media", media, dirs_exist_ok=True)
        for name, entry in manifest["files"].items():
            if name.startswith("media/") and _sha256(media / name[len("media/") :]) != entry["sha256"]:
                raise CommandError(f"恢复后的上传文件校验值不符：{name}")
    _write_keys(keys, Path(settings.VAR_DIR))
    different = [t for t in tables if counts.get(t) != manifest["row_counts"][t]]
    if different:
        raise CommandError(f"恢复后的行数与备份清单不符：{different[0]}", exit_code=1)
    print(f"已恢复：{len(tables)} 个数据表、{sum(counts.values())} 行数据，与备份清单一致。")
    return 0
