#!/usr/bin/env bash
# Idempotent set-up: system packages, .venv with the pinned dependencies, migrations, demo data.
# Fresh machine: a few minutes. Run again: seconds (each step checks before it acts).
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${GONGKAI_EXTRAS:-}"   # "test" from scripts/test.sh

need_apt=()
# fonts-noto-cjk: Chinese text in PDFs (WeasyPrint); poppler-utils: pdftoppm/pdftotext;
# libpango: WeasyPrint's text layout; tesseract-ocr(-chi-sim): OCR of scanned attachments and of
# report tables published as images; libreoffice-writer-nogui: reading .doc/.wps report attachments.
for pkg in fonts-noto-cjk poppler-utils libpango-1.0-0 libpangoft2-1.0-0 tesseract-ocr tesseract-ocr-chi-sim \
           libreoffice-writer-nogui ${GONGKAI_APT_EXTRA:-}; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing system packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first (as root): apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is required (found: $("$PY" --version 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv

stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${EXTRAS:+-$EXTRAS}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python dependencies into .venv"
  .venv/bin/pip install -q --upgrade pip >/dev/null
  .venv/bin/pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$stamp"
fi

.venv/bin/gongkai manage migrate --noinput -v 0
if [ "${GONGKAI_ENV:-development}" != production ]; then .venv/bin/gongkai demo >/dev/null; fi  # never demo logins in production
echo "setup: ready"
