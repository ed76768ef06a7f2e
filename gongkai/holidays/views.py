from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_administered, may_manage_calendar, may_propose_calendar
from gongkai.boundary.refusals import act_and_redirect, refusal_into
from gongkai.holidays import actions
from gongkai.holidays.forms import YearScheduleForm
from gongkai.holidays.models import EnteredYearSchedule, ProposedYearSchedule
from gongkai.holidays.selectors import RULE
from gongkai.holidays.services import working_calendar


@login_required
def year_list(request):
    manage, propose = may_manage_calendar(request.user), may_propose_calendar(request.user)
    if not (manage or propose):
        raise PermissionDenied
    form = YearScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if manage:
            with refusal_into(form):
                actions.enter_year_schedule(
                    year=data["year"],
                    holidays=data["holidays"],
                    makeup_workdays=data["makeup_workdays"],
                    source=data["source"],
                    actor=request.user,
                )
                messages.success(request, f"{data['year']}年节假日安排已保存。")
                return redirect("holidays:years")
        agency = agencies_administered(request.user).first()
        with refusal_into(form):
            actions.propose_year_schedule(
                agency=agency,
                actor=request.user,
                year=data["year"],
                holidays=data["holidays"],
                makeup_workdays=data["makeup_workdays"],
                source=data["source"],
                now=timezone.now(),
            )
            messages.success(request, f"{data['year']}年节假日安排已提交，待政务公开办或平台管理员确认。")
            return redirect("holidays:years")
    calendar = working_calendar()
    proposals = ProposedYearSchedule.objects.select_related("agency", "proposed_by")
    if not manage:
        proposals = proposals.filter(proposed_by=request.user)
    return render(
        request,
        "holidays/years.html",
        {
            "form": form,
            "rule": RULE,
            "may_manage": manage,
            "years": calendar.years,
            "entered": EnteredYearSchedule.objects.all(),
            "proposals": proposals[:20],
        },
    )


@login_required
@require_POST
def decide(request, pk, decision):
    if not may_manage_calendar(request.user):
        raise PermissionDenied
    proposal = get_object_or_404(ProposedYearSchedule, pk=pk)
    if decision == "confirm":
        do = lambda: actions.confirm_year_schedule(proposal=proposal, actor=request.user, now=timezone.now())  # noqa: E731
        return act_and_redirect(request, do, f"已确认{proposal.year}年节假日安排。", "holidays:years")
    note = request.POST.get("note", "")
    do = lambda: actions.return_year_schedule(proposal=proposal, actor=request.user, note=note, now=timezone.now())  # noqa: E731
    return act_and_redirect(request, do, f"已退回{proposal.year}年节假日安排。", "holidays:years")
