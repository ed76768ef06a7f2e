"""`gongkai demo`: load the demo data (idempotent), each bounded context in order."""

from __future__ import annotations

import sys

from gongkai.cli.base import CommandError, setup_django

# Each app may provide gongkai/<app>/demo.py with load(stdout); they are discovered and run in
# INSTALLED_APPS order (agencies before catalog before applications before reports …).


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="载入演示数据（可重复运行）")
    parser.add_argument("--logins", action="store_true", help="只打印演示账号")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    setup_django()
    from django.conf import settings

    if settings.PRODUCTION:
        # The demo logins have a published password: never create them on a real instance.
        raise CommandError("生产环境（GONGKAI_ENV=production）不能载入演示数据和演示账号")
    from gongkai.agencies.demo import login_lines

    if not args.logins:
        load_demo(sys.stdout)
    print("演示账号（登录地址 /accounts/login/）：")
    print("\n".join(login_lines()))
    return 0


def load_demo(stdout) -> None:
    """Every app's demo loader, in INSTALLED_APPS order (also used by tests)."""
    from gongkai.registry import app_modules

    for module in app_modules("demo"):
        module.load(stdout)
