"""Drafts of the narrative sections 一、五、六, written from the data; staff edit them afterwards.

Every factual sentence of the draft is computed from the platform's data; what the platform
cannot know (how information management and supervision went, the 工作考核、社会评议和责任追究
results of 条例 第五十条第（四）项, last year's problems) is left as a （请填写…） prompt, which
blocks submission until a person writes it (`checks.unfilled_sections`).

The wording follows what reports in the national format say (the seed report of 车辋镇 is the
model): 一 covers 主动公开、依申请公开、政府信息管理、平台建设、监督保障; 五 states last
year's problems and what became of each; 六 states the 信息处理费 actually charged
(国办函〔2020〕109号), the 人大代表建议/政协提案 handled, and the notes on how the tables count
(失效 documents; table 四 cases pending at year end).
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.applications.selectors import fee_summary
from gongkai.catalog.selectors import published_counts_by_column
from gongkai.core.report.model import Report
from gongkai.reports.checks import PEOPLE_GOVERNMENT_LEVELS
from gongkai.reports.selectors import (
    concluded_from_earlier_years,
    expired_document_count,
    late_reply_count,
    suggestion_counts,
    unpublished_suggestions,
)

ART_50_4_PROMPT = "（请填写本年度工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。）"
RESULT_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果"}


def column_counts_phrase(counts: dict[str, int]) -> str:
    """ "领导信息1条、职责信息1条、镇街动态共62条" — the seed's way of listing columns."""
    items = [(name, n) for name, n in counts.items() if n]
    if not items:
        return "本年度未主动公开政府信息"
    parts = [f"{name}{n}条" for name, n in items[:-1]]
    last_name, last_n = items[-1]
    parts.append(f"{last_name}共{last_n}条")
    return "、".join(parts)


def application_sentence(year: int, report: Report, late: int | None) -> str:
    """Section 一's statement on applications, every figure from table 三 and the clock."""
    apps = report.applications
    new, carried = apps["new_received"]["total"], apps["carried_over"]["total"]
    done, forward = apps["total"]["total"], apps["carried_forward"]["total"]
    if not (new or carried):
        return f"{year}年，未收到政府信息公开申请。"
    text = f"{year}年，共受理政府信息公开申请{new}件" if new else f"{year}年，未收到新的政府信息公开申请"
    text += (f"，上年结转{carried}件" if carried else "") + f"，本年度办结{done}件"
    text += f"，结转下年度继续办理{forward}件" if forward else ""
    if done and late is None:
        return text + "。"
    if late:
        return text + f"，其中{late}件逾期答复。"
    return text + ("，办结的申请均在法定期限内予以答复。" if done else "。")


def _overview(
    agency, year: int, report: Report, column_counts: dict[str, int], late: int | None, people_government: bool
) -> str:
    supervision = "5、监督保障方面。（请填写监督检查、考核评议等工作情况。）"
    if people_government:
        supervision = "5、监督保障方面。" + ART_50_4_PROMPT
    return "\n\n".join(
        [
            f"{year}年度，{agency.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
            f"扎实推进政府信息公开各项工作。现将{year}年政府信息公开工作情况报告如下：",
            f"1、主动公开方面。本年度在政府门户网站主动公开信息{column_counts_phrase(column_counts)}。",
            f"2、依申请公开方面。{application_sentence(year, report, late)}",
            "3、政府信息管理方面。（请填写政府信息管理工作情况。）",
            "4、平台建设方面。（请填写政府信息公开平台建设情况。）",
            supervision,
        ]
    )


def _problems(previous: Report | None) -> str:
    last = (previous.sections.get("problems") or "").strip() if previous else ""
    lines = ["存在的问题：", "（请填写本年度存在的主要问题。）", "改进情况："]
    if last:
        lines += ["上年度报告所列问题的整改情况：", last]
    else:
        lines.append("（请填写改进措施及上年度问题的整改情况。）")
    return "\n\n".join(lines)


def fee_sentence(year: int, fees: dict) -> str:
    notified = fees.get("notices_sent", 0)
    collected = Decimal(str(fees.get("amount_collected_yuan", 0) or 0))
    if notified or collected:
        return (
            f"{year}年度，发出收费通知{notified}件，"
            f"通知金额{fees.get('amount_notified_yuan', 0)}元，实际收取信息处理费{collected}元。"
        )
    return f"{year}年度，未收取政府信息公开信息处理费。"


def suggestion_sentence(year: int, suggestions: dict[str, int], unpublished: int) -> str:
    npc, cppcc = suggestions.get("npc", 0), suggestions.get("cppcc", 0)
    if not (npc or cppcc):
        return f"{year}年度，未受理人大代表建议和政协提案。"
    text = f"{year}年度，共办理人大代表建议{npc}件、政协提案{cppcc}件"
    if unpublished:
        return text + f"，其中{unpublished}件的办理结果尚未公开。"
    return text + "，办理结果均已按要求公开。"


def review_note(year: int, concluded_earlier: dict[str, int]) -> str:
    """How table 四 counts, and the results of earlier years' cases concluded this year."""
    text = (
        "第四部分行政复议、行政诉讼案件按申请复议或起诉的年度统计，在该年度报告中只计一次："
        "当年12月31日尚未审结的，计入“尚未审结”；其审结结果在审结年度的报告中予以说明，不再计入表格。"
    )
    if concluded_earlier:
        parts = "、".join(f"{RESULT_LABELS[k]}{n}件" for k, n in concluded_earlier.items() if k in RESULT_LABELS)
        text += f"以前年度申请或起诉、{year}年度审结的案件共{sum(concluded_earlier.values())}件：{parts}。"
    return text


def expiry_note(year: int, expired: int) -> str:
    text = (
        "第二部分“本年废止件数”只计本年度废止的文件；因有效期届满等原因失效的文件不计入废止件数，"
        "自失效之日起不再计入“现行有效件数”。"
    )
    return text + (f"{year}年度失效{expired}件。" if expired else f"{year}年度无失效文件。")


def _other(year: int, fees: dict, suggestions: dict[str, int], unpublished: int, notes: list[str]) -> str:
    return "\n\n".join(
        [
            "（一）依申请公开信息处理费收费情况。",
            fee_sentence(year, fees),
            "（二）落实上级年度政务公开工作要点情况。",
            "（请填写。）",
            "（三）本年度建议、提案办理情况。",
            suggestion_sentence(year, suggestions, unpublished),
            "（四）本部门在政务公开方面的创新情况。",
            "（请填写。）",
            "（五）统计说明。",
            *notes,
        ]
    )


def draft_sections(agency, year: int, report: Report, previous: Report | None) -> dict[str, str]:

    notes = [
        expiry_note(year, expired_document_count(agency, year)),
        review_note(year, concluded_from_earlier_years(agency, year)),
    ]
    return {
        "overview": _overview(
            agency,
            year,
            report,
            dict(published_counts_by_column(agency, year)),
            late_reply_count(agency, year),
            agency.level in PEOPLE_GOVERNMENT_LEVELS,
        ),
        "problems": _problems(previous),
        "other": _other(
            year,
            fee_summary(agency, year),
            suggestion_counts(agency, year),
            unpublished_suggestions(agency, year),
            notes,
        ),
    }
