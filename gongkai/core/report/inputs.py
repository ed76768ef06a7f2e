"""Rules for the figures of section 二 that staff enter (条例 第二十条第（一）（五）（六）（八）项).

- 规章 are made only by 国务院部门 and by the 人民政府 of provinces, 设区的市 and 自治州
  (《中华人民共和国立法法》（2023年修正）第九十一条、第九十三条). No county-level government, county
  department, township or 街道 may make them, so their 规章 row is always 0.
- The fee column is in 万元. An amount that would be implausible in 万元 (typically a figure in
  元 typed into the 万元 column: 123450 instead of 12.345) is warned and must be confirmed.
- Very large decision counts are warned the same way (a typing slip, or a sum of several years).
"""

from __future__ import annotations

from decimal import Decimal

# Agency levels that may make 规章 (立法法 Arts. 91, 93). The platform's own levels
# (county government and below) are not among them.
RULE_MAKING_LEVELS = frozenset({"state_council_department", "provincial_government", "city_government"})

# 1 亿元: above this, a 万元 amount of a county-level agency is almost certainly in 元.
FEE_WAN_YUAN_LIMIT = Decimal(10000)
DECISIONS_LIMIT = 100_000

COUNT_LABELS = {
    "licensing": "行政许可本年处理决定数量",
    "penalty": "行政处罚本年处理决定数量",
    "coercion": "行政强制本年处理决定数量",
}


def may_make_rules(level: str) -> bool:
    """True when an agency of `level` may make 规章 (立法法 第九十一条、第九十三条)."""
    return level in RULE_MAKING_LEVELS


def rule_making_from_name(agency_name: str | None) -> bool | None:
    """What a published report's agency name tells: False for a 乡镇/街道 or a county-level body,
    None when the name does not decide it (a city department, a province...)."""
    if not agency_name:
        return None
    if agency_name.endswith(("镇人民政府", "乡人民政府", "街道办事处")) or "县" in agency_name:
        return False
    return None


def fee_magnitude_warning(amount_wan_yuan) -> str | None:
    """A Chinese warning when a 万元 amount is implausibly large (a figure in 元 in the 万元 column)."""
    try:
        amount = Decimal(str(amount_wan_yuan))
    except (ArithmeticError, ValueError):
        return None
    if amount >= FEE_WAN_YUAN_LIMIT:
        yi = (amount / Decimal(10000)).normalize()
        return (
            f"行政事业性收费金额为 {amount.normalize():f} 万元（即 {yi:f} 亿元），单位是万元，"
            f"请确认没有把“元”填入“万元”栏（如 123450 元应填 12.345）"
        )
    return None


def count_magnitude_warning(row_id: str, value) -> str | None:
    if isinstance(value, int) and value >= DECISIONS_LIMIT:
        return f"{COUNT_LABELS.get(row_id, row_id)}为 {value}，数值异常大，请确认"
    return None


def input_warnings(values: dict) -> list[str]:
    """Warnings for the entered figures: {"licensing": n, "penalty": n, "coercion": n, "fees": 万元}."""
    warnings = [w for row_id in COUNT_LABELS if (w := count_magnitude_warning(row_id, values.get(row_id)))]
    if values.get("fees") is not None and (w := fee_magnitude_warning(values["fees"])):
        warnings.append(w)
    return warnings
