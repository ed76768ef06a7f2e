"""Four eyes on the annual report (先审查，后公开; issue 11): whoever drafted, edited or submitted a
version may not approve it — an agency administrator who touched the text included."""

from datetime import date

import pytest

from gongkai.core.refusal import Refused
from gongkai.core.report.model import Report
from gongkai.reports import actions
from tests.reports.conftest import confirm_zero_statistics, filled

TODAY = date(2025, 1, 15)


def test_an_editor_of_the_version_may_not_approve_it(township, handler, reviewer, agency_admin):
    confirm_zero_statistics(township)
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    # The administrator (who may review) edits the narrative before it is submitted …
    row = actions.update_sections(row=row, actor=agency_admin, sections=filled(Report.from_json(row.data).sections))
    row = actions.submit_report(row=row, actor=handler, today=TODAY)
    with pytest.raises(Refused, match="四眼原则"):
        actions.approve_and_publish(row=row, actor=agency_admin, today=TODAY)
    row.refresh_from_db()
    assert row.state == "submitted"  # nothing half-done
    # … a reviewer who never touched it approves.
    published = actions.approve_and_publish(row=row, actor=reviewer, today=TODAY)
    assert published.state == "published"


def test_the_submitter_may_not_approve(township, handler, agency_admin):
    confirm_zero_statistics(township)
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    row = actions.update_sections(row=row, actor=handler, sections=filled(Report.from_json(row.data).sections))
    row = actions.submit_report(row=row, actor=agency_admin, today=TODAY)
    with pytest.raises(Refused, match="不能审核"):
        actions.approve_and_publish(row=row, actor=agency_admin, today=TODAY)
