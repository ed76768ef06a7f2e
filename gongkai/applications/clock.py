"""The statutory clock of a stored application: its `ClockEvent` rows through `gongkai.core.clock`.

Nothing here stores a computed date: every read recomputes from the events and the current
calendar, so entering a year's holidays turns 暂定 dates into firm ones everywhere at once.
"""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import Application, Channel
from gongkai.core import clock as core_clock
from gongkai.core.clock_checks import refusal
from gongkai.core.clock_compute import compute
from gongkai.holidays.services import working_calendar

# Kinds whose `deadline_on` is an entered date (补正期限, 延迟答复期限); others are derived.
_ENTERED_DEADLINE = {core_clock.Kind.CORRECTION_REQUESTED.value, core_clock.Kind.DELAYED_REPLY.value}


def core_event(e) -> core_clock.ClockEvent:
    kind = core_clock.Kind(e.kind)
    ref = None
    if kind is core_clock.Kind.CONSULTATION_STARTED:
        ref = str(e.pk)
    elif kind is core_clock.Kind.CONSULTATION_ENDED and e.closes_id:
        ref = str(e.closes_id)
    return core_clock.ClockEvent(
        kind,
        e.on,
        e.working_days,
        until=e.deadline_on if e.kind in _ENTERED_DEADLINE else None,
        served_on=e.served_on,
        awaiting_service=e.served_on is None and e.service_method == "email",  # issued, e-mail to follow
        party=core_clock.Party(e.party) if e.party else None,
        ref=ref,
        reason=e.note if kind is core_clock.Kind.CORRECTION_REQUESTED else "",
    )


def core_events(application: Application) -> list[core_clock.ClockEvent]:
    return [core_event(e) for e in application.clock_events.all()]


def clock_of(application: Application, *, today: date, calendar=None) -> core_clock.Clock:
    """The clock as of `today` (the closing date for a closed application)."""
    arrived = application.arrived_on if application.channel == Channel.ORDINARY_LETTER else None
    return compute(
        core_events(application),
        calendar or working_calendar(),
        today=today,
        closed_on=application.decided_on,
        arrived_on=arrived,
    )


def refusal_for(application: Application, event: core_clock.ClockEvent, calendar=None) -> str | None:
    """Why the law does not allow `event` on this application now (the CLI's rule), or None."""
    return refusal(core_events(application), event, calendar or working_calendar())
