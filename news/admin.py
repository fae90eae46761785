from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from satker.scoping import editable_satker, membership_of, readable_satker

from .forms import ArticleForm, ArticleImageForm
from .models import Article, ArticleImage, Division
from .workflow import check_status_change


class SatkerScopedAdmin(admin.ModelAdmin):
    """Shows a staff user only the articles of the satker it may read, and changes only its own."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(satker__in=readable_satker(request.user))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or editable_satker(request.user).filter(pk=obj.satker_id).exists())

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or editable_satker(request.user).filter(pk=obj.satker_id).exists())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "satker":
            kwargs["queryset"] = editable_satker(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    form = ArticleImageForm
    extra = 1


@admin.register(Article)
class ArticleAdmin(SatkerScopedAdmin):
    form = ArticleForm
    inlines = [ArticleImageInline]
    list_display = ["title", "satker", "status", "published_at", "view_count"]
    list_filter = ["status", "kind", "divisions"]
    list_select_related = ["satker"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class UserArticleForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return UserArticleForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (_("Isi"), {"fields": ["title", "slug", "kind", "dateline", "lead", "body"]}),
            (_("Media"), {"fields": ["featured_image", "featured_image_alt", "featured_image_caption"]}),
            (_("Klasifikasi"), {"fields": ["divisions", "tags", "editor_credit"]}),
            (_("Publikasi"), {"fields": ["status", "published_at"]}),
        ]
        if request.user.is_superuser:
            fieldsets[0][1]["fields"].insert(0, "satker")
        return fieldsets

    def save_model(self, request, obj, form, change):
        before = Article.objects.get(pk=obj.pk) if change else Article()
        check_status_change(request.user, before, obj.status)
        if not request.user.is_superuser:
            membership = membership_of(request.user)
            if membership is None:
                raise PermissionDenied
            obj.satker_id = membership.satker_id
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
