"""The comparison (`compare.compare`) as a standalone HTML page with ECharts charts, and as XLSX.

Contract: `to_html(result, echarts_js)` returns one self-contained page (the ECharts library
inlined, no network); every figure of an agency links to its report when the report has a URL.
`to_xlsx(result)` returns the workbook bytes: 逐年对比, 同级比较, 缺报与迟报.
"""

from __future__ import annotations

import json
from html import escape
from io import BytesIO

PERCENT_METRICS = ("withheld_share", "correction_rate")


def _shown(metric: str, value) -> str:
    if value is None:
        return "—"
    if metric in PERCENT_METRICS:
        return f"{value * 100:.1f}%"
    return str(value)


def _linked(text: str, url: str | None) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)


def _chart_data(result: dict) -> dict:
    latest = result["latest"]
    previous = latest - 1 if latest is not None else None
    names, now, before, withheld = [], [], [], []
    for agency in result["agencies"]:
        years = agency["years"]
        if str(latest) not in years:
            continue
        names.append(agency["agency"])
        now.append(years[str(latest)]["metrics"]["new_received"])
        before.append((years.get(str(previous)) or {}).get("metrics", {}).get("new_received"))
        share = years[str(latest)]["metrics"]["withheld_share"]
        withheld.append(None if share is None else round(share * 100, 1))
    return {"names": names, "now": now, "before": before, "withheld": withheld, "latest": latest, "previous": previous}


CHART_SCRIPT = """
const data = JSON.parse(document.getElementById('compare-data').textContent);
const bars = echarts.init(document.getElementById('chart-applications'));
bars.setOption({tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 60, right: 20, bottom: 120},
  xAxis: {type: 'category', data: data.names, axisLabel: {rotate: 45}}, yAxis: {type: 'value', name: '件'},
  series: [{name: data.previous + '年', type: 'bar', data: data.before},
           {name: data.latest + '年', type: 'bar', data: data.now}]});
const shares = echarts.init(document.getElementById('chart-withheld'));
shares.setOption({tooltip: {trigger: 'axis'}, grid: {left: 60, right: 20, bottom: 120},
  xAxis: {type: 'category', data: data.names, axisLabel: {rotate: 45}}, yAxis: {type: 'value', name: '%'},
  series: [{name: '不予公开比例', type: 'bar', data: data.withheld, markLine: {data: [{type: 'median', name: '中位数'}]}}]});
"""


def _agency_rows(result: dict) -> list[str]:
    rows = []
    for agency in result["agencies"]:
        for year, entry in sorted(agency["years"].items()):
            cells = [escape(agency["agency"]), escape(agency["level_label"]), year]
            cells += [_linked(_shown(m, entry["metrics"][m]), entry["url"]) for m in result["metric_labels"]]
            change = agency["changes"].get(year)
            if change is None:
                cells.append("—")
            else:
                notes = []
                if change["carry_over_continuous"] is False:
                    notes.append("上年结转与上年报告的结转下年度不一致")
                if change["new_received_growth"] is not None:
                    notes.append(f"新收申请{change['new_received_growth'] * 100:+.1f}%")
                if change["proactive_changes"]:
                    notes.append(f"第二部分有 {len(change['proactive_changes'])} 项数据变化")
                cells.append(escape("；".join(notes) or "无明显变化"))
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return rows


def to_html(result: dict, echarts_js: str) -> str:
    labels = result["metric_labels"]
    head = "".join(f"<th>{escape(label)}</th>" for label in labels.values())
    outliers = []
    for peer in result["peers"].values():
        for metric, found in peer["metrics"].items():
            for item in found["outliers"]:
                outliers.append(
                    f"<li>{escape(peer['label'])}：{escape(item['agency'])}的{escape(labels[metric])}为 "
                    f"{escape(_shown(metric, item['value']))}（同级中位数 {escape(_shown(metric, found['median']))}）</li>"
                )
    missing = [f"<li>{escape(m['agency'])}：缺少 {m['year']} 年度报告</li>" for m in result["missing"]]
    late = [
        f"<li>{_linked(item['agency'], item['url'])}：{item['year']} 年度报告于 {item['published_on']} 公开，"
        f"晚于法定期限 {item['deadline']}（条例第四十九条）</li>"
        for item in result["late"]
    ]
    data = json.dumps(_chart_data(result), ensure_ascii=False).replace("</", "<\\/")
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>政府信息公开工作年度报告对比</title>"
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 6px;font-size:13px}.chart{width:100%;height:420px}</style>"
        f"<script>{echarts_js}</script></head><body>"
        f"<h1>政府信息公开工作年度报告对比（{'、'.join(map(str, result['years']))}年度）</h1>"
        "<h2>本年新收申请</h2><div id='chart-applications' class='chart'></div>"
        "<h2>不予公开占办理结果的比例</h2><div id='chart-withheld' class='chart'></div>"
        f"<h2>同级比较中的异常值</h2><ul>{''.join(outliers) or '<li>没有异常值</li>'}</ul>"
        f"<h2>缺报与迟报</h2><ul>{''.join(missing + late) or '<li>没有缺报或迟报</li>'}</ul>"
        f"<h2>逐年对比</h2><table><thead><tr><th>机关</th><th>层级</th><th>年度</th>{head}<th>与上年相比</th></tr></thead>"
        f"<tbody>{''.join(_agency_rows(result))}</tbody></table>"
        f"<script type='application/json' id='compare-data'>{data}</script><script>{CHART_SCRIPT}</script>"
        "</body></html>"
    )


def to_xlsx(result: dict) -> bytes:
    from openpyxl import Workbook

    labels = result["metric_labels"]
    book = Workbook()
    sheet = book.active
    sheet.title = "逐年对比"
    sheet.append(["机关", "层级", "年度", *labels.values(), "上年结转连续", "新收申请增长", "报告网址"])
    for agency in result["agencies"]:
        for year, entry in sorted(agency["years"].items()):
            change = agency["changes"].get(year) or {}
            continuous = change.get("carry_over_continuous")
            sheet.append(
                [
                    agency["agency"],
                    agency["level_label"],
                    int(year),
                    *[entry["metrics"][m] for m in labels],
                    "" if continuous is None else ("是" if continuous else "否"),
                    change.get("new_received_growth"),
                    entry["url"] or "",
                ]
            )
    peers = book.create_sheet("同级比较")
    peers.append(["层级", "指标", "中位数", "MAD", "异常机关", "数值", "稳健 z 值"])
    for peer in result["peers"].values():
        for metric, found in peer["metrics"].items():
            if not found["outliers"]:
                peers.append([peer["label"], labels[metric], found["median"], found["mad"], "", None, None])
            for item in found["outliers"]:
                peers.append(
                    [
                        peer["label"],
                        labels[metric],
                        found["median"],
                        found["mad"],
                        item["agency"],
                        item["value"],
                        item["z"],
                    ]
                )
    gaps = book.create_sheet("缺报与迟报")
    gaps.append(["机关", "年度", "问题", "公开日期", "法定期限"])
    for item in result["missing"]:
        gaps.append([item["agency"], item["year"], "缺少年度报告", "", ""])
    for item in result["late"]:
        gaps.append(
            [item["agency"], item["year"], "逾期公开（条例第四十九条）", item["published_on"], item["deadline"]]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
