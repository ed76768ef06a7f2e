"""The procedure around the clock in the platform (issue 10), on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.core import mail

from gongkai.applications import actions
from gongkai.applications.clock import clock_of
from gongkai.applications.models import ClockEvent, FeeNotice
from gongkai.applications.reminders import send_reminders
from gongkai.applications.selectors import desk_items, fee_summary, unconfirmed_at_year_end
from gongkai.core.application_states import InvalidTransition
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.holidays.actions import enter_year_schedule
from tests.applications.factories import person, registered, signer_for

TODAY = date(2026, 1, 31)


def codes(agency, today):
    return [(i.code, i.application.number) for i in desk_items(agencies=[agency], today=today)]


def correction(a, actor, on, correct_by, **kw):
    return actions.request_correction(
        application=a,
        actor=actor,
        on=on,
        served_on=on,
        service_method="post",
        correct_by=correct_by,
        content="请写明年份",
        today=kw.pop("today", TODAY),
        **kw,
    )


def test_art30_late_correction_needs_a_reason_and_does_not_restart(township, handler):
    """Art. 30: a notice on working day 8 is recorded with its reason but the due date stays."""
    a = registered(township, handler, date(2025, 3, 3))
    with pytest.raises(Refused, match="须说明理由"):
        correction(a, handler, date(2025, 3, 13), date(2025, 3, 25))
    a = correction(a, handler, date(2025, 3, 13), date(2025, 3, 25), late_reason="承办人出差")
    assert a.state == "in_progress"
    clock = clock_of(a, today=date(2025, 3, 20))
    assert clock.due_on == date(2025, 3, 31) and clock.correction_notice_late and not clock.awaiting_correction
    actions.receive_correction(application=a, actor=handler, on=date(2025, 3, 20), today=TODAY)
    a.refresh_from_db()
    assert a.state == "in_progress" and clock_of(a, today=date(2025, 3, 20)).due_on == date(2025, 3, 31)
    with pytest.raises(InvalidTransition, match="一次"):
        correction(a, handler, date(2025, 3, 21), date(2025, 3, 28), late_reason="再次")


def test_art30_correction_after_due_is_refused_and_saves_nothing(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    with pytest.raises(Refused, match="答复期限已于2025年3月31日届满"):
        correction(a, handler, date(2025, 4, 1), date(2025, 4, 20), late_reason="迟到")
    a.refresh_from_db()
    assert a.state == "in_progress" and not a.letters.exists()
    assert not ClockEvent.objects.filter(kind="correction_requested").exists()


def test_art30_correction_lapsed_on_desk_and_in_reminders(township, handler, settings):
    """补正期满 shows on the to-do list and in the reminder until closed as 其他处理1."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handler.email = "h@example.gov.cn"
    handler.save()
    a = registered(township, handler, date(2025, 3, 3))
    correction(a, handler, date(2025, 3, 5), date(2025, 3, 19))
    assert codes(township, date(2025, 3, 19)) == []
    assert codes(township, date(2025, 3, 20)) == [("correction_lapsed", a.number)]
    item = desk_items(agencies=[township], today=date(2025, 3, 20))[0]
    assert item.due_on == date(2025, 3, 19) and item.label.startswith("补正期满")
    assert send_reminders(date(2025, 3, 20)) == 1 and "补正期满" in mail.outbox[0].body
    actions.lapse_correction(
        application=a, actor=handler, on=date(2025, 3, 20), today=TODAY, signed_by=signer_for(township)
    )
    assert codes(township, date(2025, 3, 21)) == []


def test_art32_consultation_left_open_becomes_overdue(township, handler):
    """Arts. 32, 33: an open consultation pauses only until the third party's 15 working days."""
    a = registered(township, handler, date(2025, 3, 3))
    actions.start_consultation(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=date(2025, 3, 5),
        service_method="post",
        third_party="某公司",
        content="是否同意",
        today=TODAY,
    )
    assert codes(township, date(2025, 3, 26)) == []
    assert codes(township, date(2025, 3, 27)) == [("consultation_overdue", a.number)]
    later = codes(township, date(2025, 4, 23))
    assert ("overdue", a.number) in later and ("consultation_overdue", a.number) in later
    assert clock_of(a, today=date(2025, 4, 23)).due_on == date(2025, 4, 22)


def test_art34_consultation_with_an_agency_is_recorded(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    actions.start_consultation(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=date(2025, 3, 6),
        service_method="post",
        third_party="县自然资源局",
        content="共同制作",
        today=TODAY,
        party="agency",
    )
    assert ClockEvent.objects.get(kind="consultation_started").party == "agency"
    clock = clock_of(a, today=date(2025, 3, 28))
    assert clock.reply_by.on == date(2025, 3, 27) and any("视为同意" in w for w in clock.warnings)
    with pytest.raises(Refused, match="第三十二条"):
        actions.start_consultation(
            application=a,
            actor=handler,
            on=date(2025, 3, 7),
            served_on=date(2025, 3, 7),
            service_method="post",
            third_party="x",
            content="",
            today=TODAY,
            party="neighbour",
        )


def fee(a, actor, on, units=120):
    return actions.send_fee_notice(
        application=a,
        actor=actor,
        on=on,
        served_on=on,
        service_method="post",
        method="per_page",
        units=units,
        today=TODAY,
    )


def test_109_corrected_fee_notice_replaces_never_adds(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    first = fee(a, handler, date(2025, 3, 5), units=120)
    second = fee(a, handler, date(2025, 3, 7), units=50)
    first.refresh_from_db()
    assert first.replaced and second.replaces == first and not second.replaced
    assert fee_summary(township, 2025) == {"notices_sent": 1, "amount_notified_yuan": 200, "amount_collected_yuan": 0}
    with pytest.raises(Refused, match="200元"):
        actions.record_payment(application=a, actor=handler, on=date(2025, 3, 10), amount_yuan=1100, today=TODAY)
    actions.record_payment(application=a, actor=handler, on=date(2025, 3, 10), amount_yuan=200, today=TODAY)
    with pytest.raises(Refused, match="一份收费通知"):
        fee(a, handler, date(2025, 3, 11))
    assert FeeNotice.objects.count() == 2 and a.letters.filter(kind="fee").count() == 2


def test_109_fee_notice_after_due_refused(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    with pytest.raises(Refused, match="收费通知不被允许"):
        fee(a, handler, date(2025, 4, 1))
    assert not FeeNotice.objects.exists()


def test_109_unpaid_fee_lapses_on_desk(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    fee(a, handler, date(2025, 3, 5))
    assert codes(township, date(2025, 4, 3)) == [("fee_lapsed", a.number)]
    with pytest.raises(Refused, match="已超过缴费期限"):
        actions.record_payment(application=a, actor=handler, on=date(2025, 4, 3), amount_yuan=1100, today=TODAY)


def test_provisional_pay_by_never_refuses_payment_and_firms_up_when_entered(township, handler, agency_admin):
    """暂定: a pay-by in 2027 (no notice yet) is marked, accepts a later payment, cannot lapse the
    application, and becomes firm as soon as 2027 is entered (nothing stored)."""
    a = registered(township, handler, date(2026, 12, 1), today=date(2026, 12, 15))
    notice = actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2026, 12, 15),
        served_on=date(2026, 12, 15),
        service_method="post",
        method="per_page",
        units=120,
        today=date(2026, 12, 15),
    )
    assert notice.pay_by().provisional and notice.pay_by().on == date(2027, 1, 13)
    letter = a.letters.get(kind="fee")
    assert "暂定，以国务院办公厅公布的节假日安排为准" in letter.body
    with pytest.raises(Refused, match="暂定"):
        actions.lapse_fee(
            application=a, actor=handler, on=date(2027, 1, 20), today=date(2027, 1, 20), signed_by=signer_for(township)
        )
    assert not [c for c, _ in codes(township, date(2027, 1, 20)) if c == "fee_lapsed"]
    enter_year_schedule(
        year=2027, holidays=[date(2027, 1, 1), date(2027, 1, 4)], makeup_workdays=[], source="测试", actor=None
    )
    firm = FeeNotice.objects.get(pk=notice.pk).pay_by()
    assert not firm.provisional and firm.on == date(2027, 1, 14)
    assert ("fee_lapsed", a.number) in codes(township, date(2027, 1, 20))


def test_provisional_payment_after_provisional_date_is_accepted(township, handler):
    a = registered(township, handler, date(2026, 12, 1), today=date(2026, 12, 15))
    actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2026, 12, 15),
        served_on=date(2026, 12, 15),
        service_method="post",
        method="per_page",
        units=120,
        today=date(2026, 12, 15),
    )
    paid = actions.record_payment(
        application=a, actor=handler, on=date(2027, 1, 14), amount_yuan=1100, today=date(2027, 1, 14)
    )
    assert paid.paid_on == date(2027, 1, 14)


def test_art35_delayed_reply_needs_admin_and_sets_due(township, handler, agency_admin):
    a = registered(township, handler, date(2025, 3, 3))
    kw = dict(
        on=date(2025, 3, 20),
        until=date(2025, 5, 30),
        reason="申请数量明显超过合理范围",
        served_on=date(2025, 3, 20),
        service_method="post",
        today=TODAY,
    )
    with pytest.raises(PermissionRefused):
        actions.delay_reply(application=a, actor=handler, **kw)
    actions.delay_reply(application=a, actor=agency_admin, **kw)
    event = ClockEvent.objects.get(kind="delayed_reply")
    assert event.deadline_on == date(2025, 5, 30) and not ClockEvent.objects.filter(kind="extended").exists()
    assert clock_of(a, today=date(2025, 4, 10)).due_on == date(2025, 5, 30)
    with pytest.raises(InvalidTransition, match="一次"):
        actions.delay_reply(application=a, actor=agency_admin, **kw)


def test_art31_fax_unconfirmed_on_desk_from_next_working_day(township, handler):
    """Art. 31(三): a fax not yet confirmed is 待确认接收, listed from the next working day."""
    a, _ = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="fax",
        submitted_on=date(2025, 3, 7),
        today=date(2025, 3, 7),
    )  # Friday
    assert a.state == "submitted" and a.received_on is None
    assert codes(township, date(2025, 3, 9)) == []  # Sunday
    assert codes(township, date(2025, 3, 10)) == [("to_confirm", a.number)]
    assert list(unconfirmed_at_year_end([township], 2025)) == [a]
    assert list(unconfirmed_at_year_end([township], 2024)) == []
    actions.confirm_receipt(application=a, actor=handler, on=date(2025, 3, 10), today=date(2025, 3, 10))
    assert codes(township, date(2025, 3, 11)) == [] and not list(unconfirmed_at_year_end([township], 2025))


def test_art31_ordinary_letter_arrival_and_confirmation_differ(township, handler):
    a, _ = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="ordinary_letter",
        submitted_on=date(2025, 3, 1),
        arrived_on=date(2025, 3, 3),
        confirmed_on=date(2025, 3, 5),
        today=date(2025, 3, 5),
    )
    assert a.received_on == date(2025, 3, 5) and a.arrived_on == date(2025, 3, 3)
    assert any("第三十一条第二项" in w for w in clock_of(a, today=date(2025, 3, 5)).warnings)
    with pytest.raises(Refused, match="到达"):
        actions.register_application(
            agency=township,
            actor=handler,
            data=person(),
            channel="ordinary_letter",
            submitted_on=date(2025, 3, 1),
            arrived_on=date(2025, 3, 3),
            confirmed_on=date(2025, 3, 2),
            today=date(2025, 3, 5),
        )


def test_desk_items_due_soon_and_overdue_with_provisional_flag(township, handler):
    soon = registered(township, handler, date(2026, 12, 1), today=date(2026, 12, 1))
    items = desk_items(agencies=[township], today=date(2026, 12, 28))
    assert [(i.code, i.due_on, i.provisional) for i in items] == [("due_soon", date(2026, 12, 29), False)]
    late = registered(township, handler, date(2026, 12, 10), today=date(2026, 12, 10))
    items = desk_items(agencies=[township], today=date(2027, 1, 6))  # late: due 2027-01-08 (暂定)
    assert [(i.code, i.application, i.provisional) for i in items] == [
        ("overdue", soon, False),
        ("due_soon", late, True),
    ]


def test_application_page_shows_provisional_dates_and_procedure_forms(township, handler, agency_admin, client_of):
    """The page marks a 暂定 date with the full sentence and offers the Art. 34 / Art. 35 choices."""
    from django.utils import timezone

    today = timezone.localdate()
    a = registered(township, handler, date(2026, 12, 10), today=max(today, date(2026, 12, 10)))
    page = client_of(agency_admin).get(f"/staff/applications/{a.pk}/").content.decode()
    if today < date(2027, 1, 1):
        assert "2027年1月8日（暂定，以国务院办公厅公布的节假日安排为准）" in page
    assert "共同制作的其他机关（条例第三十四条）" in page and "延迟答复（须机构管理员同意，条例第三十五条）" in page
    assert 'id="periods"' in page and "条例第三十三条" in page
    handler_page = client_of(handler).get(f"/staff/applications/{a.pk}/").content.decode()
    assert "延迟答复（须机构管理员同意" not in handler_page


def test_late_correction_through_the_page_needs_reason(township, handler, client_of):
    a = registered(township, handler, date(2025, 3, 3))
    post = {
        "on": "2025-03-13",
        "served_on": "2025-03-13",
        "service_method": "post",
        "content": "请写明年份",
        "correct_by": "2025-03-25",
    }
    client = client_of(handler)
    response = client.post(f"/staff/applications/{a.pk}/act/correction/", post)
    assert response.status_code == 400 and "须说明理由" in response.content.decode()
    response = client.post(f"/staff/applications/{a.pk}/act/correction/", post | {"late_reason": "承办人出差"})
    assert response.status_code == 302
    assert ClockEvent.objects.get(kind="correction_requested").note.endswith("逾期告知理由：承办人出差")


def test_clock_cli_uses_the_platforms_entered_years(township, agency_admin, tmp_path, capsys):
    """`gongkai applications clock` runs on the platform's calendar: once 2027 is entered, the
    December 2026 fee notice's pay-by is firm (no longer 暂定)."""
    import json

    from gongkai.cli import main

    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "received_on": "2026-12-01",
                "today": "2026-12-16",
                "events": [{"kind": "fee_notified", "on": "2026-12-15"}],
            }
        )
    )
    assert main(["applications", "clock", str(case)]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["provisional"] is True and before["pay_by"] == "2027-01-13"
    enter_year_schedule(
        year=2027, holidays=[date(2027, 1, 1), date(2027, 1, 4)], makeup_workdays=[], source="测试", actor=None
    )
    assert main(["applications", "clock", str(case)]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["provisional"] is False and after["pay_by"] == "2027-01-14"


def test_reminder_marks_provisional_dates_with_the_full_sentence(township, handler, settings):
    """暂定 in reminders: a due date counted into 2027 reads "暂定，以国务院办公厅公布的节假日安排为准"."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handler.email = "h@example.gov.cn"
    handler.save()
    a = registered(township, handler, date(2026, 12, 10), today=date(2026, 12, 10))
    assert send_reminders(date(2027, 1, 6)) == 1
    body = mail.outbox[0].body
    assert f"{a.number}" in body and "3个工作日内到期" in body
    assert "2027年1月8日（暂定，以国务院办公厅公布的节假日安排为准）" in body
