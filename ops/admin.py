from django.contrib import admin

from satker.models import Role
from satker.scoping import editable_satker, role_of

from .models import AuditEvent


def may_read_audit(user):
    return user.is_active and user.is_staff and (user.is_superuser or role_of(user) == Role.ADMIN)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the superadmin sees every event, a satker admin only its own satker's."""

    list_display = ["created_at", "action", "username", "satker", "article", "detail", "ip_address"]
    list_filter = ["action", "created_at"]
    list_select_related = ["satker", "article"]
    search_fields = ["username", "detail"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(satker__in=editable_satker(request.user))

    def has_module_permission(self, request):
        return may_read_audit(request.user)

    def has_view_permission(self, request, obj=None):
        return may_read_audit(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
