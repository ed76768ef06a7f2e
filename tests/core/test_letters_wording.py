"""Letter wording in the core: per outcome, never the statistics label (issue 10)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core import outcomes
from gongkai.core.letters import decisions, remedies
from gongkai.core.letters.form import (
    PROVISIONAL_NOTE,
    cn_date,
    format_letter_number,
    number_pattern_problem,
    placeholder_problem,
    placeholders_of,
)
from gongkai.core.letters.templates import DEFAULTS, allowed, missing_required


def complete(outcome_id):
    details = {f.name: (f.choices[0][0] if f.choices else "某项内容") for f in decisions.fields_for(outcome_id)}
    details.pop("responsible_unknown", None)
    return details


@pytest.mark.parametrize("outcome_id", outcomes.OUTCOME_IDS)
def test_each_outcome_has_its_own_wording_not_the_row_label(outcome_id):
    """条例 Arts. 14–16, 30, 35–39: the letter text is legal wording, never the table-三 row label."""
    details = complete(outcome_id)
    assert decisions.problems(outcome_id, details) == {}
    text = "".join(decisions.paragraphs(outcome_id, details))
    label = outcomes.outcome(outcome_id).label
    assert label not in text and "区分处理的，只计这一情形" not in text
    assert text.endswith("。")


@pytest.mark.parametrize(
    "outcome_id,article",
    [
        ("withheld.state_secret", "第十四条"),
        ("withheld.prohibited_by_law", "第十四条"),
        ("withheld.three_safeties_one_stability", "第十四条"),
        ("withheld.third_party_rights", "第十五条"),
        ("withheld.internal_affairs", "第十六条第一款"),
        ("withheld.process_information", "第十六条第二款"),
        ("withheld.enforcement_files", "第十六条第二款"),
        ("withheld.inquiry_matters", "第三十六条第（三）项"),
        ("unavailable.needs_creation", "第三十八条"),
        ("not_processed.excessive", "第三十五条"),
        ("not_processed.duplicate", "第三十六条第（六）项"),
        ("not_processed.petition_complaint", "第三十九条第一款"),
        ("not_processed.publication", "第三十九条第二款"),
        ("partially_granted", "第三十七条"),
    ],
)
def test_withholding_and_refusal_grounds_cite_their_article(outcome_id, article):
    """Each 不予公开 ground gives its reason and article (Arts. 14, 15, 16, 36(三)); 不予处理 cites
    Art. 35 / 36(六) / 39."""
    text = "".join(decisions.paragraphs(outcome_id, complete(outcome_id) | {"reason": "因为某理由"}))
    assert article in text
    if outcome_id.startswith("withheld.") and outcome_id != "withheld.inquiry_matters":
        assert "第三十六条第（三）项" in text and "因为某理由" in text


def test_granted_states_way_place_and_time_art_36():
    """条例 Art. 36(二): the way, place and time of provision are required and printed."""
    assert set(decisions.problems("granted", {})) == {"provision_way", "provision_place", "provision_time"}
    text = decisions.paragraphs(
        "granted", {"provision_way": "邮寄", "provision_place": "党政办", "provision_time": "10日内"}
    )[0]
    assert "第三十六条第（二）项" in text and "邮寄" in text and "党政办" in text and "10日内" in text


def test_partial_names_the_withheld_part_and_why_art_37():
    """条例 Art. 37: the withheld part and the reason for it."""
    problems = decisions.problems(
        "partially_granted", {"provision_way": "a", "provision_place": "b", "provision_time": "c"}
    )
    assert set(problems) == {"withheld_part", "withheld_ground", "reason"}
    details = complete("partially_granted") | {
        "withheld_part": "身份证号码",
        "reason": "个人隐私",
        "withheld_ground": "withheld.third_party_rights",
    }
    text = "".join(decisions.paragraphs("partially_granted", details))
    assert "身份证号码" in text and "个人隐私" in text and "第十五条" in text


def test_not_held_requires_responsible_agency_or_explicit_unknown_art_36_5():
    """条例 Art. 36(五): name the responsible agency and its contact, or say it cannot be determined."""
    base = {"not_held_basis": "other_agency", "search_done": "收发文登记"}
    assert "responsible_agency" in decisions.problems("unavailable.not_held", base)
    assert "responsible_contact" in decisions.problems(
        "unavailable.not_held", base | {"responsible_agency": "县水利局"}
    )
    named = base | {"responsible_agency": "县水利局", "responsible_contact": "0000-1234567"}
    assert decisions.problems("unavailable.not_held", named) == {}
    assert "县水利局" in decisions.paragraphs("unavailable.not_held", named)[0]
    unknown = base | {"responsible_unknown": "yes"}
    assert decisions.problems("unavailable.not_held", unknown) == {}
    assert "经检索无法确定" in decisions.paragraphs("unavailable.not_held", unknown)[0]
    both = named | {"responsible_unknown": "yes"}
    assert "responsible_unknown" in decisions.problems("unavailable.not_held", both)
    gone = {"not_held_basis": "not_exist", "search_done": "档案"}
    assert "第三十六条第（四）项" in decisions.paragraphs("unavailable.not_held", gone)[0]


@pytest.mark.parametrize("outcome_id", [o for o in outcomes.OUTCOME_IDS if o.startswith("withheld.")])
def test_withholding_review_first_then_court_review_law_art_23(outcome_id):
    """行政复议法 (2023) Art. 23(一)(四): 不予公开 → 复议 first (60 days), then court."""
    text = "".join(remedies.remedies(outcome_id, review_body="示范县人民政府", court="示范县人民法院"))
    assert "应当先" in text and "60日" in text and "示范县人民政府" in text and "示范县人民法院" in text
    assert "6个月" not in text


def test_partial_remedies_split_withheld_part_and_rest_review_law_art_23():
    """行政复议法 (2023) Art. 23: the withheld part of 部分公开 is 复议前置; the rest is either/or."""
    first, rest = remedies.remedies("partially_granted", review_body="县政府", court="县法院")
    assert "不予公开的部分" in first and "应当先" in first
    assert "6个月" in rest and "应当先" not in rest


@pytest.mark.parametrize("outcome_id", ["granted", "unavailable.not_held", "not_processed.duplicate", None])
def test_other_outcomes_review_or_court_review_law_art_20_and_litigation_law_art_46(outcome_id):
    """Other outcomes: 复议 within 60 days or 诉讼 within 6 months, at the applicant's choice."""
    text = "".join(remedies.remedies(outcome_id, review_body="县政府", court="县法院"))
    assert "60日" in text and "6个月" in text and "应当先" not in text


def test_default_review_body_by_level_review_law_art_24():
    """行政复议法 (2023) Art. 24: township and county department → the county government."""
    county = remedies.county_of("车辋镇人民政府", "示范县人民政府办公室（县政务公开办）")
    assert county == "示范县"
    assert remedies.default_review_body("township_government", county) == "示范县人民政府"
    assert remedies.default_review_body("county_department", "示范县") == "示范县人民政府"
    assert remedies.default_review_body("subdistrict_office", "示范县") == "示范县人民政府"
    assert "上一级" in remedies.default_review_body("county_government", "示范县")
    assert remedies.default_court("township_government", "示范县") == "示范县人民法院"
    assert "中级" in remedies.default_court("county_government", "示范县")


def test_failure_to_reply_review_first_review_law_art_23_3():
    assert "应当先" in remedies.failure_to_reply(review_body="县政府", court="县法院")


def test_unknown_placeholders_refused_with_the_valid_list():
    problem = placeholder_problem("承办人：$foo\n$applicant", allowed("reply"))
    assert "$foo" in problem and "$applicant" in problem and "$decision" in problem
    assert placeholder_problem("价格 $ 5", allowed("reply")).startswith("模板中的「$」")
    assert placeholder_problem("$$5 $applicant", allowed("reply")) is None
    for kind, text in DEFAULTS.items():
        assert placeholder_problem(text, allowed(kind)) is None, kind
        assert missing_required(kind, placeholders_of(text)) == [], kind
    assert missing_required("reply", ["applicant", "decision"]) == ["remedies"]


def test_letter_number_pattern_gb_9704():
    """GB/T 9704-2012 7.2.4: 〔年份〕 and the serial without leading zeros."""
    assert format_letter_number("车政信复〔{year}〕{seq}号", year=2024, seq=3) == "车政信复〔2024〕3号"
    assert number_pattern_problem("车政信复〔{year}〕号") is not None
    assert "{foo}" in number_pattern_problem("{foo}{year}{seq}")
    assert number_pattern_problem("{year") is not None
    with pytest.raises(ValueError):
        format_letter_number("{year}{seq}", year=2024, seq=0)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_in_chinese(day):
    text = cn_date(day)
    assert text == f"{day.year}年{day.month}月{day.day}日"
    assert cn_date(day, provisional=True) == text + PROVISIONAL_NOTE


@given(st.sampled_from(outcomes.OUTCOME_IDS), st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_complete_details_give_a_letter_never_the_label(outcome_id, text):
    """Property: whatever the clerk types, a complete reply is legal wording ending in 。 and never
    the statistics label; the remedies always name both bodies."""
    details = {f.name: (f.choices[-1][0] if f.choices else text) for f in decisions.fields_for(outcome_id)}
    details.pop("responsible_unknown", None)
    if decisions.problems(outcome_id, details):
        return
    body = "".join(decisions.paragraphs(outcome_id, details))
    assert body.endswith("。") and outcomes.outcome(outcome_id).full_label not in body
    assert "《中华人民共和国" in body or outcome_id in ("other.other", "other.unpaid_fee")
    paragraph = "".join(remedies.remedies(outcome_id, review_body="复议机关甲", court="法院乙"))
    assert "复议机关甲" in paragraph and "法院乙" in paragraph
