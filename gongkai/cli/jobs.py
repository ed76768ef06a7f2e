"""`gongkai jobs run|loop|list`: the periodic jobs (scheduled publication, reminders, checks)."""

from __future__ import annotations

import time

from gongkai.cli.base import CommandError, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("jobs", help="定时任务（由 cron/systemd 定时调用）")
    sub = parser.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    run = sub.add_parser("run", help="运行所有定时任务一次")
    run.add_argument("--only", help="只运行指定任务")
    run.set_defaults(handler=_run)
    loop = sub.add_parser("loop", help="每隔 N 秒运行一次（开发环境）")
    loop.add_argument("--interval", type=int, default=300)
    loop.set_defaults(handler=_loop)
    sub.add_parser("list", help="列出定时任务").set_defaults(handler=_list)


def _run_once(only=None) -> None:
    from django.utils import timezone

    from gongkai.jobs import run_all

    for name, summary in run_all(timezone.now(), only=only):
        print(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} {name}: {summary}", flush=True)


def _run(args) -> int:
    setup_django()
    from gongkai.jobs import registered_jobs

    if args.only and args.only not in {name for name, _ in registered_jobs()}:
        raise CommandError(f"没有名为 {args.only} 的定时任务")
    _run_once(args.only)
    return 0


def _loop(args) -> int:
    if args.interval < 10:
        raise CommandError("间隔不能少于10秒")
    setup_django()
    while True:
        _run_once()
        time.sleep(args.interval)


def _list(args) -> int:
    setup_django()
    from gongkai.jobs import registered_jobs

    for name, function in registered_jobs():
        print(f"{name}\t{(function.__doc__ or '').strip().splitlines()[0] if function.__doc__ else ''}")
    return 0
