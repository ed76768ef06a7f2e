"""What every subcommand shares: the error type, argument parsers and Django start-up."""

from __future__ import annotations

import argparse
import os
from datetime import date


class CommandError(Exception):
    """Bad input or an impossible request: a one-line reason, exit status 2 by default."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit status 2 like CommandError."""

    def error(self, message):
        self.exit(2, f"gongkai: {message}\n")


def parse_date(text: str) -> date:
    """`YYYY-MM-DD` -> date, for argparse `type=`; a clear reason otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式无效：{text!r}（应为 YYYY-MM-DD）") from None


def setup_django() -> None:
    """Start Django for commands that use the database (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def parse_count(text: str) -> int:
    """A whole number for argparse `type=` (the sign is checked by the command)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是整数：{text!r}") from None
