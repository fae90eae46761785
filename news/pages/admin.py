"""The newsroom's page admin: scoped to the user's satker as articles are, with the same
workflow rights (news/newsroom/workflow.py), a revision list and a preview."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.newsroom.workflow import can_delete_for_good, may_change_row
from satker.admin import SatkerScopedAdmin
from satker.models import Level
from satker.scoping import editable_satker, membership_of

from . import revisions
from .forms import PageForm
from .models import Page, PageRevision
from .views import page_context

logger = logging.getLogger(__name__)


def writes_national_pages(user):
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.satker.level == Level.PUSAT


@admin.register(Page)
class PageAdmin(SatkerScopedAdmin):
    form = PageForm
    list_display = ["title", "satker", "status", "parent", "order", "for_all_sites", "preview_link"]
    list_filter = ["status", "for_all_sites"]
    list_select_related = ["satker", "parent"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}

    class Media:
        js = ["newsroom/editor.js"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_row(request.user, obj, "pages.change_page"))

    def has_delete_permission(self, request, obj=None):
        # As for articles: editors archive (restorable); only the superadmin deletes for good.
        return can_delete_for_good(request.user) and super().has_delete_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = ["title", "slug", "body", "parent", "order", "status"]
        if request.user.is_superuser:
            fields.insert(0, "satker")
        if writes_national_pages(request.user):
            fields.append("for_all_sites")
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # One level: only top-level pages of the user's own satker can be parents.
            kwargs["queryset"] = Page.objects.filter(satker__in=editable_satker(request.user), parent=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        membership = None if request.user.is_superuser else membership_of(request.user)

        class UserPageForm(form):
            def __init__(self, *args, **inner):
                own = membership.satker if membership else None
                super().__init__(*args, user=request.user, satker=own, **inner)

        return UserPageForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)  # the satker: SatkerScopedAdmin's

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record(form.instance, request.user)

    @admin.display(description=gettext_lazy("pratinjau"))
    def preview_link(self, obj):
        url = reverse("admin:pages_page_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Pratinjau"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/pratinjau/", view(self.preview_view), name="pages_page_preview"),
            path("<int:pk>/revisi/", view(self.revisions_view), name="pages_page_revisions"),
            path("<int:pk>/revisi/<int:rev>/pulihkan/", view(self.restore_view), name="pages_page_restore"),
            *super().get_urls(),
        ]

    def readable_page(self, request, pk):
        page = get_object_or_404(self.get_queryset(request).select_related("satker"), pk=pk)
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        return page

    def preview_view(self, request, pk):
        """The page as its public view shows it, whatever its status; never cached or indexed."""
        page = self.readable_page(request, pk)
        context = {"is_preview": True, **page_context(page, page.satker)}
        response = TemplateResponse(request, "pages/page_detail.html", context)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def revisions_view(self, request, pk):
        page = self.readable_page(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": page,
            "page": page,
            "title": _("Riwayat revisi: %(t)s") % {"t": page.title},
            "revisions": page.revisions.select_related("author"),
            "can_restore": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "pages/revision_list.html", context)

    def restore_view(self, request, pk, rev):
        page = self.readable_page(request, pk)
        revision = get_object_or_404(PageRevision, pk=rev, page=page)
        if request.method != "POST":
            return redirect("admin:pages_page_revisions", pk)
        if not self.has_change_permission(request, page):
            logger.warning("Refused restore of page %s by %s", pk, request.user)
            raise PermissionDenied
        revisions.restore(revision, request.user)
        when = timezone.localtime(revision.created_at).strftime("%d-%m-%Y %H:%M")
        self.message_user(request, _("Halaman dipulihkan ke revisi %(when)s.") % {"when": when}, messages.SUCCESS)
        return redirect("admin:pages_page_change", pk)
