from datetime import date

from gongkai.applications import actions
from gongkai.applications.selectors import application_table_counts, fee_summary, review_litigation_counts
from gongkai.core import outcomes
from tests.applications.factories import company, decided, person, registered, signer_for

TODAY = date(2026, 1, 31)


def test_year_figures_from_dates(township, handler, django_assert_max_num_queries):
    decided(township, handler, date(2024, 3, 1), date(2024, 3, 20))  # 2024 new + granted
    carried = registered(township, handler, date(2024, 12, 20), company())  # carried into 2025
    actions.request_correction(
        application=carried,
        actor=handler,
        on=date(2024, 12, 23),
        served_on=date(2024, 12, 23),
        service_method="post",
        correct_by=date(2025, 1, 10),
        content="x",
        today=TODAY,
    )
    actions.receive_correction(application=carried, actor=handler, on=date(2025, 1, 6), today=TODAY)
    actions.decide(
        application=carried,
        actor=handler,
        on=date(2025, 1, 20),
        outcome_id="partially_granted",
        content="x",
        served_on=date(2025, 1, 20),
        service_method="post",
        today=TODAY,
        signed_by=signer_for(carried.agency),
    )
    actions.submit_online(agency=township, data=person(), today=date(2024, 12, 30))  # never confirmed
    with django_assert_max_num_queries(2):
        y2024 = application_table_counts(township, 2024)
    assert set(y2024) == set(outcomes.ROW_IDS) and all(set(r) == set(outcomes.COLUMN_IDS) for r in y2024.values())
    assert y2024["new_received"]["total"] == 2 and y2024["granted"]["natural_person"] == 1
    assert y2024["carried_forward"]["commercial_enterprise"] == 1
    y2025 = application_table_counts(township, 2025)
    assert y2025["new_received"]["total"] == 0  # the correction does not make it new again
    assert y2025["carried_over"]["commercial_enterprise"] == 1
    assert y2025["partially_granted"]["total"] == 1 and y2025["carried_forward"]["total"] == 0
    for table in (y2024, y2025):
        for column in outcomes.COLUMN_IDS:
            assert (
                table["new_received"][column] + table["carried_over"][column]
                == table["total"][column] + table["carried_forward"][column]
            )


def test_review_and_fee_figures(township, handler):
    a = decided(township, handler, date(2024, 3, 1), date(2024, 3, 20), outcome="withheld.state_secret")
    actions.record_review_case(
        application=a,
        actor=handler,
        kind="administrative_review",
        filed_on=date(2024, 4, 1),
        result="upheld",
        concluded_on=date(2024, 6, 1),
        today=TODAY,
    )
    actions.record_review_case(
        application=a,
        actor=handler,
        kind="litigation_direct",
        filed_on=date(2024, 11, 1),
        result="corrected",
        concluded_on=date(2025, 2, 1),
        today=date(2025, 3, 1),
    )
    table = review_litigation_counts(township, 2024)
    assert table["administrative_review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert table["litigation_direct"]["pending"] == 1  # concluded only in 2025
    b = registered(township, handler, date(2024, 5, 6))
    actions.send_fee_notice(
        application=b,
        actor=handler,
        on=date(2024, 5, 7),
        served_on=date(2024, 5, 7),
        service_method="post",
        method="per_page",
        units=40,
        today=TODAY,
    )
    actions.record_payment(application=b, actor=handler, on=date(2024, 5, 10), amount_yuan=100, today=TODAY)
    assert fee_summary(township, 2024) == {"notices_sent": 1, "amount_notified_yuan": 100, "amount_collected_yuan": 100}
