"""The report as the report JSON text (report-json.md), UTF-8, Chinese kept readable."""

from __future__ import annotations

import json

from gongkai.core.report.model import Report


def render_json(report: Report, indent: int | None = 2) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=indent)
