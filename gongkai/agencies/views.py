from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, agency_for, can, roles_in, visible_agencies
from gongkai.agencies.desk import desk_by_role
from gongkai.agencies.forms import AgencyContactForm
from gongkai.agencies.models import Membership
from gongkai.audit.models import AuditEntry
from gongkai.holidays.selectors import calendar_alert_for


@login_required
def dashboard(request):
    """The clerk's desk: the user's to-dos by role (sections from each app's desk.py)."""
    today = timezone.localdate()
    agencies = list(visible_agencies(request.user).select_related("supervisor"))
    rows = [(agency, sorted(r.label for r in roles_in(request.user, agency))) for agency in agencies]
    return render(
        request,
        "agencies/dashboard.html",
        {
            "rows": rows,
            "today": today,
            "desk": desk_by_role(request.user, today),
            "calendar_alert": calendar_alert_for(request.user, today),
        },
    )


@login_required
def agency_detail(request, pk):
    agency = agency_for(request.user, pk)
    members = Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__username")
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "members": members,
            "may_administer": can(request.user, Action.ADMINISTER, agency),
            "supervised": agency.supervised.all()
            if can(request.user, Action.SUPERVISE, agency) or agency.is_disclosure_office
            else [],
            "recent_audit": AuditEntry.objects.filter(agency=agency).select_related("actor")[:20],
        },
    )


@login_required
def agency_edit(request, pk):
    agency = agency_for(request.user, pk, Action.ADMINISTER)
    form = AgencyContactForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = model_to_dict(type(agency).objects.get(pk=agency.pk), fields=form.Meta.fields)
            agency = form.save()
            audit.record(
                subject=agency,
                actor=request.user,
                kind="agency.updated",
                before=before,
                after=model_to_dict(agency, fields=form.Meta.fields),
            )
        messages.success(request, "机构信息已保存。")
        return redirect("agencies:detail", pk=agency.pk)
    return render(request, "agencies/agency_edit.html", {"agency": agency, "form": form})
