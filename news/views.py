from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from satker.models import Satker

from .models import Article, Division


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


class ArticleDetailView(PublicArticleMixin, DetailView):
    def get_queryset(self):
        return super().get_queryset().filter(satker__slug=self.kwargs["satker"]).prefetch_related("images")


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
