from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.agencies.access import may_manage_calendar
from gongkai.holidays.forms import YearScheduleForm
from gongkai.holidays.models import EnteredYearSchedule
from gongkai.holidays.services import enter_year_schedule, working_calendar


@login_required
def year_list(request):
    if not may_manage_calendar(request.user):
        raise PermissionDenied
    form = YearScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enter_year_schedule(year=data["year"], holidays=data["holidays"],
                            makeup_workdays=data["makeup_workdays"], source=data["source"],
                            actor=request.user)
        messages.success(request, f"{data['year']}年节假日安排已保存")
        return redirect("holidays:years")
    calendar = working_calendar()
    return render(request, "holidays/years.html", {
        "form": form,
        "years": calendar.years,
        "entered": EnteredYearSchedule.objects.all(),
    })
