from gongkai.agencies import demo as agencies_demo
from gongkai.applications import demo
from gongkai.applications.selectors import application_table_counts


def test_demo_is_the_seed_application_and_idempotent(db):
    agencies_demo.load()
    demo.load()
    demo.load()
    table = application_table_counts(agencies_demo.township(), 2024)
    assert table["new_received"]["natural_person"] == 1 and table["granted"]["total"] == 1
    assert table["total"]["total"] == 1 and table["carried_forward"]["total"] == 0


def test_demo_enters_no_holiday_data_for_years_without_a_notice(db):
    """暂定 rule: the demo never invents a year's holiday schedule (2027 has no official notice)."""
    from gongkai.holidays.models import EnteredYearSchedule

    agencies_demo.load()
    demo.load()
    assert not EnteredYearSchedule.objects.exists()
