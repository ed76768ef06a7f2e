"""The remedies paragraph and the default 行政复议机关 and court.

行政复议法 (2023年修订, in force 2024-01-01):
- Art. 20: 行政复议 within 60 days of knowing of the act.
- Art. 23(一)(三)(四): 复议前置 — for 申请政府信息公开，行政机关不予公开 and for a failure to perform a
  statutory duty (no reply), the applicant must first apply for 行政复议; only against the
  复议决定 may they then sue.
- Art. 24: 县级以上地方各级人民政府 hear cases against their own departments (一), against the
  people's government one level below (二), and against their 派出机关 (三).
行政诉讼法: Art. 45 (15 days after the 复议决定书), Art. 46 (6 months), Art. 18 (the court where the
agency sits; after 复议 also where the 复议机关 sits), Art. 15(一) (中级人民法院 for acts of 县级以上
地方人民政府).

Where a locality's administrative cases go to a court by 集中管辖, the agency sets that court.
"""

from __future__ import annotations

from gongkai.core.letters.decisions import withholds

REVIEW_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

# Agency levels (gongkai.agencies.models.AgencyLevel values).
TOWNSHIP = "township_government"
SUBDISTRICT = "subdistrict_office"
COUNTY_GOVERNMENT = "county_government"
COUNTY_DEPARTMENT = "county_department"


def county_of(*names: str) -> str:
    """ "示范县" from the first name containing a county-level unit (县/市/区/旗), else ""."""
    for name in names:
        for marker in ("自治县", "县", "自治旗", "旗", "区", "市"):
            at = (name or "").find(marker)
            if at > 0:
                return name[: at + len(marker)]
    return ""


def default_review_body(level: str, county: str) -> str:
    """The 行政复议机关 by the agency's level (行政复议法 2023 Art. 24).

    A township government or a 街道办事处 (派出机关) of the county, and a county department:
    the county people's government. A county people's government: the people's government one
    level above (named by the agency: the platform does not know it)."""
    if level == COUNTY_GOVERNMENT:
        return "上一级人民政府（请在文书设置中填写名称）"
    return f"{county}人民政府" if county else "县级人民政府（请在文书设置中填写名称）"


def default_court(level: str, county: str) -> str:
    """行政诉讼法 Arts. 14, 15(一), 18: the basic court where the agency sits; a county people's
    government is sued at the 中级人民法院."""
    if level == COUNTY_GOVERNMENT:
        return "中级人民法院（请在文书设置中填写名称）"
    return f"{county}人民法院" if county else "人民法院（请在文书设置中填写名称）"


def _review_first(review_body: str, court: str, subject: str, letter: str = "本告知书") -> str:
    return (
        f"如对{subject}不服，根据{REVIEW_LAW}第二十条、第二十三条第一款的规定，您应当先自收到{letter}"
        f"之日起60日内向{review_body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书"
        f"之日起15日内依法向{court}提起行政诉讼。"
    )


def _either(review_body: str, court: str, subject: str, letter: str = "本告知书") -> str:
    return (
        f"如对{subject}不服，可以自收到{letter}之日起60日内向{review_body}申请行政复议，"
        f"也可以自收到{letter}之日起6个月内依法向{court}提起行政诉讼。"
    )


def remedies(outcome_id: str | None, *, review_body: str, court: str) -> list[str]:
    """The remedies paragraphs of a letter. `outcome_id` None: a notice that is not a reply
    (fee notice and the like): 复议 or 诉讼 at the applicant's choice."""
    if outcome_id == "partially_granted":
        # The withheld part is a 不予公开 (复议前置); the rest of the reply is not.
        return [
            _review_first(review_body, court, "本答复中不予公开的部分"),
            _either(review_body, court, "本答复的其他内容"),
        ]
    if outcome_id and withholds(outcome_id):
        return [_review_first(review_body, court, "本答复")]
    if outcome_id:
        return [_either(review_body, court, "本答复")]
    return [_either(review_body, court, "本通知", "本通知书")]


def disclosure_over_objection(*, review_body: str, court: str) -> list[str]:
    """The objecting third party's remedies against a decision to disclose (条例 Art. 32)."""
    return [_either(review_body, court, "本决定")]


def failure_to_reply(*, review_body: str, court: str) -> str:
    """What the applicant may do when no reply comes in time (行政复议法 2023 Art. 23(三)): the
    public status page says it; 复议 comes first."""
    return (
        f"本机关逾期未作出答复的，您应当先向{review_body}申请行政复议；对行政复议决定不服的，"
        f"可以依法向{court}提起行政诉讼（{REVIEW_LAW}第二十三条第一款第（三）项）。"
    )
