"""When an annual report must be published (条例 第四十九条).

- 县级以上人民政府部门: by 31 January of the following year (Art. 49 ¶1).
- 本级人民政府 (county level and above): by 31 March, published by its 主管部门 (Art. 49 ¶2).
- 乡镇人民政府 / 街道: no national date (regulation.md: UNCONFIRMED); local notices set one, so the
  date is a parameter, default 31 January (the stricter, common local practice).
"""

from __future__ import annotations

from datetime import date

DEPARTMENT = "department"
GOVERNMENT = "government"
TOWNSHIP = "township"

DEFAULT_TOWNSHIP_DEADLINE = (1, 31)


def publication_deadline(
    kind: str, report_year: int, township_deadline: tuple[int, int] = DEFAULT_TOWNSHIP_DEADLINE
) -> date:
    """The last day to publish the report on `report_year` for an agency of `kind`."""
    following = report_year + 1
    if kind == DEPARTMENT:
        return date(following, 1, 31)
    if kind == GOVERNMENT:
        return date(following, 3, 31)
    if kind == TOWNSHIP:
        month, day = township_deadline
        return date(following, month, day)
    raise ValueError(f"未知的机构类别：{kind}")


def kind_from_name(agency_name: str | None) -> str | None:
    """The kind of agency as its name says it (for reports read from outside the platform)."""
    if not agency_name:
        return None
    if agency_name.endswith(("镇人民政府", "乡人民政府", "街道办事处")):
        return TOWNSHIP
    if agency_name.endswith("人民政府"):
        return GOVERNMENT
    return DEPARTMENT


def deadline_status(deadline: date, today: date, published_on: date | None, warn_days: int = 14) -> tuple[str, str]:
    """(code, Chinese message): `on_time`, `late`, `overdue`, `near` or `open`."""
    if published_on is not None:
        if published_on <= deadline:
            return "on_time", f"已按时公开（期限 {deadline:%Y年%m月%d日}）"
        return "late", f"逾期公开：期限 {deadline:%Y年%m月%d日}，实际 {published_on:%Y年%m月%d日}"
    remaining = (deadline - today).days
    if remaining < 0:
        return "overdue", f"已超过公开期限 {deadline:%Y年%m月%d日}（逾期 {-remaining} 天）"
    if remaining <= warn_days:
        return "near", f"距公开期限 {deadline:%Y年%m月%d日} 仅剩 {remaining} 天"
    return "open", f"公开期限 {deadline:%Y年%m月%d日}"
