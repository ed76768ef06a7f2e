"""Who an applicant turns to (条例 Art. 51): the one lookup of the named bodies for public pages.

`remedy_bodies(agency)` reads the agency's letter settings (`LetterSettings.review_body`,
`.court`, entered by the agency administrator), or, when none are saved, the level defaults of
`gongkai.applications.letters.config.defaults` (行政复议法 2023 Art. 24; 行政诉讼法 Art. 18) — the
same bodies the letters name, so the 申请须知 and the 答复告知书 never disagree. 投诉、举报
(Art. 51) go to the agency's 政府信息公开工作主管部门 (its supervisor) or the 上一级行政机关.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.applications.letters.config import letter_settings

REVIEW_PERIOD = "自知道或者应当知道该行政行为之日起60日内"  # 行政复议法 Art. 20
LITIGATION_PERIOD = "自知道或者应当知道作出行政行为之日起6个月内"  # 行政诉讼法 Art. 46


@dataclass(frozen=True)
class RemedyBodies:
    review_body: str
    court: str
    complaint_body: str
    from_settings: bool  # True when the agency saved its own bodies


def remedy_bodies(agency: Agency) -> RemedyBodies:
    """The 复议机关, 人民法院 and 投诉举报 body for applicants of `agency` (see module doc)."""

    settings = letter_settings(agency)
    supervisor = agency.supervisor if agency.supervisor_id else None
    complaint = supervisor.name if supervisor is not None else "上一级行政机关或者政府信息公开工作主管部门"
    return RemedyBodies(settings.review_body, settings.court, complaint, settings.pk is not None)
