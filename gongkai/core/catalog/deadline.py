"""Art. 26: proactive information is public within 20 working days of being formed or changed.

`publication_due_on(formed_on, calendar)` is the last day (the count starts the next day,
gongkai.core.calendar's convention). `days_left` is negative when the day has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.calendar import WorkingDayCalendar, add_working_days, working_days_between

PUBLICATION_WORKING_DAYS = 20
AT_RISK_WORKING_DAYS = 5


@dataclass(frozen=True)
class PublicationClock:
    formed_on: date
    due_on: date
    days_left: int  # working days from today to due_on; negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def at_risk(self) -> bool:
        return self.days_left <= AT_RISK_WORKING_DAYS


def publication_due_on(formed_on: date, calendar: WorkingDayCalendar) -> date:
    return add_working_days(formed_on, PUBLICATION_WORKING_DAYS, calendar)


def publication_clock(formed_on: date, today: date, calendar: WorkingDayCalendar) -> PublicationClock:
    due_on = publication_due_on(formed_on, calendar)
    if today <= due_on:
        left = working_days_between(today, due_on, calendar)
    else:
        left = -working_days_between(due_on, today, calendar)
    return PublicationClock(formed_on, due_on, left)
