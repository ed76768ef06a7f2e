"""Staff pages of the catalog: 指南, 制度 and the 索引号 rule (agency administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import Action, agency_for
from gongkai.boundary.refusals import refusal_into
from gongkai.catalog.actions.setup import update_catalog_settings
from gongkai.catalog.forms import SettingsForm
from gongkai.catalog.models import CatalogProfile
from gongkai.catalog.structure import ensure_catalog


@login_required
def catalog_settings(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    profile = ensure_catalog(agency)
    profile = CatalogProfile.objects.get(pk=profile.pk)
    form = SettingsForm(
        request.POST or None,
        initial={
            "index_pattern": profile.index_pattern,
            "guide_html": profile.guide_html,
            "system_html": profile.system_html,
        },
    )
    if request.method == "POST" and form.is_valid():
        with refusal_into(form):
            update_catalog_settings(agency=agency, actor=request.user, **form.cleaned_data)
            messages.success(request, "设置已保存。")
            return redirect("catalog:staff_settings", agency_pk=agency.pk)
    return render(
        request, "catalog/staff/settings.html", {"agency": agency, "form": form}, status=400 if form.errors else 200
    )
