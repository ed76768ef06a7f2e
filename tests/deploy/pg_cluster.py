"""Throw-away PostgreSQL 15 clusters for deployment tests: a primary and a streaming replica
made with pg_basebackup, on high ports, run as the `postgres` system user."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


def available() -> bool:
    return os.geteuid() == 0 and (BIN / "initdb").exists() and shutil.which("runuser") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*args, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


class Cluster:
    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def start(self):
        _as_postgres(BIN / "pg_ctl", "-D", self.directory, "-l", self.directory / "server.log", "-w", "start")

    def stop(self):
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(BIN / "pg_ctl"),
                "-D",
                str(self.directory),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )

    def sql(self, statement: str, database="postgres") -> str:
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-Atc", statement],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()


def _configure(directory: Path, port: int, sockets: Path) -> None:
    with open(directory / "postgresql.conf", "a") as conf:
        conf.write(
            f"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{sockets}'\n"
            "fsync = off\nshared_buffers = 32MB\nmax_wal_senders = 4\nwal_level = replica\n"
        )


def primary_and_replica(top: Path) -> tuple[Cluster, Cluster]:
    top.mkdir(parents=True, exist_ok=True)
    shutil.chown(top, "postgres")
    top.chmod(0o700)
    sockets = top / "sockets"
    sockets.mkdir()
    shutil.chown(sockets, "postgres")
    primary = Cluster(top / "primary", free_port())
    _as_postgres(
        BIN / "initdb", "-D", primary.directory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
    )
    _configure(primary.directory, primary.port, sockets)
    with open(primary.directory / "pg_hba.conf", "a") as hba:
        hba.write("host replication all 127.0.0.1/32 trust\n")
    primary.start()
    replica = Cluster(top / "replica", free_port())
    _as_postgres(
        BIN / "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        primary.port,
        "-U",
        "postgres",
        "-D",
        replica.directory,
        "-R",
        "-X",
        "stream",
    )
    with open(replica.directory / "postgresql.conf", "a") as conf:
        conf.write(f"\nport = {replica.port}\n")
    replica.start()
    return primary, replica
