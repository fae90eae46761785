from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from satker.models import Satker

from .models import Article, Division
from .share import share_links


class PublicArticleMixin:
    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=Article.objects.published().for_listing()[:12],
            provinces=Satker.objects.provinces(),
            **kwargs,
        )


class ArticleListView(PublicArticleMixin, ListView):
    paginate_by = 20


def article_page_context(article):
    """Everything the article page shows besides the article; the editor's preview uses it too."""
    canonical_url = article.get_canonical_url()
    same_satker = Article.objects.published().filter(satker_id=article.satker_id).select_related("satker")
    return {
        "canonical_url": canonical_url,
        "share_links": share_links(article.title, canonical_url),
        "previous_article": same_satker.filter(published_at__lt=article.published_at).first()
        if article.published_at
        else None,
        "next_article": same_satker.filter(published_at__gt=article.published_at).order_by("published_at").first()
        if article.published_at
        else None,
    }


class ArticleDetailView(PublicArticleMixin, DetailView):
    def get_queryset(self):
        return super().get_queryset().filter(satker__slug=self.kwargs["satker"]).prefetch_related("images")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_page_context(self.object), **kwargs)


class DivisionDetailView(PublicArticleMixin, ListView):
    paginate_by = 20
    template_name = "news/division_detail.html"

    def get_queryset(self):
        self.division = get_object_or_404(Division, slug=self.kwargs["slug"])
        return super().get_queryset().filter(divisions=self.division)

    def get_context_data(self, **kwargs):
        return super().get_context_data(division=self.division, **kwargs)


class TagDetailView(PublicArticleMixin, ListView):
    paginate_by = 20
    template_name = "news/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
