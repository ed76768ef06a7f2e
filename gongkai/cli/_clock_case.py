"""`gongkai applications clock CASE.json`: one case in, one JSON object out (the platform's core).

Input: {"received_on": "YYYY-MM-DD", "today": "YYYY-MM-DD", "events": [{"kind": K, "on": D, ...}]}
with kinds correction_requested (correct_by, optional reason), correction_received,
consultation_started ("with": third_party | agency, optional id, served_on),
consultation_ended (optional id: which one; else the oldest open), extension (days),
fee_notified (optional served_on), fee_paid, delayed_reply (until).
Exit 0 with the JSON; 1 for an event the law does not allow; 2 for unreadable or invalid input.
"""

from __future__ import annotations

import json
from datetime import date

from gongkai.cli.base import CommandError
from gongkai.core.clock import ClockEvent, Kind, Party

KINDS = {
    "correction_requested": Kind.CORRECTION_REQUESTED,
    "correction_received": Kind.CORRECTION_RECEIVED,
    "consultation_started": Kind.CONSULTATION_STARTED,
    "consultation_ended": Kind.CONSULTATION_ENDED,
    "extension": Kind.EXTENDED,
    "fee_notified": Kind.FEE_NOTICE_SENT,
    "fee_paid": Kind.FEE_PAID,
    "delayed_reply": Kind.DELAYED_REPLY,
}


def _date(value, where: str) -> date:
    if not isinstance(value, str):
        raise CommandError(f"{where}缺少日期或不是字符串（应为 YYYY-MM-DD）")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{where}的日期格式无效：{value!r}（应为 YYYY-MM-DD）") from None


def _optional_date(raw: dict, key: str, where: str) -> date | None:
    return _date(raw[key], f"{where}的 {key} ") if raw.get(key) is not None else None


def _event(raw, number: int, received_on: date, today: date) -> ClockEvent:
    where = f"第{number}个事件"
    if not isinstance(raw, dict):
        raise CommandError(f"{where}不是 JSON 对象")
    kind = KINDS.get(raw.get("kind"))
    if kind is None:
        raise CommandError(f"{where}的类型无效：{raw.get('kind')!r}（可用：{'、'.join(KINDS)}）")
    on = _date(raw.get("on"), f"{where}（{raw['kind']}）")
    if on < received_on:
        raise CommandError(f"{where}（{raw['kind']}）的日期早于收到申请的日期")
    if on > today:
        raise CommandError(f"{where}（{raw['kind']}）的日期晚于 today")
    fields: dict = {"reason": str(raw.get("reason") or "")}
    if kind is Kind.CORRECTION_REQUESTED:
        if raw.get("correct_by") is None:
            raise CommandError(f"{where}（correction_requested）缺少补正期限 correct_by")
        fields["until"] = _date(raw["correct_by"], f"{where}的 correct_by ")
    elif kind is Kind.CONSULTATION_STARTED:
        try:
            fields["party"] = Party(raw.get("with"))
        except ValueError:
            raise CommandError(f"{where}（consultation_started）的 with 应为 third_party 或 agency") from None
        fields["served_on"] = _optional_date(raw, "served_on", where)
        fields["ref"] = str(raw["id"]) if raw.get("id") is not None else f"#{number}"
    elif kind is Kind.CONSULTATION_ENDED:
        fields["ref"] = str(raw["id"]) if raw.get("id") is not None else None
    elif kind is Kind.EXTENDED:
        days = raw.get("days")
        if not isinstance(days, int) or isinstance(days, bool):
            raise CommandError(f"{where}（extension）的 days 应为整数")
        fields["working_days"] = days
    elif kind is Kind.FEE_NOTICE_SENT:
        fields["served_on"] = _optional_date(raw, "served_on", where)
    elif kind is Kind.DELAYED_REPLY:
        if raw.get("until") is None:
            raise CommandError(f"{where}（delayed_reply）缺少延迟答复期限 until")
        fields["until"] = _date(raw["until"], f"{where}的 until ")
    for key in ("served_on",):
        if fields.get(key) and fields[key] < on:
            raise CommandError(f"{where}的 {key} 早于事件日期")
    return ClockEvent(kind, on, **fields)


def read_case(path: str) -> tuple[date, list[ClockEvent]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError:
        raise CommandError(f"无法读取文件：{path}（文件不存在或没有读取权限）") from None
    except json.JSONDecodeError as error:
        raise CommandError(f"不是有效的 JSON：{path}（第{error.lineno}行第{error.colno}列）") from None
    except UnicodeDecodeError:
        raise CommandError(f"不是有效的 JSON：{path}（应为 UTF-8 编码）") from None
    if not isinstance(data, dict):
        raise CommandError("案件应为一个 JSON 对象")
    received_on = _date(data.get("received_on"), "received_on ")
    today = _date(data.get("today"), "today ")
    if today < received_on:
        raise CommandError("today 早于 received_on")
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise CommandError("events 应为数组")
    events = [ClockEvent(Kind.RECEIVED, received_on)]
    events += [_event(raw, number, received_on, today) for number, raw in enumerate(raw_events, start=1)]
    return today, events


def as_json(clock) -> dict:
    dates = clock.dates()
    iso = lambda d: d.on.isoformat() if d else None  # noqa: E731
    return {
        "received_on": clock.received_on.isoformat(),
        "due_on": iso(dates["due_on"]),
        "pay_by": iso(dates["pay_by"]),
        "reply_by": iso(dates["reply_by"]),
        "provisional": clock.provisional,
        "provisional_dates": {key: bool(value and value.provisional) for key, value in dates.items()},
        "overdue": clock.overdue,
        "lapsed": clock.lapsed,
        "warnings": list(clock.warnings),
        "periods": [
            {
                "from": s.first_on.isoformat(),
                "to": s.last_on.isoformat(),
                "working_days": s.working_days,
                "counted": s.counted,
                "kind": s.kind,
                "article": s.article,
                "reason": s.reason,
            }
            for s in clock.spans
        ],
        "elapsed_working_days": clock.elapsed_working_days,
        "limit_working_days": clock.limit_working_days,
    }


def run(path: str, calendar) -> dict:
    from gongkai.core.clock_checks import EventRefused, evaluate

    today, events = read_case(path)
    try:
        clock = evaluate(events, calendar, today=today)
    except EventRefused as refused:
        raise CommandError(str(refused), exit_code=1) from None
    return as_json(clock)
