"""监督检查 pages: the overview, an agency's inspection and rectifications, running an inspection."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for, can, supervised_agencies, visible_agencies
from gongkai.core.calendar import add_working_days
from gongkai.holidays.services import working_calendar
from gongkai.oversight import actions, selectors
from gongkai.oversight.access import supervised_or_404
from gongkai.oversight.forms import IssueRectificationForm, add_errors
from gongkai.oversight.models import Rectification

DEFAULT_RECTIFICATION_WORKING_DAYS = 5


@login_required
def home(request):
    """The supervisor's weekly overview, and the user's own agencies."""
    today = timezone.localdate()
    iso_year, iso_week = selectors.week_of(today)
    supervised = list(supervised_agencies(request.user).order_by("name"))
    own = [
        a for a in visible_agencies(request.user).order_by("name") if a not in supervised and not a.is_disclosure_office
    ]
    return render(
        request,
        "oversight/home.html",
        {
            "today": today,
            "week": f"{iso_year}年第{iso_week}周",
            "week_param": f"{iso_year}-W{iso_week:02d}",
            "supervised_rows": selectors.agency_weeks(supervised, iso_year, iso_week, today),
            "own_rows": selectors.agency_weeks(own, iso_year, iso_week, today),
            "open_rectifications": selectors.open_rectifications(supervised + own),
        },
    )


def _issue_form(agency, inspection, today, data=None):
    default_due = add_working_days(today, DEFAULT_RECTIFICATION_WORKING_DAYS, working_calendar().provisional())
    return IssueRectificationForm(
        data, today=today, findings=selectors.unassigned_findings(inspection), initial={"due_on": default_due}
    )


def _agency_page(request, agency, issue_form=None, status=200):
    today = timezone.localdate()
    inspection = selectors.latest_inspection(agency)
    may_supervise = can(request.user, Action.SUPERVISE, agency)
    if may_supervise and issue_form is None and inspection is not None:
        issue_form = _issue_form(agency, inspection, today)
    findings = inspection.findings.select_related("rectification") if inspection else []
    rectifications = Rectification.objects.filter(agency=agency).order_by("-issued_on", "-id")[:50]
    return render(
        request,
        "oversight/agency.html",
        {
            "agency": agency,
            "today": today,
            "inspection": inspection,
            "findings": findings,
            "rectifications": [(r, r.overdue_on(today)) for r in rectifications],
            "may_supervise": may_supervise,
            "issue_form": issue_form,
            "selected": set(issue_form.data.getlist("findings"))
            if issue_form is not None and issue_form.is_bound
            else set(),
        },
        status=status,
    )


@login_required
def agency_detail(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.VIEW)
    return _agency_page(request, agency)


@login_required
@require_POST
def run_inspection(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.SUPERVISE)
    inspection = actions.run_inspection(agency=agency, actor=request.user, now=timezone.now())
    messages.success(request, f"已完成检查，发现{inspection.finding_count}个问题（严重{inspection.serious_count}个）。")
    return redirect("oversight:agency", agency_pk=agency.pk)


@login_required
@require_POST
def run_all(request):
    agencies = supervised_or_404(request.user)
    now = timezone.now()
    for agency in agencies:
        actions.run_inspection(agency=agency, actor=request.user, now=now)
    messages.success(request, f"已检查{len(agencies)}个机构。")
    return redirect("oversight:home")


@login_required
@require_POST
def issue_rectification(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.SUPERVISE)
    today = timezone.localdate()
    form = _issue_form(agency, selectors.latest_inspection(agency), today, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rectification = actions.issue_rectification(
                agency=agency,
                actor=request.user,
                finding_ids=data["findings"],
                requirement=data["requirement"],
                due_on=data["due_on"],
                today=today,
            )
        except actions.OversightError as error:
            add_errors(form, error)
        else:
            messages.success(request, "整改通知已下发。")
            return redirect("oversight:rectification", pk=rectification.pk)
    return _agency_page(request, agency, issue_form=form, status=400)
