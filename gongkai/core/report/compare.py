"""Comparing a county's annual reports: each agency year on year, and agencies with their peers.

Contract: `compare(entries, years=None)` takes report entries — dicts with `report` (the report
JSON), optional `url`/`published_on` (ISO date) — and returns a JSON-ready dict:
- `agencies`: per agency (by name), per year its key figures (`metrics`, each with the report's
  `url`) and, for consecutive years, the changes: 上年结转 continuity (this year's 二 equals last
  year's 四, per column), growth of new applications, change of the 不予公开 share and of the
  复议/诉讼 纠正 rate, and the changes of section 二's figures;
- `peers`: per level (县级以上人民政府 / 部门 / 乡镇街道, from the name) and metric of the latest
  year, the median, the MAD and the robust outliers (|0.6745·(x − median) / MAD| > 3.5);
- `missing`: agencies with a report in an earlier year but none for a later one compared;
- `late`: reports published after the statutory deadline (条例 第四十九条).
A figure the report does not hold (null) is never taken as 0: a metric needing it is null.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from statistics import median

from gongkai.core.report.format import PROACTIVE_ROWS
from gongkai.core.report_deadlines import DEPARTMENT, GOVERNMENT, TOWNSHIP, kind_from_name, publication_deadline

LEVEL_LABELS = {GOVERNMENT: "县级以上人民政府", DEPARTMENT: "政府部门", TOWNSHIP: "乡镇人民政府、街道办事处"}
METRIC_LABELS = {
    "new_received": "本年新收申请（件）",
    "carried_over": "上年结转（件）",
    "carried_forward": "结转下年度（件）",
    "withheld_share": "不予公开占办理结果的比例",
    "correction_rate": "复议、诉讼被纠正的比例",
    "review_cases": "行政复议、诉讼总数（件）",
}
OUTLIER_Z = 3.5
WITHHELD_PREFIX = "withheld."


def _total(report: dict, row: str):
    return (report.get("applications", {}).get(row) or {}).get("total")


def _ratio(part, whole):
    if part is None or whole is None:
        return None
    return round(part / whole, 4) if whole else None


def metrics(report: dict) -> dict:
    """The key figures of one report (null when a figure needed is null)."""
    applications = report.get("applications", {})
    withheld = [cells.get("total") for row, cells in applications.items() if row.startswith(WITHHELD_PREFIX)]
    withheld_total = None if (not withheld or None in withheld) else sum(withheld)
    review = report.get("review_litigation", {})
    corrected = [cells.get("corrected") for cells in review.values()]
    decided = [cells.get(c) for cells in review.values() for c in ("upheld", "corrected", "other")]
    corrected_total = None if (not corrected or None in corrected) else sum(corrected)
    decided_total = None if (not decided or None in decided) else sum(decided)
    totals = [cells.get("total") for cells in review.values()]
    return {
        "new_received": _total(report, "new_received"),
        "carried_over": _total(report, "carried_over"),
        "carried_forward": _total(report, "carried_forward"),
        "withheld_share": _ratio(withheld_total, _total(report, "total")),
        "correction_rate": _ratio(corrected_total, decided_total),
        "review_cases": None if (not totals or None in totals) else sum(totals),
    }


def _changes(before: dict, after: dict) -> dict:
    """Year-on-year changes between two reports of one agency (before = the earlier year)."""
    columns = []
    for column, now in (after.get("applications", {}).get("carried_over") or {}).items():
        then = (before.get("applications", {}).get("carried_forward") or {}).get(column)
        if now is not None and then is not None and now != then:
            columns.append({"column": column, "carried_over": now, "previous_carried_forward": then})
    old, new = metrics(before), metrics(after)
    growth = None
    if old["new_received"] and new["new_received"] is not None:
        growth = round((new["new_received"] - old["new_received"]) / old["new_received"], 4)
    proactive = []
    for row in PROACTIVE_ROWS:
        for column in row.column_ids:
            then = (before.get("proactive", {}).get(row.id) or {}).get(column)
            now = (after.get("proactive", {}).get(row.id) or {}).get(column)
            if then is not None and now is not None and then != now:
                proactive.append({"row": row.id, "label": row.label, "column": column, "before": then, "after": now})
    return {
        "carry_over_continuous": not columns if _known_carry(before, after) else None,
        "carry_over_breaks": columns,
        "new_received_growth": growth,
        "withheld_share_change": _difference(new["withheld_share"], old["withheld_share"]),
        "correction_rate_change": _difference(new["correction_rate"], old["correction_rate"]),
        "proactive_changes": proactive,
    }


def _known_carry(before: dict, after: dict) -> bool:
    now = (after.get("applications", {}).get("carried_over") or {}).values()
    then = (before.get("applications", {}).get("carried_forward") or {}).values()
    return bool(now) and bool(then) and None not in now and None not in then


def _difference(a, b):
    return None if a is None or b is None else round(a - b, 4)


def _published_on(entry: dict) -> date | None:
    value = entry.get("published_on")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def robust_outliers(values: dict[str, float]) -> dict:
    """{median, mad, outliers: [{agency, value, z}]} by the modified z-score (Iglewicz–Hoaglin)."""
    if len(values) < 3:
        return {"median": None, "mad": None, "outliers": []}
    middle = median(values.values())
    mad = median(abs(v - middle) for v in values.values())
    outliers = []
    if mad > 0:
        for agency, value in values.items():
            z = 0.6745 * (value - middle) / mad
            if abs(z) > OUTLIER_Z:
                outliers.append({"agency": agency, "value": value, "z": round(z, 2)})
    return {"median": middle, "mad": mad, "outliers": sorted(outliers, key=lambda o: -abs(o["z"]))}


def compare(entries, years: list[int] | None = None) -> dict:
    by_agency: dict[str, dict[int, dict]] = defaultdict(dict)
    for entry in entries:
        report = entry.get("report") or {}
        name, year = (report.get("agency") or {}).get("name"), report.get("year")
        if not name or not isinstance(year, int):
            continue
        current = by_agency[name].get(year)
        if current is None or (_published_on(entry) or date.min) > (_published_on(current) or date.min):
            by_agency[name][year] = entry
    all_years = sorted(years or {y for reports in by_agency.values() for y in reports})
    agencies, missing, late = [], [], []
    for name in sorted(by_agency):
        reports = by_agency[name]
        level = kind_from_name(name)
        row = {"agency": name, "level": level, "level_label": LEVEL_LABELS.get(level, ""), "years": {}, "changes": {}}
        for year in sorted(reports):
            entry = reports[year]
            published = _published_on(entry)
            deadline = publication_deadline(level, year) if level in (GOVERNMENT, DEPARTMENT) else None
            row["years"][str(year)] = {
                "metrics": metrics(entry["report"]),
                "url": entry.get("url"),
                "published_on": entry.get("published_on"),
            }
            if published and deadline and published > deadline:
                late.append(
                    {
                        "agency": name,
                        "year": year,
                        "published_on": published.isoformat(),
                        "deadline": deadline.isoformat(),
                        "url": entry.get("url"),
                    }
                )
        for year in sorted(reports):
            if year - 1 in reports:
                row["changes"][str(year)] = _changes(reports[year - 1]["report"], reports[year]["report"])
        first = min(reports)
        missing += [{"agency": name, "year": y} for y in all_years if y > first and y not in reports]
        agencies.append(row)
    peers = {}
    latest = all_years[-1] if all_years else None
    for level in (GOVERNMENT, DEPARTMENT, TOWNSHIP):
        members = [a for a in agencies if a["level"] == level and str(latest) in a["years"]]
        peers[level] = {"label": LEVEL_LABELS[level], "agencies": len(members), "metrics": {}}
        for metric in METRIC_LABELS:
            values = {a["agency"]: a["years"][str(latest)]["metrics"][metric] for a in members}
            peers[level]["metrics"][metric] = robust_outliers({k: v for k, v in values.items() if v is not None})
    return {
        "years": all_years,
        "latest": latest,
        "metric_labels": METRIC_LABELS,
        "agencies": agencies,
        "peers": peers,
        "missing": missing,
        "late": late,
    }
