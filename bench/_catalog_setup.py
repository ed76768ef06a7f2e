"""Where a benchmark catalog lives and how to point Django at it (before django.setup())."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = Path(os.environ.get("GONGKAI_BENCH_DIR") or REPO.parent / "gongkai-bench")
SCALES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}  # 10k: a smoke test of the tools
PG_BASE = os.environ.get("GONGKAI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def configure(db: str, scale: str, directory: Path) -> dict[str, str]:
    """Environment for this catalog (also used for gunicorn); applied to os.environ too."""
    var = directory / f"{db}-{scale}"
    var.mkdir(parents=True, exist_ok=True)
    env = {
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG_BASE}/gongkai_bench_{scale.lower()}"
    else:
        env.pop("DATABASE_URL", None)
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    return env
