"""Production settings, checked in subprocesses with only the four required variables."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def _env(var_dir, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "PYTEST", "DJANGO_"))}
    env.update(
        GONGKAI_ENV="production",
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(50),
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
        GONGKAI_VAR_DIR=str(var_dir),
        **extra,
    )
    return env


def _run(args, env):
    return subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("production-var")
    env = _env(var_dir)
    migrate = _run(["manage", "migrate", "--noinput", "-v", "0"], env)
    assert migrate.returncode == 0, migrate.stderr
    return var_dir, env


def test_migrate_works_with_only_the_four_variables(production):
    var_dir, _ = production
    tables = {
        r[0]
        for r in sqlite3.connect(var_dir / "gongkai.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert {"audit_auditentry", "gongkai_cache", "axes_accessattempt", "otp_totp_totpdevice"} <= tables


def test_demo_refuses_in_production_and_creates_no_user(production):
    var_dir, env = production
    result = _run(["demo"], env)
    assert result.returncode != 0
    assert "生产环境" in result.stderr
    users = sqlite3.connect(var_dir / "gongkai.sqlite3").execute("SELECT COUNT(*) FROM auth_user").fetchone()[0]
    assert users == 0


def test_check_deploy_is_clean_with_https(production):
    _, env = production
    result = _run(["manage", "check", "--deploy"], {**env, "GONGKAI_HTTPS": "true"})
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in output
    assert "WARNING" not in output


def test_debug_cannot_be_on_in_production(tmp_path):
    result = _run(["manage", "check"], _env(tmp_path, GONGKAI_DEBUG="true"))
    assert result.returncode != 0
    assert "GONGKAI_DEBUG cannot be true" in result.stderr


def test_https_settings_and_trusted_origins(tmp_path):
    code = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS)"
    )
    env = _env(
        tmp_path,
        GONGKAI_HTTPS="true",
        GONGKAI_CSRF_TRUSTED_ORIGINS="https://gk.example.gov.cn",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["31536000", "True", "True"]
    assert "HTTP_X_FORWARDED_PROTO" in result.stdout and "https://gk.example.gov.cn" in result.stdout


def test_a_bad_trusted_origin_stops_start_up(tmp_path):
    result = _run(["manage", "check"], _env(tmp_path, GONGKAI_CSRF_TRUSTED_ORIGINS="gk.example.gov.cn"))
    assert result.returncode != 0 and "GONGKAI_CSRF_TRUSTED_ORIGINS" in result.stderr


def test_staff_sessions_end_after_a_working_day_without_activity(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_password_validators_refuse_weak_passwords(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678", "password123", "gongkai"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("换个长一点的口令-2024-gk")
