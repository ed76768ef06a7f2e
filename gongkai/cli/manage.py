"""`gongkai manage ARGS...`: Django's management commands (migrate, createsuperuser, shell...)."""

from __future__ import annotations

import argparse

from gongkai.cli.base import setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("manage", help="Django 管理命令（如 migrate）", add_help=False)
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args.rest])
    return 0
