"""From the cleaned lines of any published report to the report JSON and reading findings.

Contract of `read_report_lines(lines)`:
- every figure the lines do not hold for certain is `None` (never a guessed 0), with a finding;
- a document without the headings and tables of an annual report gives `report=None` and an
  `input.not_a_report` error;
- a report in the 2019 format (before 国办公开办函〔2021〕30号) gives proactive figures `None`,
  （六）其他处理 under the single row id `other`, and a `format.old` finding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.report.align import Slot, align_table
from gongkai.core.report.format import (
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    FEE_COLUMN_ID,
    OLD_APPLICATION_ROWS,
    OLD_REPLACED_ROW_IDS,
    PROACTIVE_ROWS,
    REVIEW_COLUMN_IDS,
    REVIEW_GROUPS,
    SECTIONS,
)
from gongkai.core.report.model import Finding, Report, error, null_report, warning
from gongkai.core.report.read_blanks import fill_proven_blanks
from gongkai.core.report.read_hanzi import is_traditional, to_simplified
from gongkai.core.report.read_headings import break_running_text, split_sections
from gongkai.core.report.sections import clean_lines
from gongkai.core.report.tokens import Token, label_matches, normalize_label, strip_marks, tokenize


@dataclass
class ReadResult:
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    published_on: date | None = None


PROACTIVE_SLOTS = [Slot(r.id, r.column_ids, r.label, decimal_columns=(FEE_COLUMN_ID,)) for r in PROACTIVE_ROWS]
APPLICATION_SLOTS = [Slot(r.id, APPLICATION_COLUMN_IDS, r.label, r.group, True) for r in APPLICATION_ROWS]
OLD_APPLICATION_SLOTS = [Slot(r.id, APPLICATION_COLUMN_IDS, r.label, r.group, True) for r in OLD_APPLICATION_ROWS]
REVIEW_SLOTS = [Slot(g.id, REVIEW_COLUMN_IDS, g.label, None, True) for g in REVIEW_GROUPS]
OLD_PROACTIVE_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第(九)项")
TABLE_NAMES = {
    "proactive": "第二部分（主动公开）",
    "applications": "第三部分（依申请公开）",
    "review_litigation": "第四部分（行政复议、行政诉讼）",
}
TITLE = re.compile(r"(20\d\d)\s*年度?\s*(?:的)?\s*(?:政府信息公开|政务公开)")
AGENCY = re.compile(
    r"([\u4e00-\u9fff()]{2,40}?(?:人民政府办公室|人民政府|办事处|委员会|管理局|局|办公室|厅|委|院|中心|署|部|所|站))"
)
PUBLISHED = re.compile(
    r"(?:发布|公开|发文|成文)?(?:日期|时间)\s*:\s*(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)


def read_report_lines(raw_lines, images: dict[str, bytes] | None = None) -> ReadResult:
    """`images` maps the marker lines a reader put where a picture stood (`read_image.MARKER`)
    to the picture's bytes: a table section holding only a picture is read by OCR."""
    raw_lines = list(raw_lines)
    findings: list[Finding] = []
    original = None
    if is_traditional("".join(raw_lines[:400])):
        # 繁体 (a mirror's conversion): recognise on simplified text (the agency's name too, so that
        # it matches other copies); the narrative sections keep the published wording.
        original = break_running_text(clean_lines(raw_lines))
        lines = break_running_text(clean_lines([to_simplified(line) for line in raw_lines]))
        if len(lines) != len(original):
            original = None
        findings.append(warning("input.traditional", "document", "报告使用繁体字，已转换为简体字识别，数据不受影响"))
    else:
        lines = break_running_text(clean_lines(raw_lines))
    preamble, sections, starts = split_sections(lines)
    has_title = any(
        TITLE.search(line.replace(" ", "")) and ("报告" in line or "年报" in line) for line in preamble[-12:]
    )
    readable = (
        len(sections) >= 3
        or "applications" in sections
        or (has_title and sections and {"overview", "proactive"} & set(sections))
    )
    if not readable:
        reason = (
            f"只找到 {len(sections)} 个年度报告的章节标题"
            if sections
            else "没有找到年度报告的章节标题（一、总体情况……六、其他需要报告的事项）"
        )
        return ReadResult(
            None, [error("input.not_a_report", "document", f"不是可读的政府信息公开工作年度报告：{reason}")]
        )
    agency_name, year = _title_metadata(preamble, sections.get("overview", []))
    report = null_report(agency_name, year)
    if agency_name is None:
        findings.append(warning("metadata.agency", "agency.name", "未能识别发布机关名称"))
    if year is None:
        findings.append(warning("metadata.year", "year", "未能识别报告年度"))
    for spec in SECTIONS:
        if spec.id not in sections:
            findings.append(
                error("missing.section", spec.id, f"缺少第{spec.number}部分“{spec.heading}”，该部分数据按缺失处理")
            )
    present = [s.id for s in SECTIONS if s.id in sections]
    if present and present[-1] != "other":
        findings.append(warning("input.truncated", present[-1], "报告在第六部分之前中止，可能不完整"))
    narrative = sections
    if original is not None:
        narrative = split_sections_at(original, starts)
    for section_id in ("overview", "problems", "other"):
        if section_id in narrative:
            report.sections[section_id] = strip_marks("\n\n".join(narrative[section_id])).strip()
    findings += _read_proactive(report, sections.get("proactive"))
    findings += _read_applications(report, sections.get("applications"))
    findings += _read_review(report, sections.get("review_litigation"))
    if images:
        findings = _read_pictured_tables(report, sections, images, findings)
    findings = fill_proven_blanks(report, findings)
    return ReadResult(report, findings, _published_on(raw_lines))


def split_sections_at(lines: list[str], starts: dict[str, int]) -> dict[str, list[str]]:
    """The sections of `lines` cut at the line numbers where they were recognised in a copy."""
    order = sorted(starts.items(), key=lambda item: item[1])
    found: dict[str, list[str]] = {}
    for number, (section_id, start) in enumerate(order):
        end = order[number + 1][1] if number + 1 < len(order) else len(lines)
        heading = lines[start]
        title_end = max(
            (heading.find(word) + 2 for word in ("情況", "事項", "情况", "事项") if heading.find(word) >= 0), default=0
        )
        remainder = heading[title_end:].lstrip(" 。:") if title_end else ""
        found[section_id] = ([remainder] if remainder else []) + lines[start + 1 : end]
    return found


def _read_pictured_tables(
    report: Report, sections: dict, images: dict[str, bytes], findings: list[Finding]
) -> list[Finding]:
    from gongkai.core.report.read_image import read_image_table

    for table, read_table in TABLE_READERS.items():
        markers = [line for line in sections.get(table) or [] if line in images]
        if not markers or f"missing.table.{table}" not in {f.code for f in findings}:
            continue
        findings = [f for f in findings if f.code != f"missing.table.{table}"]
        findings += read_image_table(report, table, images[markers[0]], read_table)
    return findings


def _table_tokens(lines: list[str]) -> list[Token]:
    table_lines = [line for line in lines if not (len(line) > 80 and "。" in line)]
    return tokenize(table_lines)


def _missing_table(table: str) -> Finding:
    return warning(f"missing.table.{table}", table, f"{TABLE_NAMES[table]}的表格缺失，数据按缺失处理")


def _read_proactive(report: Report, lines: list[str] | None) -> list[Finding]:
    if lines is None:
        return []
    joined = "".join(lines).replace(" ", "")
    if any(marker in joined for marker in OLD_PROACTIVE_MARKERS):
        return [
            _old_format(
                report, "proactive", "第二部分使用 2019 年旧表格（本年新制作数量等栏目），无法对应现行格式，按缺失处理"
            )
        ]
    tokens = _table_tokens(lines)
    if not any(t.kind == "value" for t in tokens):
        return [_missing_table("proactive")]
    cells, findings = align_table(tokens, PROACTIVE_SLOTS, "proactive")
    report.proactive.update(cells)
    return findings


def _old_format(report: Report, where: str, message: str) -> Finding:
    severity = "error" if report.year is not None and report.year >= 2021 else "warning"
    return Finding(severity, "format.old", where, message + "（现行格式见国办公开办函〔2021〕30号）")


def _has_label(tokens: list[Token], label: str) -> bool:
    wanted = normalize_label(label)
    return any(t.kind == "label" and label_matches(normalize_label(t.text), wanted) for t in tokens)


def _read_applications(report: Report, lines: list[str] | None) -> list[Finding]:
    if lines is None:
        return []
    tokens = _table_tokens(lines)
    values = sum(1 for t in tokens if t.kind != "label")
    if values == 0:
        return [_missing_table("applications")]
    cells, findings = align_table(tokens, APPLICATION_SLOTS, "applications")
    new_rows_named = any(_has_label(tokens, s.label) for s in APPLICATION_SLOTS if s.id in OLD_REPLACED_ROW_IDS)
    old_row_named = _has_label(tokens, OLD_APPLICATION_SLOTS[20].label)
    if not new_rows_named and (old_row_named or values == 7 * len(OLD_APPLICATION_SLOTS)):
        old_cells, old_findings = align_table(tokens, OLD_APPLICATION_SLOTS, "applications")
        if _misaligned(old_findings) < max(1, _misaligned(findings)):
            for row_id in OLD_REPLACED_ROW_IDS:
                old_cells[row_id] = dict.fromkeys(APPLICATION_COLUMN_IDS)
            report.applications = {s.id: old_cells[s.id] for s in APPLICATION_SLOTS} | {"other": old_cells["other"]}
            return old_findings + [
                _old_format(
                    report, "applications.other", "第三部分“（六）其他处理”为 2019 年格式的单行，未细分三种情形"
                )
            ]
    report.applications = cells
    return findings


def _misaligned(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.code == "table.misaligned")


def _read_review(report: Report, lines: list[str] | None) -> list[Finding]:
    if lines is None:
        return []
    tokens = _table_tokens(lines)
    if not any(t.kind != "label" for t in tokens):
        return [_missing_table("review_litigation")]
    cells, findings = align_table(tokens, REVIEW_SLOTS, "review_litigation")
    report.review_litigation = cells
    return findings


def _title_metadata(preamble: list[str], overview: list[str]) -> tuple[str | None, int | None]:
    for line in preamble[-12:]:
        compact = line.replace(" ", "")
        match = TITLE.search(compact)
        if match and ("报告" in compact or "年报" in compact):
            before, after = compact[: match.start()], compact[match.end() :]
            agency = AGENCY.search(before) or AGENCY.match(after.split("政府信息公开")[0])
            return (agency.group(1) if agency else None), int(match.group(1))
    year = agency_name = None
    for line in overview[:3]:
        match = re.search(r"(20\d\d)\s*年度?\s*[,，]?\s*", line)
        if match:
            year = int(match.group(1))
            agency = AGENCY.match(line[match.end() :].replace(" ", ""))
            agency_name = agency.group(1) if agency else None
            break
    return agency_name, year


def _published_on(raw_lines: list[str]) -> date | None:
    """The date after 发布日期/发布时间 in the page head or foot (the page's own metadata)."""
    candidates = [line for line in raw_lines[:80] + raw_lines[-20:] if "日期" in line or "时间" in line]
    for line in candidates:
        match = PUBLISHED.search(unicodedata.normalize("NFKC", line))
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return None
    return None


# The readers of each table by section (defined above; used by `_read_pictured_tables`).
TABLE_READERS = {"proactive": _read_proactive, "applications": _read_applications, "review_litigation": _read_review}
