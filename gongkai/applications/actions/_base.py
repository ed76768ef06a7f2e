"""What the actions share: the permission check, date checks, the transition step and the audit call.

Private to the actions package (the leading underscore): these helpers change state without checking
the actor, so only actions — which call `require` first — may use them (tests/test_actions_contract.py)."""

from __future__ import annotations

from datetime import date

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.selectors import past_events
from gongkai.core.application_states import Event, check_once, next_state
from gongkai.core.refusal import PermissionRefused, Refused


def require(actor, action: Action, agency, message: str = "无权办理该机构的申请") -> None:
    """Every action checks its actor itself (safe outside a view too); None is the system (jobs)."""
    if actor is not None and not can(actor, action, agency):
        raise PermissionRefused(message)


def snapshot(application: Application) -> dict:
    return {
        "state": application.state,
        "outcome": application.outcome,
        "received_on": application.received_on,
        "decided_on": application.decided_on,
    }


def check_date(application: Application, on: date, today: date, label: str = "日期") -> None:
    """`on` must not be before receipt (or submission) nor after today."""
    if on is None:
        raise Refused(f"请填写{label}")
    floor = application.received_on or application.submitted_on
    if on < floor:
        raise Refused(f"{label}（{on.isoformat()}）不能早于收到申请的日期（{floor.isoformat()}）")
    if on > today:
        raise Refused(f"{label}（{on.isoformat()}）不能晚于今天（{today.isoformat()}）")


def check_served(on: date, served_on: date | None, service_method: str, today: date) -> None:
    """送达 of a procedure letter given when it is issued. 电子邮件送达 has no date yet: the letter is
    issued first and served the day its sealed copy is e-mailed (`serve_by_email`)."""
    if service_method == "email":
        if served_on is not None:
            raise Refused("电子邮件送达的送达日期为邮件发出之日，由系统在发送时记录：请不要填写送达日期")
        return
    if served_on is None or not service_method:
        raise Refused("请填写送达日期和送达方式")
    check_service_dates(on, served_on, today)


def check_service_dates(issued_on: date, served_on: date, today: date) -> None:
    """A service date lies between the letter's date and today."""
    if served_on < issued_on:
        raise Refused(f"送达日期（{served_on.isoformat()}）不能早于发文日期（{issued_on.isoformat()}）")
    if served_on > today:
        raise Refused(f"送达日期（{served_on.isoformat()}）不能晚于今天")


def lock(application: Application) -> Application:
    """Re-read the application under a row lock: the state checked is the state changed."""
    return Application.objects.select_for_update().select_related("agency").get(pk=application.pk)


def step(application: Application, event: Event) -> tuple[Application, dict]:
    """Lock, check the transition (and once-only rules) and move to the next state (unsaved)."""
    application = lock(application)
    before = snapshot(application)
    check_once(application.state, event, past_events(application))
    application.state = next_state(application.state, event).value
    return application, before


def add_event(application, kind, on, actor, **fields) -> ClockEvent:
    return ClockEvent.objects.create(
        application=application, kind=kind, on=on, actor=actor if getattr(actor, "pk", None) else None, **fields
    )


def log(application, actor, kind, before, note="", **extra) -> None:
    after = snapshot(application)
    after.update(extra)
    audit.record(subject=application, actor=actor, kind=f"applications.{kind}", before=before, after=after, note=note)
