from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from news.commissioners.views import division_leaders
from news.links import absolute_url
from news.models import Article, ArticleCorrection, Division, Kind, Tag
from news.pages.search import search_pages
from news.public.filters import ArticleFilterForm
from news.public.pagination import CappedPaginator
from news.public.search import WINDOW, newest_window, snippet, suggestion
from news.public.seo import news_article_jsonld
from news.public.share import share_links
from pagecache.pages import own_articles_scope, public_page
from satker.directory_cache import children_of, directory, provinces, satker_by_slug

PAGE_SIZE = 20
POPULAR_DAYS = 7


def site_articles(request):
    """Published articles of this site: all on the national portal, a satker's on its domain."""
    articles = Article.objects.published()
    if request.site_satker is not None:
        articles = articles.for_site(request.site_satker)
    return articles


def public_tag(request, slug):
    """The tag `slug` when an article public on this site carries it, else 404: a tag that only
    drafts (or another satker's articles) carry is no one's to see, not even by its name or its
    page answering at all. One query, the tag's own lookup."""
    carried = site_articles(request).filter(tagged_items__tag=OuterRef("pk"))
    return get_object_or_404(Tag.objects.filter(Exists(carried)), slug=slug)


def popular_articles(satker=None, days=POPULAR_DAYS, limit=5):
    """Terpopuler: the most viewed public articles of the last `days` days, of the satker and the
    units below it when given. One query, satker joined."""
    articles = Article.objects.published()
    if satker is not None:
        articles = articles.for_satker(satker)
    return list(articles.popular(days=days).select_related("satker")[:limit])


def satker_choices(site, selected):
    """The satker a reader may pick: provinces on the portal, the children on a satker site."""
    choices = children_of(site) if site else [satker_by_slug("ri"), *provinces()]
    if site:
        choices = [site, *choices]
    if selected and selected not in choices:
        choices.append(selected)
    return [choice for choice in choices if choice is not None]


def bad_request(request, form):
    html = render_to_string("400.html", {"errors": form.errors}, request=request)
    return HttpResponseBadRequest(html)


# The most viewed list moves with views, not saves: the edge keeps a home page ten minutes at most.
@public_page(edge_seconds=600)
class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        site = self.request.site_satker
        return super().get_context_data(
            latest=site_articles(self.request).for_listing()[:13],
            popular=popular_articles(site),
            children=children_of(site) if site else [],
            **kwargs,
        )


@public_page
class ArticleListView(ListView):
    """The listing with combinable filters; /cari/ is the same view with the search box first."""

    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator
    template_name = "news/article_list.html"
    heading = _("Berita")

    def get(self, request, *args, **kwargs):
        self.filters = ArticleFilterForm(self.filter_data())
        if not self.filters.is_valid():
            return bad_request(request, self.filters)
        return super().get(request, *args, **kwargs)

    def filter_data(self):
        return self.request.GET

    def get_queryset(self):
        # Cards show the lead or a snippet made in SQL, never the body.
        articles = self.filters.apply(site_articles(self.request).for_listing().defer("body"))
        self.search_capped = False
        if self.filters.cleaned_data["q"]:
            # PostgreSQL ranks the newest WINDOW matches, not all (news/public/search.py).
            articles, self.search_capped = newest_window(articles, self.filters.cleaned_data["q"])
        return articles

    def get_paginator(self, queryset, per_page, **kwargs):
        site = self.request.site_satker
        key = f"{site.pk if site else 'portal'}:{sorted(self.filters.active_filters().items())}"
        return CappedPaginator(queryset, per_page, count_key=key, scope_id=site.pk if site else None, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filters=self.filters, heading=self.get_heading(), **kwargs)
        query = self.filters.cleaned_data["q"]
        if query:
            for article in context["object_list"]:
                article.snippet = snippet(getattr(article, "snippet_raw", article.lead), query)
            context["search_window"] = WINDOW if self.search_capped else None
            if not context["object_list"]:
                context["suggestion"] = suggestion(site_articles(self.request), query)
        context["page_range"] = context["paginator"].get_elided_page_range(context["page_obj"].number)
        context["satker_choices"] = satker_choices(self.request.site_satker, self.filters.cleaned_data["satker"])
        return context

    def get_heading(self):
        return self.heading


class SearchView(ArticleListView):
    template_name = "news/search.html"
    heading = _("Cari berita")

    def get_context_data(self, **kwargs):
        pages = search_pages(self.request.site_satker, self.filters.cleaned_data["q"])  # the "Halaman" block
        return super().get_context_data(matching_pages=pages, **kwargs)


class FilteredListView(ArticleListView):
    """A listing fixed to one division or tag (its own page and feed), still filterable."""

    def filter_data(self):
        return {**self.request.GET.dict(), self.filter_name: self.kwargs["slug"]}

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def get_heading(self):
        return str(self.subject)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


@public_page
class DivisionDetailView(FilteredListView):
    filter_name = "divisi"
    template_name = "news/division_detail.html"

    def get_subject(self):
        return get_object_or_404(Division, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(leaders=division_leaders(self.request, self.subject), **kwargs)


@public_page
class TagDetailView(FilteredListView):
    filter_name = "tag"
    template_name = "news/tag_detail.html"

    def get_subject(self):
        return public_tag(self.request, self.kwargs["slug"])

    def get_heading(self):
        return f"#{self.subject.name}"


def og_image(article):
    """The featured image as link previews want it: an absolute URL with its size."""
    if not article.featured_image:
        return None
    return {
        "url": absolute_url(article.satker, article.featured_image.url),
        "width": article.featured_image_width,
        "height": article.featured_image_height,
    }


@public_page
class KindListView(FilteredListView):
    """Pengumuman and Siaran Pers: their own listing (and feed), still filterable."""

    filter_name = "jenis"
    template_name = "news/kind_list.html"

    def get_subject(self):
        return Kind(self.kwargs["slug"])

    def get_heading(self):
        return self.subject.label


def with_directory_satker(articles):
    """Give each article its satker from the in-memory directory: no join, no wide satker rows.
    An article whose satker the directory does not hold yet loads it as usual when asked."""
    units = directory().by_id
    for article in articles:
        if article.satker_id in units:
            article.satker = units[article.satker_id]
    return articles


def neighbours(article):
    """The previous and next article of the same satker: links, so title and address only. One
    query: each side's nearest article is picked by a subquery."""
    if not article.published_at:
        return None, None
    same_satker = Article.objects.published().filter(satker_id=article.satker_id)
    older = same_satker.filter(published_at__lt=article.published_at).values("pk")[:1]
    newer = same_satker.filter(published_at__gt=article.published_at).order_by("published_at", "id").values("pk")[:1]
    found = same_satker.filter(Q(pk=Subquery(older)) | Q(pk=Subquery(newer)))
    found = with_directory_satker(list(found.only("title", "slug", "satker_id", "published_at")))
    previous = next((other for other in found if other.published_at < article.published_at), None)
    following = next((other for other in found if other.published_at > article.published_at), None)
    return previous, following


def related_articles(article, divisions):
    """Four cards of the same satker: the newest of the article's first division, else its
    newest. Only its own satker's articles, so the page stays cached while others publish
    (pagecache/pages.py own_articles_scope)."""
    same_subject = Q(divisions=divisions[0]) if divisions else Q()
    related = (
        Article.objects.published()
        .filter(same_subject, satker_id=article.satker_id)
        .exclude(pk=article.pk)
        .defer("body", "search_vector")
    )
    return with_directory_satker(list(related[:4]))


def tags_of(article):
    """The article's tags, oldest tag first (a stable order, the one the page always had)."""
    return list(article.tags.order_by("pk"))


def withdrawn_page_context(article):
    """A withdrawn article's page: its notice only. The body, images and links to other news
    are left out, and search engines are told to drop the page (the template's noindex)."""
    return {
        "description": Truncator(article.title).chars(200),
        "canonical_url": article.get_canonical_url(),
    }


def corrections_of(article):
    """The article's corrections, oldest first; no query when the page's own query found none."""
    if not getattr(article, "has_corrections", True):
        return []
    return list(article.corrections.all())


def article_page_context(article):
    """Everything the article page shows besides the article; the editor's preview uses it too."""
    if article.withdrawn_at is not None:
        return withdrawn_page_context(article)
    canonical_url = article.get_canonical_url()
    corrections = corrections_of(article)
    # One plain query each: the prefetch machinery costs more than the queries themselves.
    divisions, images = list(article.divisions.all()), list(article.images.all())
    tags = tags_of(article)
    previous_article, next_article = neighbours(article)
    return {
        "divisions": divisions,
        "tags": tags,
        "images": images,
        "description": Truncator(article.lead or article.title).chars(200),  # 3 meta tags show it
        "og_image": og_image(article),
        "canonical_url": canonical_url,
        "share_links": share_links(article.title, canonical_url),
        "jsonld": news_article_jsonld(article, canonical_url, corrections),
        "corrections": corrections,
        "previous_article": previous_article,
        "next_article": next_article,
        "related_articles": related_articles(article, divisions),
    }


@public_page(scope=own_articles_scope("satker"))
class ArticleDetailView(DetailView):
    def get_queryset(self):
        # The satker comes from the in-memory directory, not from a join (see with_directory_satker).
        self.satker = satker_by_slug(self.kwargs["satker"])
        # A withdrawn article keeps its address: it answers with its notice (article_page_context).
        # Whether it has corrections comes with the article, so most pages need no query for them.
        articles = (
            Article.objects.published_or_withdrawn()
            .defer("search_vector")
            .annotate(has_corrections=Exists(ArticleCorrection.objects.filter(article=OuterRef("pk"))))
        )
        return articles.filter(satker=self.satker) if self.satker else articles.none()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        article.satker = self.satker
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_page_context(self.object), **kwargs)
