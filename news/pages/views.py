"""The public page view: /halaman/<slug>/ on a satker's site (KPU RI's on the national portal)."""

from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.generic import DetailView

from pagecache.pages import public_page
from satker.directory_cache import directory

from .menu import menu_for, site_or_national
from .models import Page

DESCRIPTION_WORDS = 30


def page_context(page, site):
    """What the page's template shows: also the preview's (news/pages/admin.py)."""
    entry = next((item for item in menu_for(site) if item["slug"] == page.slug), None)
    return {
        "page": page,
        "object": page,
        "children": entry["children"] if entry else [],
        "description": Truncator(" ".join(strip_tags(page.body).split())).words(DESCRIPTION_WORDS),
        "canonical_url": page.get_canonical_url(),
    }


@public_page
class PageDetailView(DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        site = site_or_national(self.request.site_satker)
        if site is None:
            raise Http404
        page = Page.objects.published().shown_on(site).filter(slug=self.kwargs["slug"]).first()
        if page is None:
            raise Http404
        page.satker = directory().by_id[page.satker_id]  # from memory, not a join
        return page

    def get_context_data(self, **kwargs):
        site = site_or_national(self.request.site_satker)
        return {**super().get_context_data(**kwargs), **page_context(self.object, site)}
