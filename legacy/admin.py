from django.contrib import admin

from satker.admin import SatkerScopedAdmin
from satker.scoping import membership_of

from .forms import OldLinkForm
from .models import OldCategory, OldLink


@admin.register(OldLink)
class OldLinkAdmin(SatkerScopedAdmin):
    form = OldLinkForm
    list_display = ["old_url", "satker", "article", "target_path", "created_at"]
    list_select_related = ["satker", "article"]
    search_fields = ["old_url", "article__title"]
    autocomplete_fields = ["article"]

    def get_fields(self, request, obj=None):
        fields = ["old_url", "article", "target_path"]
        return ["satker", *fields] if request.user.is_superuser else fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        membership = None if request.user.is_superuser else membership_of(request.user)

        class ScopedForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, satker=membership.satker if membership else None, **inner)

        return ScopedForm

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.satker = membership_of(request.user).satker  # never from the form
        super().save_model(request, obj, form, change)


@admin.register(OldCategory)
class OldCategoryAdmin(admin.ModelAdmin):
    list_display = ["category_id", "name", "query"]
