"""Staff page: the agency administrator edits the website settings (header/footer, 联系我们)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import Action, agency_for
from gongkai.portal.actions import update_site_settings
from gongkai.portal.forms import SiteSettingsForm
from gongkai.portal.models import SiteSettings


@login_required
def site_settings(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    instance = SiteSettings.objects.filter(agency=agency).first() or SiteSettings(agency=agency)
    form = SiteSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            update_site_settings(agency=agency, actor=request.user, data=form.cleaned_data)
            messages.success(request, "网站设置已保存，公开页面的页头、页脚和“联系我们”已更新。")
            return redirect("portal:site_settings", agency.pk)
        return render(request, "portal/site_settings.html", {"agency": agency, "form": form}, status=400)
    return render(request, "portal/site_settings.html", {"agency": agency, "form": form})
