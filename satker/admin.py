from django.contrib import admin

from .models import Membership, Satker
from .scoping import editable_satker


@admin.register(Satker)
class SatkerAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region_code", "time_zone", "domain"]
    list_filter = ["level", "time_zone"]
    search_fields = ["name", "slug", "domain", "region_code"]
    list_select_related = ["parent"]
    readonly_fields = ["slug", "level", "parent", "region_code"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "level", "parent", "region_code", "time_zone"]}),
        ("Web", {"fields": ["domain", "alias_domains", "logo"]}),
        ("Kontak", {"fields": ["address", "phone", "email"]}),
        ("Media sosial", {"fields": ["facebook_url", "instagram_url", "x_url", "youtube_url"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=editable_satker(request.user))

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker__level"]
    list_select_related = ["user", "satker"]
    autocomplete_fields = ["satker"]
    search_fields = ["user__username", "satker__name"]
