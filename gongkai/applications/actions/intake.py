"""Intake: online submission, staff registration (Art. 31 receipt dates), confirmation."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action
from gongkai.applications import notifications
from gongkai.applications.actions._base import add_event, check_date, log, require, step
from gongkai.applications.models import Application, Channel, NumberCounter
from gongkai.applications.validation import applicant_problems, normalise
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Kind
from gongkai.core.refusal import Refused

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 10

APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "information",
    "document_number",
    "provision_form",
    "delivery",
)


def _hash_query_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()


def query_code_matches(application: Application, code: str) -> bool:
    return bool(application.query_code_hash) and hmac.compare_digest(
        application.query_code_hash, _hash_query_code(code)
    )


def _new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def allocate_number(agency, year: int) -> tuple[int, str]:
    """The next serial of `agency` in `year`, under a row lock (call inside a transaction)."""
    counter, _ = NumberCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{agency.slug}-{year}-{counter.last:04d}"


def _receipt_date(
    channel: str, *, submitted_on: date, signed_on: date | None = None, confirmed_on: date | None = None
) -> date:
    """The date of receipt under Art. 31 for a channel.

    In person / orally: the day submitted. Registered post: the day the agency signed for it.
    Ordinary letters, fax and online: the day the agency confirmed with the applicant.
    """
    channel = Channel(channel)
    if channel in (Channel.IN_PERSON, Channel.ORAL):
        return submitted_on
    if channel is Channel.REGISTERED_POST:
        if signed_on is None:
            raise Refused("邮寄需签收的申请，以签收之日为收到申请之日（条例第三十一条第二项），请填写签收日期")
        if signed_on < submitted_on:
            raise Refused("签收日期不能早于寄出或提交日期")
        return signed_on
    if confirmed_on is None:
        raise Refused("平信、传真和网上申请，以与申请人确认之日为收到申请之日（条例第三十一条），请填写确认日期")
    if confirmed_on < submitted_on:
        raise Refused("确认日期不能早于提交日期")
    return confirmed_on


def _create(
    agency,
    data: dict,
    *,
    channel: str,
    submitted_on: date,
    received_on,
    state: State,
    with_code: bool,
    arrived_on: date | None = None,
    submission_token: str = "",
) -> tuple[Application, str]:
    problems = applicant_problems(data)
    if problems:
        raise Refused("；".join(problems.values()))
    data = normalise(data)
    serial, number = allocate_number(agency, submitted_on.year)
    code = _new_query_code() if with_code else ""
    application = Application.objects.create(
        agency=agency,
        year=submitted_on.year,
        serial=serial,
        number=number,
        query_code_hash=_hash_query_code(code) if code else "",
        channel=channel,
        state=state.value,
        submitted_on=submitted_on,
        received_on=received_on,
        arrived_on=arrived_on,
        submission_token=submission_token,
        **{f: data.get(f) or "" for f in APPLICANT_FIELDS},
    )
    return application, code


def _hash_submission_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def submitted_with_token(token: str) -> Application | None:
    """The application an online form with this one-time token already created, if any."""
    if not token:
        return None
    return Application.objects.select_related("agency").filter(submission_token=_hash_submission_token(token)).first()


@transaction.atomic
def submit_online(*, agency, data: dict, today: date, submission_token: str = "") -> tuple[Application, str]:
    """A citizen's online application: numbered now, received when staff confirm (Art. 31(三)).

    `submission_token` (the form's one-time token) is stored hashed under a unique constraint,
    so a reload or a double click can never create a second application: the second insert
    fails (IntegrityError) and the caller shows the first one (`submitted_with_token`)."""
    application, code = _create(
        agency,
        data,
        channel=Channel.ONLINE,
        submitted_on=today,
        received_on=None,
        state=State.SUBMITTED,
        with_code=True,
        submission_token=_hash_submission_token(submission_token) if submission_token else "",
    )
    audit.record(
        subject=application,
        actor=None,
        kind="applications.submitted_online",
        after={"number": application.number, "state": application.state},
    )
    return application, code


# Art. 31: channels whose receipt date is the day of confirmation with the applicant; until then
# the application waits on the to-do list (from the next working day) as 待确认接收.
CONFIRMED_CHANNELS = {Channel.ORDINARY_LETTER, Channel.FAX, Channel.ONLINE}


@transaction.atomic
def register_application(
    *,
    agency,
    actor,
    data: dict,
    channel: str,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    arrived_on: date | None = None,
    today: date,
) -> tuple[Application, str]:
    """Staff register an application that came by letter, in person, fax or orally.

    An ordinary letter or a fax not yet confirmed with the applicant is registered as 待确认接收
    (no receipt date yet, Art. 31); an ordinary letter records its arrival date (`arrived_on`,
    default the submission date) and the page warns when the confirmation is on another day."""
    require(actor, Action.EDIT, agency)
    if channel == Channel.ONLINE:
        raise Refused("网上申请由申请人在线提交，工作人员在此确认接收即可")
    if channel not in Channel.values:
        raise Refused("请选择申请方式")
    if submitted_on is None:
        raise Refused("请填写提交日期")
    if submitted_on > today:
        raise Refused("提交日期不能晚于今天")
    if Channel(channel) is Channel.ORDINARY_LETTER:
        arrived_on = arrived_on or submitted_on
        if arrived_on < submitted_on or arrived_on > today:
            raise Refused("平信到达日期应在提交（寄出）日期与今天之间")
        if confirmed_on is not None and confirmed_on < arrived_on:
            raise Refused("确认日期不能早于平信到达日期")
    else:
        arrived_on = None
    unconfirmed = Channel(channel) in CONFIRMED_CHANNELS and confirmed_on is None
    received_on = (
        None
        if unconfirmed
        else _receipt_date(channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    )
    if received_on is not None and received_on > today:
        raise Refused("收到申请日期不能晚于今天")
    application, code = _create(
        agency,
        data,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        arrived_on=arrived_on,
        with_code=True,
        state=State.SUBMITTED if unconfirmed else State.IN_PROGRESS,
    )
    if received_on is not None:
        add_event(application, Kind.RECEIVED, received_on, actor)
        notifications.receipt(application)  # issue 12: the applicant is told (after commit)
    audit.record(
        subject=application,
        actor=actor,
        kind="applications.registered",
        after={
            "number": application.number,
            "state": application.state,
            "received_on": received_on,
            "arrived_on": arrived_on,
            "channel": channel,
        },
    )
    return application, code


@transaction.atomic
def confirm_receipt(*, application: Application, actor, on: date, today: date) -> Application:
    """Confirm an online, fax or ordinary-letter application with the applicant: the receipt
    date (Art. 31(二)(三))."""
    require(actor, Action.EDIT, application.agency)
    application, before = step(application, Event.CONFIRM_RECEIPT)
    check_date(application, on, today, "确认日期")
    if application.arrived_on and on < application.arrived_on:
        raise Refused("确认日期不能早于平信到达日期")
    application.received_on = on
    application.save(update_fields=["state", "received_on"])
    add_event(application, Kind.RECEIVED, on, actor)
    notifications.receipt(application)  # issue 12: the applicant is told (after commit)
    log(application, actor, "receipt_confirmed", before)
    return application
