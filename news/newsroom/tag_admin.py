"""The tag list in the admin, with the superadmin's "merge" action. It replaces taggit's own
list (taggit's tables hold no tags since news.Tag took over), so the newsroom shows one."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag as TaggitTag

from news.models import Article, Tag, public_q
from news.newsroom.tag_forms import TagForm
from news.newsroom.tags import merge_tags
from satker.scoping import readable_satker

admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "article_count"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset.annotate(article_count=Count("tagged_articles"))
        # A tag and its count tell of the articles that carry it: count only the public ones and
        # the user's readable satker's; a tag carried only by other satker's drafts is not listed.
        visible = Article.objects.filter(public_q() | Q(satker__in=readable_satker(request.user)))
        return queryset.annotate(
            article_count=Count("tagged_articles", filter=Q(tagged_articles__content_object__in=visible)),
            all_count=Count("tagged_articles"),
        ).filter(Q(article_count__gt=0) | Q(all_count=0))

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
