import json
from importlib.resources import files

from gongkai.core import outcomes


def test_21_outcomes_from_the_format_in_table_order():
    spec = json.loads(files("gongkai.core").joinpath("spec", "report_format.json").read_text("utf-8"))
    rows = [r["id"] for r in spec["applications"]["rows"]]
    assert outcomes.OUTCOME_IDS == tuple(rows[rows.index("granted") : rows.index("total")])
    assert len(outcomes.OUTCOMES) == 21
    assert outcomes.outcome("partially_granted").label.startswith("（二）部分公开")
    assert all(o.article for o in outcomes.OUTCOMES)
    assert outcomes.WITHDRAWN == "other.other"


def test_applicant_types_and_columns():
    assert outcomes.APPLICANT_TYPE_IDS == (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_welfare_org",
        "legal_service_org",
        "other_org",
    )
    assert outcomes.COLUMN_IDS[-1] == "total"
    assert len(outcomes.ROW_IDS) == 25
    assert outcomes.applicant_type("other_org").full_label == "法人或其他组织：其他"
