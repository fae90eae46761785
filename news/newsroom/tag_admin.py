"""The tag list in the admin, with the superadmin's "merge" action. It replaces taggit's own
list (taggit's tables hold no tags since news.Tag took over), so the newsroom shows one."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag as TaggitTag

from news.models import Tag
from news.newsroom.tags import merge_tags

admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("jumlah artikel"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("merge", None)
        return actions

    @admin.action(description=_("Gabungkan tag terpilih ke tag yang paling banyak dipakai"))
    def merge(self, request, queryset):
        tags = list(queryset.order_by("-article_count", "name"))
        if len(tags) < 2:
            self.message_user(request, _("Pilih paling sedikit dua tag untuk digabungkan."), messages.WARNING)
            return
        target, others = tags[0], tags[1:]
        merge_tags(target, others)
        self.message_user(
            request,
            ngettext(
                "%(count)d tag digabungkan ke “%(name)s”.", "%(count)d tag digabungkan ke “%(name)s”.", len(others)
            )
            % {"count": len(others), "name": target.name},
        )
