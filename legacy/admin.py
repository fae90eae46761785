from django.contrib import admin
from django.core.exceptions import ValidationError

from satker.admin import SatkerScopedAdmin
from satker.scoping import editable_satker, membership_of

from .forms import OldLinkForm
from .models import OldCategory, OldLink


def linkable_articles(request, db_field):
    """Articles (or pages) an old link of this user may lead to: those of the satker it edits, so
    neither the form's choices nor an `?article=` initial value can show another satker's."""
    return db_field.related_model._default_manager.filter(satker__in=editable_satker(request.user))


@admin.register(OldLink)
class OldLinkAdmin(SatkerScopedAdmin):
    form = OldLinkForm
    list_display = ["old_url", "satker", "article", "page", "target_path", "created_at"]
    list_select_related = ["satker", "article", "page"]
    search_fields = ["old_url", "article__title", "page__title"]
    autocomplete_fields = ["article", "page"]

    def get_fields(self, request, obj=None):
        fields = ["old_url", "article", "page", "target_path"]
        return ["satker", *fields] if request.user.is_superuser else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("article", "page"):
            kwargs["queryset"] = linkable_articles(request, db_field)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in ("article", "page"):
            if name in initial and not self.linkable(request, name, initial[name]):
                del initial[name]  # another satker's, unknown or malformed: an empty choice, never a 500
        return initial

    def linkable(self, request, name, pk):
        try:
            return linkable_articles(request, OldLink._meta.get_field(name)).filter(pk=pk).exists()
        except (ValueError, TypeError, ValidationError):
            return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        membership = None if request.user.is_superuser else membership_of(request.user)

        class ScopedForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, satker=membership.satker if membership else None, **inner)

        return ScopedForm


@admin.register(OldCategory)
class OldCategoryAdmin(admin.ModelAdmin):
    list_display = ["category_id", "name", "query"]
