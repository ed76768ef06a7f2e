from django.contrib import admin

from gongkai.security.models import AgencySecurityPolicy


@admin.register(AgencySecurityPolicy)
class AgencySecurityPolicyAdmin(admin.ModelAdmin):
    list_display = ["agency", "two_factor_for_all_staff"]
