"""The reports context's named actions: every change of state goes through one of these."""

from gongkai.core.refusal import Refused
from gongkai.reports.actions.inputs import add_suggestion, import_yearly_statistics, save_yearly_statistics
from gongkai.reports.actions.lifecycle import (
    approve_and_publish,
    create_report_draft,
    findings_for,
    refresh_figures,
    reject_report,
    submit_report,
    update_sections,
)

__all__ = [
    "Refused",
    "add_suggestion",
    "approve_and_publish",
    "create_report_draft",
    "findings_for",
    "import_yearly_statistics",
    "refresh_figures",
    "reject_report",
    "save_yearly_statistics",
    "submit_report",
    "update_sections",
]
