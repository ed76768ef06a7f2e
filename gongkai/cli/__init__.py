"""The `gongkai` console script.

Every subcommand is a module in this package that defines `register(subparsers)`; adding a
command means adding a module, nothing else. A command signals bad input by raising
`CommandError`: the script prints its one-line reason to stderr and exits with status 2. A
`Refused` from the core or an action is caught here, the one place: its Chinese message on one line,
exit status 2 (a command that needs another status converts it, e.g. `applications clock` → 1).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from gongkai.cli.base import ArgumentParser, CommandError
from gongkai.core.refusal import Refused


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="gongkai", description="Gongkai 政府信息公开平台 command line")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        result = args.handler(args)
    except CommandError as error:
        print(f"gongkai: {error}", file=sys.stderr)
        return error.exit_code
    except Refused as refused:
        print(f"gongkai: {refused.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
