"""Who an applicant turns to (条例 Art. 51): the one lookup of the named bodies.

`remedy_bodies(agency)` answers for the 申请须知 page (and any letter that names the bodies):
- the agency's own setting when one exists (a 复议机关 / 人民法院 entered by the agency
  administrator: attributes `review_body` and `court` on the agency, empty when unset);
- else the default of the agency's level, under 《行政复议法》(2023年修订) Art. 24 and
  《行政诉讼法》 Arts. 14, 15, 18:
  - 乡镇人民政府, 街道办事处 and 县级人民政府部门: 复议 by the county government (本级 or
    上一级); 诉讼 at the 基层人民法院 where the agency sits;
  - 县级人民政府: 复议 by the 上一级 (市) 人民政府; 诉讼 at the 中级人民法院.
  The county government is named when the platform holds it (the agency at county-government
  level under the same 政务公开主管部门); the court is named after the county. A derived name
  is marked as such, so the applicant is told to check it — the reading that protects the
  applicant is to name a body and say how it was found, not to leave the field blank.
- 投诉、举报 (Art. 51): the 政府信息公开工作主管部门 (the agency's supervisor) or the 上一级行政机关.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency, AgencyLevel

REVIEW_PERIOD = "自知道或者应当知道该行政行为之日起60日内"  # 行政复议法 Art. 20
LITIGATION_PERIOD = "自知道或者应当知道作出行政行为之日起6个月内"  # 行政诉讼法 Art. 46


@dataclass(frozen=True)
class RemedyBodies:
    review_body: str
    court: str
    complaint_body: str
    from_settings: bool  # True when the agency entered its own bodies


def _county_government(agency: Agency) -> Agency | None:
    if agency.level == AgencyLevel.COUNTY_GOVERNMENT:
        return agency
    if agency.supervisor_id is None:
        return None
    return (Agency.objects.filter(level=AgencyLevel.COUNTY_GOVERNMENT, supervisor_id=agency.supervisor_id)
            .exclude(pk=agency.pk).order_by("pk").first())


def _court_of(government: Agency | None) -> str:
    if government is not None and government.name.endswith("人民政府"):
        return government.name[: -len("人民政府")] + "人民法院"
    return "本机关所在地有管辖权的基层人民法院"


def remedy_bodies(agency: Agency) -> RemedyBodies:
    """The 复议机关, 人民法院 and 投诉举报 body for applicants of `agency` (see module doc)."""
    supervisor = agency.supervisor if agency.supervisor_id else None
    complaint = supervisor.name if supervisor is not None else "上一级行政机关或者政府信息公开工作主管部门"
    own_review = (getattr(agency, "review_body", "") or "").strip()
    own_court = (getattr(agency, "court", "") or "").strip()
    if own_review and own_court:
        return RemedyBodies(own_review, own_court, complaint, True)
    county = _county_government(agency)
    if agency.level == AgencyLevel.COUNTY_GOVERNMENT:
        review = "上一级（设区的市）人民政府"
        court = (agency.name[: -len("人民政府")] + "所在地有管辖权的中级人民法院"
                 if agency.name.endswith("人民政府") else "有管辖权的中级人民法院")
    else:
        review = county.name if county is not None else "本机关所在地的县级人民政府"
        court = _court_of(county)
    return RemedyBodies(own_review or review, own_court or court, complaint, False)
