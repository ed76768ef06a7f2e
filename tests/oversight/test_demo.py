from gongkai.agencies import demo as agencies_demo
from gongkai.catalog import demo as catalog_demo
from gongkai.oversight import demo
from gongkai.oversight.models import Inspection, Rectification


def test_demo_inspects_the_township_and_verifies_one_rectification_idempotently(db):
    agencies_demo.load()
    catalog_demo.load()
    demo.load()
    demo.load()
    inspection = Inspection.objects.get()
    assert inspection.agency == agencies_demo.township() and inspection.inspected_on.isoformat() == "2025-01-06"
    codes = set(inspection.findings.values_list("code", flat=True))
    assert {"homepage.stale", "column.stale", "column.blank"} <= codes
    rectification = Rectification.objects.get()
    assert rectification.state == "accepted" and rectification.findings.count() == 2
