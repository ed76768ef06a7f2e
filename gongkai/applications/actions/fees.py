"""Fees (国办函〔2020〕109号): one notice per application, a corrected notice replaces the earlier
one, payment within 20 working days of service, unpaid past a firm pay-by → 其他处理2 (its letter
is drafted and signed off in `closing`).

A pay-by date counted into a year without official holiday data is 暂定: it is shown as such and
is never used to refuse a payment or to lapse the application (until the year's holidays are
entered, when it becomes firm by itself — the date is derived, never stored).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.agencies.access import Action
from gongkai.applications.actions._base import add_event, check_date, check_served, lock, log, require, step
from gongkai.applications.clock import refusal_for
from gongkai.applications.letters import issue_letter
from gongkai.applications.models import Application, FeeNotice, LetterKind
from gongkai.applications.selectors import applications_in_month_before, current_notice
from gongkai.core import clock as core_clock
from gongkai.core import fees
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Kind
from gongkai.core.refusal import Refused
from gongkai.holidays.services import working_calendar


@transaction.atomic
def send_fee_notice(
    *,
    application: Application,
    actor,
    on: date,
    served_on: date,
    service_method: str,
    method: str,
    units: int,
    today: date,
    earlier_in_month: int | None = None,
) -> FeeNotice:
    """Send the fee notice — or, while it is unpaid, a corrected notice that replaces it (the
    pause and the 20 working days then run from the corrected notice). Refused after the reply
    is due and after payment (109号: one notice per application)."""
    require(actor, Action.EDIT, application.agency)
    correcting = lock(application).state == State.AWAITING_PAYMENT.value
    application, before = step(application, Event.CORRECT_FEE_NOTICE if correcting else Event.SEND_FEE_NOTICE)
    check_date(application, on, today, "收费通知日期")
    check_served(on, served_on, service_method, today)
    if method not in {m.value for m in fees.Method}:
        raise Refused("请选择计收方式（按件或按量，只能选择一种）")
    problem = refusal_for(application, core_clock.ClockEvent(Kind.FEE_NOTICE_SENT, on, served_on=served_on))
    if problem:
        raise Refused(problem)
    if method == fees.Method.PER_APPLICATION and earlier_in_month is None:
        earlier_in_month = applications_in_month_before(application)
    try:
        quote = fees.quote(method, units=units or 0, earlier_in_month=earlier_in_month or 0)
    except ValueError as error:
        raise Refused(str(error)) from None
    if quote.amount_yuan == 0:
        raise Refused("按该计收标准无需收费（未超过免费额度）")
    old = current_notice(application) if correcting else None
    if old is not None:
        if on < old.issued_on:
            raise Refused("更正的收费通知日期不能早于原收费通知日期")
        old.replaced = True
        old.save(update_fields=["replaced"])
    application.save(update_fields=["state"])
    notice = FeeNotice.objects.create(
        application=application,
        method=method,
        units=units,
        earlier_in_month=earlier_in_month or 0,
        amount_yuan=quote.amount_yuan,
        basis=quote.basis,
        standard=quote.standard,
        issued_on=on,
        served_on=served_on,
        replaces=old,
    )
    pay_by = notice.pay_by()  # None until served (e-mail: the day the sealed copy is sent)
    event = add_event(
        application,
        Kind.FEE_NOTICE_SENT,
        on,
        actor,
        served_on=served_on,
        service_method=service_method,
        note=f"{quote.amount_yuan}元" + ("（更正通知，取代此前的收费通知）" if old else ""),
    )
    issue_letter(
        application,
        LetterKind.FEE,
        issued_on=on,
        served_on=served_on,
        service_method=service_method,
        basis=quote.basis,
        standard=quote.standard,
        amount=quote.amount_yuan,
        deadline=pay_by.label
        if pay_by
        else f"收到本通知书之日起{core_clock.RULES.fee_payment_working_days}个工作日届满",
        clock_event=event,
        fee_notice=notice,
    )
    log(
        application,
        actor,
        "fee_notice_corrected" if old else "fee_notice_sent",
        before,
        amount_yuan=quote.amount_yuan,
        pay_by=pay_by.on if pay_by else None,
        pay_by_provisional=pay_by.provisional if pay_by else None,
        replaces=old.pk if old else None,
    )
    return notice


@transaction.atomic
def record_payment(*, application: Application, actor, on: date, amount_yuan: int, today: date) -> FeeNotice:
    require(actor, Action.EDIT, application.agency)
    application, before = step(application, Event.RECORD_PAYMENT)
    check_date(application, on, today, "缴费日期")
    notice = current_notice(application)
    if on < notice.issued_on:
        raise Refused("缴费日期不能早于收费通知日期")
    pay_by = notice.pay_by(working_calendar())  # None: not served yet, no deadline has begun
    if pay_by is not None and on > pay_by.on and not pay_by.provisional:  # a provisional pay-by never refuses a payment
        raise Refused(f"已超过缴费期限（{pay_by.label}），应按逾期未缴费处理（国办函〔2020〕109号）")
    if amount_yuan != notice.amount_yuan:
        raise Refused(f"实收金额应为收费通知载明的{notice.amount_yuan}元")
    notice.paid_on, notice.paid_amount_yuan = on, amount_yuan
    notice.save(update_fields=["paid_on", "paid_amount_yuan"])
    application.save(update_fields=["state"])
    add_event(application, Kind.FEE_PAID, on, actor, note=f"{amount_yuan}元")
    log(application, actor, "fee_paid", before, amount_yuan=amount_yuan)
    return notice
