from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.clock import clock_of
from gongkai.applications.models import Application, ClockEvent, Letter
from gongkai.audit.models import AuditEntry
from gongkai.core.application_states import InvalidTransition
from gongkai.core.refusal import PermissionRefused, Refused
from tests.applications.factories import company, person, registered, signer_for

TODAY = date(2026, 1, 31)


def test_receipt_dates_of_art_31(township, handler):
    a, code = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="registered_post",
        submitted_on=date(2024, 9, 18),
        signed_on=date(2024, 9, 20),
        today=TODAY,
    )
    assert a.received_on == date(2024, 9, 20) and len(code) == 10
    b, _ = actions.register_application(
        agency=township,
        actor=handler,
        data=company(),
        channel="fax",
        submitted_on=date(2024, 9, 18),
        confirmed_on=date(2024, 9, 19),
        today=TODAY,
    )
    assert b.received_on == date(2024, 9, 19)
    with pytest.raises(Refused, match="签收"):
        actions.register_application(
            agency=township,
            actor=handler,
            data=person(),
            channel="registered_post",
            submitted_on=date(2024, 9, 18),
            today=TODAY,
        )
    assert a.number == "test-town-2024-0001" and b.number == "test-town-2024-0002"


def test_invalid_identifiers_save_nothing(township, handler):
    with pytest.raises(Refused, match="校验位"):
        registered(township, handler, date(2024, 9, 20), person(id_number="110105198001010010"))
    with pytest.raises(Refused, match="统一社会信用代码"):
        registered(township, handler, date(2024, 9, 20), company(credit_code="91110000123456789X"))
    assert not Application.objects.exists() and not AuditEntry.objects.exists()


def test_full_journey_with_clock(township, handler, agency_admin):
    online, code = actions.submit_online(agency=township, data=person(), today=date(2024, 9, 19))
    a = actions.confirm_receipt(application=online, actor=handler, on=date(2024, 9, 20), today=TODAY)
    a = actions.request_correction(
        application=a,
        actor=handler,
        on=date(2024, 9, 25),
        served_on=date(2024, 9, 26),
        service_method="post",
        correct_by=date(2024, 10, 15),
        content="请说明年份",
        today=TODAY,
    )
    with pytest.raises(InvalidTransition, match="一次"):
        actions.receive_correction(application=a, actor=handler, on=date(2024, 10, 10), today=TODAY)
        actions.request_correction(
            application=a,
            actor=handler,
            on=date(2024, 10, 11),
            served_on=date(2024, 10, 11),
            service_method="post",
            correct_by=date(2024, 10, 30),
            content="x",
            today=TODAY,
        )
    a.refresh_from_db()
    assert clock_of(a, today=date(2024, 10, 10)).due_on == date(2024, 11, 6)
    with pytest.raises(PermissionRefused):
        actions.extend_deadline(
            application=a,
            actor=handler,
            on=date(2024, 10, 30),
            working_days=10,
            reason="量大",
            served_on=date(2024, 10, 30),
            service_method="post",
            today=TODAY,
        )
    with pytest.raises(Refused, match="20个工作日"):
        actions.extend_deadline(
            application=a,
            actor=agency_admin,
            on=date(2024, 10, 30),
            working_days=21,
            reason="量大",
            served_on=date(2024, 10, 30),
            service_method="post",
            today=TODAY,
        )
    actions.extend_deadline(
        application=a,
        actor=agency_admin,
        on=date(2024, 10, 30),
        working_days=20,
        reason="量大",
        served_on=date(2024, 10, 30),
        service_method="post",
        today=TODAY,
    )
    with pytest.raises(InvalidTransition, match="一次"):
        actions.extend_deadline(
            application=a,
            actor=agency_admin,
            on=date(2024, 10, 31),
            working_days=1,
            reason="再延",
            served_on=date(2024, 10, 31),
            service_method="post",
            today=TODAY,
        )
    assert clock_of(a, today=date(2024, 11, 1)).due_on == date(2024, 12, 4)
    actions.decide(
        application=a,
        actor=handler,
        on=date(2024, 11, 20),
        outcome_id="partially_granted",
        content="部分公开",
        served_on=date(2024, 11, 21),
        service_method="post",
        today=TODAY,
        signed_by=signer_for(a.agency),
    )
    a.refresh_from_db()
    assert a.outcome == "partially_granted" and a.is_closed
    kinds = list(a.letters.values_list("kind", flat=True))
    assert kinds == ["correction", "extension", "reply"]
    reply = a.letters.get(kind="reply")
    assert "第三十七条" in reply.body and bytes(reply.pdf).startswith(b"%PDF") and bytes(reply.docx)[:2] == b"PK"
    with pytest.raises(InvalidTransition, match="已办结"):
        actions.decide(
            application=a,
            actor=handler,
            on=date(2024, 11, 22),
            outcome_id="granted",
            content="x",
            served_on=date(2024, 11, 22),
            service_method="post",
            today=TODAY,
            signed_by=signer_for(a.agency),
        )
    assert AuditEntry.objects.filter(subject_id=str(a.pk), kind="applications.decided").count() == 1


def test_dates_before_receipt_refused(township, handler):
    a = registered(township, handler, date(2024, 9, 20))
    with pytest.raises(Refused, match="不能早于"):
        actions.decide(
            application=a,
            actor=handler,
            on=date(2024, 9, 19),
            outcome_id="granted",
            content="x",
            served_on=date(2024, 9, 19),
            service_method="post",
            today=TODAY,
            signed_by=signer_for(a.agency),
        )
    a.refresh_from_db()
    assert a.state == "in_progress" and not Letter.objects.exists()


def test_consultation_and_fee_and_lapses(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    actions.start_consultation(
        application=a,
        actor=handler,
        on=date(2025, 3, 7),
        served_on=date(2025, 3, 7),
        service_method="post",
        third_party="某公司",
        content="是否同意公开",
        today=TODAY,
    )
    event = ClockEvent.objects.get(kind="consultation_started")
    # The reply-by is derived (Art. 32: 15 working days from service), never stored.
    assert event.deadline_on is None and event.party == "third_party"
    assert clock_of(a, today=date(2025, 3, 10)).reply_by.on == date(2025, 3, 28)
    actions.end_consultation(application=a, actor=handler, on=date(2025, 3, 14), today=TODAY)
    assert clock_of(a, today=date(2025, 3, 20)).due_on == date(2025, 4, 8)
    assert not a.letters.get(kind="consultation").for_applicant
    notice = actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2025, 3, 17),
        served_on=date(2025, 3, 18),
        service_method="post",
        method="per_page",
        units=120,
        today=TODAY,
    )
    assert notice.amount_yuan == 700 + 400 and "109号" in notice.basis
    with pytest.raises(Refused, match="缴费期限"):
        actions.lapse_fee(
            application=a, actor=handler, on=date(2025, 4, 1), today=TODAY, signed_by=signer_for(township)
        )
    actions.lapse_fee(application=a, actor=handler, on=date(2025, 4, 17), today=TODAY, signed_by=signer_for(township))
    a.refresh_from_db()
    assert a.outcome == "other.unpaid_fee"


def test_no_correction_and_withdrawal(township, handler):
    a = registered(township, handler, date(2024, 9, 20))
    actions.request_correction(
        application=a,
        actor=handler,
        on=date(2024, 9, 23),
        served_on=date(2024, 9, 23),
        service_method="post",
        correct_by=date(2024, 10, 15),
        content="不明确",
        today=TODAY,
    )
    actions.lapse_correction(
        application=a, actor=handler, on=date(2024, 10, 16), today=TODAY, signed_by=signer_for(township)
    )
    a.refresh_from_db()
    assert a.outcome == "other.no_correction"
    online, _ = actions.submit_online(agency=township, data=person(), today=date(2024, 9, 19))
    actions.withdraw(application=online, actor=handler, on=date(2024, 9, 20), today=TODAY)
    online.refresh_from_db()
    assert online.outcome == "other.other" and online.received_on == date(2024, 9, 20)


def test_per_application_fee_counts_the_month(township, handler):
    for day in range(1, 12):
        a = registered(township, handler, date(2025, 7, min(day, 31)))
    notice = actions.send_fee_notice(
        application=a,
        actor=handler,
        on=date(2025, 7, 14),
        served_on=date(2025, 7, 14),
        service_method="post",
        method="per_application",
        units=1,
        today=TODAY,
    )
    assert notice.earlier_in_month == 10 and notice.amount_yuan == 100


def test_parallel_consultations_with_several_third_parties(township, handler):
    a = registered(township, handler, date(2025, 3, 3))
    for on, party in ((date(2025, 3, 7), "甲公司"), (date(2025, 3, 10), "乙村民委员会")):
        actions.start_consultation(
            application=a,
            actor=handler,
            on=on,
            served_on=on,
            service_method="post",
            third_party=party,
            content="是否同意公开",
            today=TODAY,
        )
    assert a.letters.filter(kind="consultation").count() == 2
    first, second = actions.open_consultations(a)
    with pytest.raises(Refused, match="请选择"):
        actions.end_consultation(application=a, actor=handler, on=date(2025, 3, 12), today=TODAY)
    actions.end_consultation(application=a, actor=handler, on=date(2025, 3, 12), today=TODAY, consultation_id=second.pk)
    a.refresh_from_db()
    assert a.state == "consulting" and actions.open_consultations(a) == [first]
    assert clock_of(a, today=date(2025, 3, 13)).paused
    with pytest.raises(Refused, match="已经结束"):
        actions.end_consultation(
            application=a, actor=handler, on=date(2025, 3, 14), today=TODAY, consultation_id=second.pk
        )
    actions.end_consultation(application=a, actor=handler, on=date(2025, 3, 14), today=TODAY)
    a.refresh_from_db()
    assert a.state == "in_progress" and actions.open_consultations(a) == []
    assert clock_of(a, today=date(2025, 3, 20)).due_on == date(2025, 4, 8)  # paused 3-7 … 3-14
