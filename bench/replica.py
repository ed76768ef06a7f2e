"""A streaming replica of the local PostgreSQL cluster, for measuring public reads served by it.

    .venv/bin/python bench/replica.py start [--port 5433] [--dir ../gongkai-bench/replica]
    .venv/bin/python bench/replica.py stop  [--dir …]

`start` copies the running cluster at 127.0.0.1:5432 with pg_basebackup (-R: a standby that
streams from it) into DIR and starts it on PORT; it prints the URL to give bench/catalog_run.py
as `--replica-url …/gongkai_bench_1m`. The copy holds every database of the cluster (the 1M
catalog: ~12 GB). pg_basebackup needs a `replication` line for 127.0.0.1 in the primary's
pg_hba.conf; when it is missing, `start` adds `host replication postgres 127.0.0.1/32 trust`
(as the rest of this machine's set-up: trust on localhost) and reloads, saying so. Run as root
(the server runs as the `postgres` system user).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_setup import DEFAULT_DIR

BIN = Path("/usr/lib/postgresql/15/bin")
HBA_LINE = "host replication postgres 127.0.0.1/32 trust"


def as_postgres(*args: object, timeout: float = 7200) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *map(str, args)], check=True, timeout=timeout)


def primary_sql(statement: str) -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-Atc", statement],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def ensure_replication_allowed() -> None:
    hba = Path(primary_sql("SHOW hba_file"))
    lines = [line.split() for line in hba.read_text().splitlines() if line.strip() and not line.startswith("#")]
    if any(len(words) > 1 and words[1] == "replication" for words in lines):
        return
    with hba.open("a") as f:
        f.write(f"\n# added by gongkai bench/replica.py\n{HBA_LINE}\n")
    primary_sql("SELECT pg_reload_conf()")
    print(f"replica: added '{HBA_LINE}' to {hba} and reloaded")


def start(port: int, directory: Path) -> int:
    if directory.exists():
        print(f"replica: {directory} exists; starting it")
    else:
        ensure_replication_allowed()
        directory.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir(mode=0o700)
        shutil.chown(directory, "postgres")
        t0 = time.time()
        as_postgres(
            BIN / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            5432,
            "-U",
            "postgres",
            "-D",
            directory,
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        print(f"replica: base backup in {time.time() - t0:.0f} s")
        sockets = directory / "sockets"
        sockets.mkdir()
        shutil.chown(sockets, "postgres")
        # Debian keeps the primary's configuration in /etc/postgresql (not copied): the standby gets
        # its own; primary_conninfo and standby.signal come from pg_basebackup -R.
        (directory / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{sockets}'\n"
            f"hot_standby = on\nshared_buffers = {primary_sql('SHOW shared_buffers')}\n"
            f"max_connections = {primary_sql('SHOW max_connections')}\n"
        )
        (directory / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (directory / "pg_ident.conf").write_text("")
        for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
            shutil.chown(directory / name, "postgres")
    as_postgres(BIN / "pg_ctl", "-D", directory, "-l", directory / "server.log", "-w", "start", timeout=600)
    print(f"replica: postgres://postgres@127.0.0.1:{port}/<database>  (data {directory})")
    return 0


def stop(directory: Path) -> int:
    as_postgres(BIN / "pg_ctl", "-D", directory, "-m", "fast", "-w", "stop", timeout=120)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR / "replica")
    args = parser.parse_args(argv)
    return start(args.port, args.dir) if args.command == "start" else stop(args.dir)


if __name__ == "__main__":
    sys.exit(main())
