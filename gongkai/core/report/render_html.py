"""The report as HTML in the national layout: a fragment for a Django page, or a printable document."""

from __future__ import annotations

from html import escape

from gongkai.core.report.format import SECTIONS
from gongkai.core.report.layout import LayoutCell, applications_grid, proactive_grid, report_title, review_grid
from gongkai.core.report.model import Report

GRIDS = {"proactive": proactive_grid, "applications": applications_grid, "review_litigation": review_grid}

STYLESHEET = """
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif; font-size: 11pt; line-height: 1.6; color: #000; }
.annual-report h1 { font-size: 16pt; text-align: center; }
.annual-report h2 { font-size: 13pt; margin: 1.2em 0 0.5em; }
.annual-report p { text-indent: 2em; margin: 0.3em 0; }
.annual-report table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.5em 0; }
.annual-report th, .annual-report td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: middle; }
.annual-report th { font-weight: normal; text-align: left; }
.annual-report thead th { text-align: center; }
.annual-report td { text-align: center; min-width: 2.2em; }
.annual-report tr { page-break-inside: avoid; }
"""


def _cell_html(cell: LayoutCell, scope: str = "") -> str:
    tag = "th" if cell.header else "td"
    attributes = ""
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if scope and cell.header:
        attributes += f' scope="{scope}"'
    return f"<{tag}{attributes}>{escape(cell.text)}</{tag}>"


def table_html(report: Report, section_id: str) -> str:
    grid = GRIDS[section_id](report)
    head_rows = {"applications": 3, "review_litigation": 3, "proactive": 0}[section_id]
    parts = [f'<table class="report-table report-table--{section_id}">']
    if head_rows:
        parts.append("<thead>")
        parts += ["<tr>" + "".join(_cell_html(c, "col") for c in row) + "</tr>" for row in grid[:head_rows]]
        parts.append("</thead>")
    parts.append("<tbody>")
    parts += ["<tr>" + "".join(_cell_html(c, "row") for c in row) + "</tr>" for row in grid[head_rows:]]
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _paragraphs(text: str | None) -> str:
    if not text:
        return ""
    return "\n".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def render_html_fragment(report: Report) -> str:
    """An `<article>` holding the whole report, for embedding in a page (no <html>, no styles)."""
    parts = ['<article class="annual-report">', f"<h1>{escape(report_title(report))}</h1>"]
    for spec in SECTIONS:
        parts.append(f'<section id="report-{spec.id}"><h2>{escape(spec.heading)}</h2>')
        if spec.id in GRIDS:
            parts.append(table_html(report, spec.id))
        else:
            parts.append(_paragraphs(report.sections.get(spec.id)))
        parts.append("</section>")
    parts.append("</article>")
    return "\n".join(parts)


def render_html_document(report: Report) -> str:
    """A standalone, printable HTML document (A4) with the report."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(report_title(report))}</title><style>{STYLESHEET}</style></head>\n"
        f"<body>\n{render_html_fragment(report)}\n</body></html>\n"
    )
