#!/usr/bin/env bash
# The whole test suite: the pure core once, then everything else on SQLite and on PostgreSQL,
# browser journeys included (Debian's Chromium, driven by Playwright).
set -uo pipefail
cd "$(dirname "$0")/.."
GONGKAI_EXTRAS=test GONGKAI_APT_EXTRA="chromium nginx wrk pgbouncer redis-server" bash scripts/setup.sh || exit 1

PG_URL="${GONGKAI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/gongkai}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "test: PostgreSQL is not reachable at 127.0.0.1:5432" >&2; exit 1; }

export GONGKAI_VAR_DIR="${GONGKAI_VAR_DIR:-$(mktemp -d)}"
status=0
run() {
  local name="$1"; shift
  echo "=== $name ==="
  "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then echo "=== $name: FAILED (exit $rc) ==="; status=1; fi
}
run "lint (ruff check)" .venv/bin/ruff check .
run "format (ruff format --check)" .venv/bin/ruff format --check .
run "pure core (no database)" .venv/bin/pytest tests/core -q
run "platform on SQLite" env GONGKAI_TEST_DB=sqlite .venv/bin/pytest tests --ignore=tests/core -q
run "platform on PostgreSQL" env GONGKAI_TEST_DB=postgres DATABASE_URL="$PG_URL" .venv/bin/pytest tests --ignore=tests/core -q
if [ $status -eq 0 ]; then echo "test: all suites passed (core, SQLite, PostgreSQL)"; else echo "test: FAILED"; fi
exit $status
