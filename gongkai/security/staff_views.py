"""The agency's login security settings (机构管理员)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import Action, agency_for
from gongkai.boundary.forms import CleanForm
from gongkai.boundary.refusals import refusal_into
from gongkai.security.actions import set_two_factor_for_all_staff
from gongkai.security.models import AgencySecurityPolicy


class PolicyForm(CleanForm):
    two_factor_for_all_staff = forms.BooleanField(label="本机构全体工作人员登录须使用动态验证码", required=False)


@login_required
def agency_settings(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    policy = AgencySecurityPolicy.objects.filter(agency=agency).first()
    form = PolicyForm(
        request.POST or None, initial={"two_factor_for_all_staff": bool(policy and policy.two_factor_for_all_staff)}
    )
    if request.method == "POST" and form.is_valid():
        with refusal_into(form):
            set_two_factor_for_all_staff(
                agency=agency, actor=request.user, required=form.cleaned_data["two_factor_for_all_staff"]
            )
            messages.success(request, "登录安全设置已保存。")
            return redirect("security:agency", agency.pk)
    return render(
        request, "security/agency_settings.html", {"agency": agency, "form": form}, status=400 if form.errors else 200
    )
