"""The demo keeps working: 2024 section 二 inputs entered and confirmed as 0, the published report
passes every publication check, and `gongkai report build` gives the seed's figures."""

import json
from datetime import date

from gongkai.agencies import demo as agencies_demo
from gongkai.applications import demo as applications_demo
from gongkai.catalog import demo as catalog_demo
from gongkai.reports import actions
from gongkai.reports import demo as reports_demo
from gongkai.reports.build import unconfirmed_cells
from gongkai.reports.models import AnnualReport


def test_demo_report_passes_every_rule_and_builds_todays_figures(db, capsys):
    from gongkai.cli import main

    agencies_demo.load()
    catalog_demo.load()
    applications_demo.load()
    reports_demo.load()
    reports_demo.load()  # idempotent
    township = agencies_demo.township()
    assert unconfirmed_cells(township, 2024) == []
    row = AnnualReport.objects.get(agency=township, year=2024)
    assert actions.findings_for(row, date(2025, 1, 20)) == []
    assert main(["report", "build", "--agency", "车辋镇人民政府", "--year", "2024"]) == 0
    data = json.loads(capsys.readouterr().out)
    for table in ("proactive", "applications", "review_litigation"):
        for row_id, cells in data[table].items():
            for column, value in cells.items():
                one = (
                    table == "applications"
                    and row_id in ("new_received", "granted", "total")
                    and column in ("natural_person", "total")
                )
                assert str(value) == ("1" if one else "0"), (table, row_id, column)
