"""`gongkai serve [--port N]`: serve the platform with gunicorn (static files by WhiteNoise)."""

from __future__ import annotations

import os

from gongkai.cli.base import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="启动网站服务（gunicorn）")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--workers", type=int, default=2)
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"端口无效：{args.port}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import sys

    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "gongkai.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
    ]
    run()
    return 0
