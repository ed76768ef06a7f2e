"""The one list of document checks: narrative claims against tables and data (条例 第五十条),
the 信息处理费 statement (国办函〔2020〕109号), 第五十条第（四）项 for 人民政府, 规章 only where
the agency may make them (立法法 第九十一条、第九十三条), the 万元 unit, 内容雷同."""

from decimal import Decimal

from gongkai.core.report import document_checks
from gongkai.core.report.claims import Facts
from gongkai.core.report.document_checks import DOCUMENT_CHECKS, CheckContext, run_document_checks
from gongkai.core.report.fill import set_application_counts, set_fee_amount
from gongkai.core.report.inputs import input_warnings, may_make_rules
from gongkai.core.report.model import build_empty_report

ART_50 = "工作考核、社会评议和责任追究结果情况：纳入考核，开展社会评议，未发生责任追究。"
FEE = "（一）依申请公开信息处理费收费情况。2024年度，未收取政府信息公开信息处理费。"


def report(name="某某县教育局", overview="", other=FEE):
    r = build_empty_report(name, 2024)
    set_application_counts(r, {("new_received", "natural_person"): 2, ("granted", "natural_person"): 2})
    r.sections.update(overview=overview, problems="无", other=other)
    return r


def codes(findings):
    return sorted(f.code for f in findings)


def test_the_list_is_one_list_the_examiner_runs():
    from gongkai.core.report import examine

    assert [name for name, _ in DOCUMENT_CHECKS] == [
        "表格勾稽关系",
        "信息处理费说明",
        "文字与数据一致",
        "与上年内容雷同",
        "第五十条第（四）项",
        "规章制定权限",
        "收费金额单位",
    ]
    assert examine.run_document_checks is document_checks.run_document_checks


def test_art_50_claims_from_the_tables_alone():
    r = report(overview="2024年，共受理政府信息公开申请2件，上年结转1件，本年度办结3件，结转下年度继续办理1件。")
    found = run_document_checks(r)
    messages = [f.message for f in found if f.code == "narrative.mismatch"]
    assert len(messages) == 3  # carried over 0, handled 2, carried forward 0
    assert any("上年结转1件" in m for m in messages) and any("办结3件" in m for m in messages)
    r = report(overview="2024年，共受理政府信息公开申请2件，本年度办结2件。")
    assert run_document_checks(r) == []


def test_art_33_all_on_time_is_contradicted_by_a_late_reply():
    r = report(overview="2024年，共受理政府信息公开申请2件，本年度办结2件，办结的申请均已依法依规予以答复。")
    assert run_document_checks(r) == []  # a reader cannot know: not checked
    late = CheckContext(facts=Facts(late_replies=1))
    found = run_document_checks(r, late)
    assert codes(found) == ["narrative.mismatch"] and "1 件申请逾期答复" in found[0].message
    r.sections["overview"] = "2024年，共受理政府信息公开申请2件，本年度办结2件，其中1件逾期答复。"
    assert run_document_checks(r, late) == []
    assert codes(run_document_checks(r, CheckContext(facts=Facts(late_replies=0)))) == ["narrative.mismatch"]


def test_suggestion_results_said_public_when_one_is_not():
    other = FEE + "（三）本年度建议、提案办理情况。2024年度，共办理人大代表建议1件、政协提案1件，办理结果已按要求公开。"
    facts = Facts(suggestions_npc=1, suggestions_cppcc=1, suggestions_unpublished=1)
    found = run_document_checks(report(other=other), CheckContext(facts=facts))
    assert codes(found) == ["narrative.mismatch"] and "尚未公开" in found[0].message
    facts = Facts(suggestions_npc=2, suggestions_cppcc=1, suggestions_unpublished=0)
    assert "人大代表建议为 2 件" in run_document_checks(report(other=other), CheckContext(facts=facts))[0].message


def test_fee_statement_and_fee_claims_109():
    assert codes(run_document_checks(report(other="无。"))) == ["missing.fee_statement"]
    old = report(other="无。")
    old.year = 2020  # before the 2021 format
    assert run_document_checks(old) == []
    found = run_document_checks(report(), CheckContext(facts=Facts(fee_collected_yuan=Decimal(200))))
    assert codes(found) == ["narrative.mismatch"] and "200 元" in found[0].message


def test_art_50_4_for_people_governments_only():
    town = report(name="某某镇人民政府", overview="2024年，共受理政府信息公开申请2件。")
    assert codes(run_document_checks(town)) == ["missing.art50_4"]
    town.sections["overview"] += "2024年未发生责任追究情况。"
    assert codes(run_document_checks(town)) == ["incomplete.art50_4"]
    town.sections["overview"] += ART_50
    assert run_document_checks(town) == []
    bureau = report(overview="2024年，共受理政府信息公开申请2件。")
    assert run_document_checks(bureau) == []
    assert codes(run_document_checks(bureau, CheckContext(people_government=True))) == ["missing.art50_4"]


def test_rules_only_where_the_level_may_make_them():
    r = report()
    r.proactive["rules"].update(issued=1, in_force=1)
    assert codes(run_document_checks(r)) == ["rules.not_allowed"]  # 县 in the name
    assert not any(
        may_make_rules(level)
        for level in ("county_government", "county_department", "township_government", "subdistrict_office")
    )
    city = report(name="某市人民政府办公厅")
    city.proactive["rules"].update(issued=1, in_force=1)
    assert run_document_checks(city) == []  # the name does not tell
    assert codes(run_document_checks(city, CheckContext(may_make_rules=False))) == ["rules.not_allowed"]


def test_wan_yuan_unit_warning():
    r = report()
    set_fee_amount(r, "123450")
    found = run_document_checks(r)
    assert codes(found) == ["fee.magnitude"] and "12.345" in found[0].message
    set_fee_amount(r, "12.345")
    assert run_document_checks(r) == []
    assert input_warnings({"fees": Decimal(123450), "licensing": 5}) and not input_warnings({"fees": 3})
    assert input_warnings({"penalty": 250_000})


def test_similarity_only_with_a_previous_report():
    r = report(overview="2024年，共受理政府信息公开申请2件。" * 5)
    previous = report(overview="2024年，共受理政府信息公开申请2件。" * 5)
    previous.year = 2023
    assert "narrative.similar" not in codes(run_document_checks(r))
    assert "narrative.similar" in codes(run_document_checks(r, CheckContext(previous=previous)))


def test_review_claim_against_table_four():
    r = report(other=FEE + "本年度未发生行政复议。")
    r.review_litigation["administrative_review"].update(pending=1, total=1)
    found = run_document_checks(r)
    assert codes(found) == ["narrative.mismatch"] and "行政复议案件共 1 件" in found[0].message
