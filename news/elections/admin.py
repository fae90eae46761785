from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from news.models import Article
from satker.admin import SatkerScopedAdmin
from satker.scoping import editable_satker, readable_satker

from .forms import StageForm
from .models import Election, Stage


class StageInline(admin.TabularInline):
    model = Stage
    form = StageForm
    extra = 1
    autocomplete_fields = ["article"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            # Only the user's own satker's articles (all for the superadmin): never another's draft.
            kwargs["queryset"] = Article.objects.filter(satker__in=editable_satker(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Election)
class ElectionAdmin(SatkerScopedAdmin):
    """National elections (no satker) belong to the superadmin (KPU RI); a satker's own local
    elections to its editors, as its articles."""

    inlines = [StageInline]
    list_display = ["name", "voting_day", "owner"]
    list_filter = [("satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    list_select_related = ["satker"]

    def get_queryset(self, request):
        elections = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_active and request.user.is_superuser:
            return elections  # national ones (no satker) included
        return elections.filter(satker__in=readable_satker(request.user))

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.is_national():
            return request.user.is_superuser
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_national():
            return request.user.is_superuser
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_national():
            return request.user.is_superuser
        return super().has_delete_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = ["name", "voting_day"]
        return [*fields, "satker"] if request.user.is_superuser else fields

    @admin.display(description=_("penyelenggara"), ordering="satker__name")
    def owner(self, obj):
        return obj.satker.name if obj.satker_id else _("Nasional (KPU RI)")
