"""The statutory clock of a stored application: its `ClockEvent` rows through `gongkai.core.clock`."""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import Application
from gongkai.core import clock as core_clock
from gongkai.holidays.services import working_calendar


def core_events(application: Application) -> list[core_clock.ClockEvent]:
    return [
        core_clock.ClockEvent(core_clock.Kind(e.kind), e.on, e.working_days)
        for e in application.clock_events.all()
    ]


def clock_of(application: Application, *, today: date, calendar=None) -> core_clock.Clock:
    """The clock as of `today` (the closing date for a closed application)."""
    return core_clock.compute(
        core_events(application), calendar or working_calendar(), today=today,
        closed_on=application.decided_on,
    )
