"""`gongkai keys`: print a new random secret key and data key for a production environment file."""

from __future__ import annotations

import secrets


def register(subparsers) -> None:
    parser = subparsers.add_parser("keys", help="生成新的 GONGKAI_SECRET_KEY 与 GONGKAI_DATA_KEY")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    from gongkai.security.crypto import new_key

    print(f"GONGKAI_SECRET_KEY={secrets.token_urlsafe(50)}")
    print(f"GONGKAI_DATA_KEY={new_key()}")
    return 0
