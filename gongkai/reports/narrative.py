"""Drafts of the narrative sections 一、五、六, written from the data; staff edit them afterwards.

The wording follows what reports in the national format say (the seed report of 车辋镇 is the
model): 一 covers 主动公开、依申请公开、政府信息管理、平台建设、监督保障; 五 states last
year's problems and what became of each; 六 states the 信息处理费 actually charged
(国办函〔2020〕109号) and the 人大代表建议/政协提案 handled.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.core.report.model import Report


def column_counts_phrase(counts: dict[str, int]) -> str:
    """"领导信息1条、职责信息1条、镇街动态共62条" — the seed's way of listing columns."""
    items = [(name, n) for name, n in counts.items() if n]
    if not items:
        return "本年度未主动公开政府信息"
    parts = [f"{name}{n}条" for name, n in items[:-1]]
    last_name, last_n = items[-1]
    parts.append(f"{last_name}共{last_n}条")
    return "、".join(parts)


def _overview(agency, year: int, report: Report, column_counts: dict[str, int]) -> str:
    apps = report.applications
    new = apps["new_received"]["total"]
    carried = apps["carried_over"]["total"]
    done = apps["total"]["total"]
    forward = apps["carried_forward"]["total"]
    if new:
        application_text = (
            f"{year}年，共受理政府信息公开申请{new}件"
            + (f"，上年结转{carried}件" if carried else "")
            + f"，本年度办结{done}件"
            + (f"，结转下年度继续办理{forward}件" if forward else "")
            + "，办结的申请均已依法依规予以答复。"
        )
    else:
        application_text = f"{year}年，未收到政府信息公开申请。"
    return "\n\n".join([
        f"{year}年度，{agency.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"扎实推进政府信息公开各项工作。现将{year}年政府信息公开工作情况报告如下：",
        f"1、主动公开方面。本年度在政府门户网站主动公开信息{column_counts_phrase(column_counts)}。",
        f"2、依申请公开方面。坚持规范依申请公开接收、登记、办理等各项流程。{application_text}",
        "3、政府信息管理方面。严格执行政府信息发布审核制度，按照“先审查，后公开”“一事一审”原则开展保密审查。",
        "4、平台建设方面。及时调整、完善政府信息公开目录，及时更新发生变化或失效的公开政府信息。",
        "5、监督保障方面。按周开展政府网站更新情况检查整改，及时通报问题，落实责任。",
    ])


def _problems(previous: Report | None) -> str:
    last = (previous.sections.get("problems") or "").strip() if previous else ""
    lines = ["存在的问题：", "（请填写本年度存在的主要问题。）", "改进情况："]
    if last:
        lines += ["上年度报告所列问题的整改情况：", last]
    else:
        lines.append("（请填写改进措施及上年度问题的整改情况。）")
    return "\n\n".join(lines)


def _other(year: int, fees: dict, suggestions: dict[str, int]) -> str:
    notified = fees.get("notices_sent", 0)
    collected = Decimal(str(fees.get("amount_collected_yuan", 0) or 0))
    if notified:
        fee_text = (f"{year}年度，发出收费通知{notified}件，"
                    f"通知金额{fees.get('amount_notified_yuan', 0)}元，实际收取信息处理费{collected}元。")
    else:
        fee_text = f"{year}年度，未收取政府信息公开信息处理费。"
    npc, cppcc = suggestions.get("npc", 0), suggestions.get("cppcc", 0)
    if npc or cppcc:
        suggestion_text = f"{year}年度，共办理人大代表建议{npc}件、政协提案{cppcc}件，办理结果已按要求公开。"
    else:
        suggestion_text = f"{year}年度，未受理人大代表建议和政协提案。"
    return "\n\n".join([
        "（一）依申请公开信息处理费收费情况。", fee_text,
        "（二）落实上级年度政务公开工作要点情况。", "（请填写。）",
        "（三）本年度建议、提案办理情况。", suggestion_text,
        "（四）本部门在政务公开方面的创新情况。", "无。",
    ])


def draft_sections(agency, year: int, report: Report, previous: Report | None) -> dict[str, str]:
    from gongkai.applications.selectors import fee_summary
    from gongkai.catalog.selectors import published_counts_by_column
    from gongkai.reports.selectors import suggestion_counts

    return {
        "overview": _overview(agency, year, report, dict(published_counts_by_column(agency, year))),
        "problems": _problems(previous),
        "other": _other(year, fee_summary(agency, year), suggestion_counts(agency, year)),
    }
