#!/usr/bin/env bash
# Serve the platform on 127.0.0.1:$PORT with the periodic jobs running in the background.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/gongkai demo --logins
echo
echo "Gongkai: http://127.0.0.1:${PORT}/  （工作人员登录：http://127.0.0.1:${PORT}/accounts/login/）"
.venv/bin/gongkai jobs loop --interval 300 &
jobs_pid=$!
trap 'kill $jobs_pid 2>/dev/null || true' EXIT INT TERM
.venv/bin/gongkai serve --port "$PORT"
