"""Importing a ledger (台账) of applications, e.g. the carried-over cases when going live.

`import_ledger` reads the workbook with the one importer (`ledger_import.LEDGER_IMPORT`: both
sheets, every row through its form), checks what needs the database (numbers that collide with
stored ones) and the events' references, and saves everything in one transaction with its audit
record; any problem refuses the whole file (`ImportRefused`, every problem listed).
Numbers: a row whose 申请编号 has this agency's own form (`<slug>-YYYY-NNNN`) keeps that year and
serial, and the agency-year counter is moved past it in the same transaction, so a later online
application or registration can never be given a stored number. Other numbers (from an earlier
system) get a fresh serial.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.applications.actions.intake import APPLICANT_FIELDS, allocate_number
from gongkai.applications.ledger import EVENT_SHEET, SHEET, own_serial
from gongkai.applications.ledger_import import LEDGER_IMPORT
from gongkai.applications.models import Application, ClockEvent, NumberCounter
from gongkai.applications.validation import normalise
from gongkai.boundary.importer import Imported, Problem, read_import
from gongkai.core.refusal import PermissionRefused

NUMBER = "申请编号"


@dataclass
class ImportResult:
    created: int
    open_at_previous_year_end: int


def _checks(agency):
    """Events of numbers not in 台账; numbers that collide with this agency's stored ones."""

    def check(imported: Imported) -> list[Problem]:
        rows = imported.all_rows(SHEET)
        numbers = {row.data.get("number") for row in rows}
        problems = [
            Problem(event.line, f"“{event.data.get('number', '')}”不在台账中", NUMBER, EVENT_SHEET)
            for event in imported.all_rows(EVENT_SHEET)
            if "number" in event.data and event.data["number"] not in numbers
        ]
        numbered = [row for row in rows if row.data.get("number")]
        existing = set(
            Application.objects.filter(agency=agency, number__in=[r.data["number"] for r in numbered]).values_list(
                "number", flat=True
            )
        )
        own = {row.line: own_serial(agency, row.data["number"]) for row in numbered}
        taken = set(
            Application.objects.filter(agency=agency, year__in={p[0] for p in own.values() if p}).values_list(
                "year", "serial"
            )
        )
        for row in numbered:
            number, kept = row.data["number"], own[row.line]
            if number in existing:
                problems.append(Problem(row.line, f"“{number}”在本机关已存在", NUMBER, SHEET))
            elif kept and kept in taken:
                problems.append(
                    Problem(row.line, f"“{number}”与本机关已使用的{kept[0]}年第{kept[1]}号冲突", NUMBER, SHEET)
                )
        return problems

    return check


def _advance_counters(agency, kept: list[tuple[int, int]]) -> None:
    """Move each agency-year counter past the serials kept from imported numbers (row-locked)."""
    highest: dict[int, int] = {}
    for year, serial in kept:
        highest[year] = max(highest.get(year, 0), serial)
    for year, serial in sorted(highest.items()):
        NumberCounter.objects.get_or_create(agency=agency, year=year)
        counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year)
        if counter.last < serial:
            counter.last = serial
            counter.save(update_fields=["last"])


def _create(agency, values: dict, kept, events: list[dict]) -> Application:
    values = normalise(values)
    year, serial = kept or (values["submitted_on"].year, allocate_number(agency, values["submitted_on"].year)[0])
    application = Application.objects.create(
        agency=agency,
        year=year,
        serial=serial,
        number=values["number"],
        channel=values["channel"],
        state=values["state"],
        submitted_on=values["submitted_on"],
        received_on=values["received_on"],
        outcome=values["outcome"] or "",
        decided_on=values["decided_on"],
        decision_note=values["decision_note"] or "",
        imported=True,
        **{f: values.get(f) or "" for f in APPLICANT_FIELDS},
    )
    for event in events:
        ClockEvent.objects.create(
            application=application,
            kind=event["kind"],
            on=event["on"],
            working_days=event["working_days"] or 0,
            served_on=event["served_on"],
            service_method=event["service_method"] or "",
            deadline_on=event["deadline_on"],
            note=event["note"] or "",
        )
    return application


@transaction.atomic
def import_ledger(*, agency, data: bytes, actor, name: str = "台账.xlsx") -> ImportResult:
    """Import the applications (and their clock events) of a ledger workbook, all or nothing."""
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("您没有导入该机关台账的权限")
    # Lock this agency's counters first: a concurrent online application waits, then sees them moved.
    list(NumberCounter.objects.select_for_update().filter(agency=agency))
    imported = read_import(LEDGER_IMPORT, name, data, check=_checks(agency))
    applications = [row.data for row in imported.rows(SHEET)]
    events: dict[str, list[dict]] = {}
    for row in imported.rows(EVENT_SHEET):
        events.setdefault(row.data["number"], []).append(row.data)
    own = [own_serial(agency, values["number"]) for values in applications]
    _advance_counters(agency, [p for p in own if p])
    created = [
        _create(agency, values, kept, events.get(values["number"], []))
        for values, kept in zip(applications, own, strict=True)
    ]
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.ledger_imported",
        agency=agency,
        after={"created": len(created), "numbers": [a.number for a in created][:200]},
    )
    return ImportResult(len(created), len(created))
