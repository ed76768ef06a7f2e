from django.contrib import admin

from gongkai.agencies.models import Agency, Membership


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "level", "supervisor"]
    search_fields = ["name", "credit_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
