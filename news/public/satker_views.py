from django.http import Http404
from django.views.generic import TemplateView

from news.models import Article
from pagecache.pages import public_page, slug_scope
from satker.directory_cache import children_of, satker_by_slug

LATEST_COUNT = 12


@public_page(scope=slug_scope("slug"))
class SatkerDetailView(TemplateView):
    """A satker's profile, its parent and children, and its latest news (with its children's)."""

    template_name = "satker/satker_detail.html"

    def get_context_data(self, **kwargs):
        satker = satker_by_slug(self.kwargs["slug"])
        if satker is None:
            raise Http404
        return super().get_context_data(
            satker=satker,
            children=children_of(satker),
            articles=Article.objects.published().for_satker(satker).for_listing()[:LATEST_COUNT],
            **kwargs,
        )
