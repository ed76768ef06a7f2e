"""Annual reports on 政府信息公开 (条例 第四十九、五十条; format 国办公开办函〔2021〕30号).

The model and its JSON (`model`), the cross-checks (`checks`), the renderers (`render_*`) and
the reader of published reports of any kind (`read`), in pure Python (no Django).
"""

from gongkai.core.report.checks import check_report
from gongkai.core.report.fill import set_application_counts, set_fee_amount, set_review_counts
from gongkai.core.report.model import Finding, Report, ReportShapeError, build_empty_report
from gongkai.core.report.read import read_report
from gongkai.core.report.read_lines import ReadResult

__all__ = [
    "Finding",
    "ReadResult",
    "Report",
    "ReportShapeError",
    "build_empty_report",
    "check_report",
    "read_report",
    "set_application_counts",
    "set_fee_amount",
    "set_review_counts",
]
