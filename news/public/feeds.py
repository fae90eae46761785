"""RSS 2.0 and Atom feeds: the site's news, a satker's, a division's and a tag's."""

import mimetypes
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _

from news.links import absolute_url
from news.models import Article, Division, Kind
from news.public.views import public_tag, site_articles
from news.templatetags.news import satker_datetime
from satker.models import Satker

FEED_SIZE = 20


class ArticleFeed(Feed):
    """The site's latest news. Subclasses narrow `articles()` and name the feed."""

    language = "id"

    def get_object(self, request, slug=None):
        self.request = request
        return self.get_subject(slug)

    def get_subject(self, slug):
        return self.request.site_satker

    def articles(self, subject):
        return site_articles(self.request)

    def items(self, subject):
        # One query for every item's corrections (most have none), not one per item.
        return self.articles(subject).select_related("satker").prefetch_related("corrections")[:FEED_SIZE]

    def title(self, subject):
        return _("Berita %(name)s") % {"name": subject.name if subject else "KPU"}

    def link(self, subject):
        return subject.get_absolute_url() if isinstance(subject, Satker | Division) else reverse("news:article_list")

    def description(self, subject):
        # Escaped: a tag's name is anyone's text, and readers may show descriptions as HTML.
        return _("Berita terkini %(name)s.") % {"name": escape(subject.name) if subject else "Komisi Pemilihan Umum"}

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The lead is plain text, and readers show descriptions as HTML (docs/security.md).
        lead = escape(item.lead or item.title)
        corrections = item.corrections.all()
        if not corrections:
            return lead
        notes = format_html_join(
            "",
            "<p><strong>{}</strong> ({}): {}</p>",
            ((_("Ralat"), satker_datetime(c.noted_at, item.satker), c.text) for c in corrections),
        )
        return format_html("<p>{}</p>{}", lead, notes)

    def item_link(self, item):
        return item.get_canonical_url()

    def item_guid(self, item):
        return item.get_canonical_url()

    def item_pubdate(self, item):
        # With the satker's offset (+0900 for WIT), as its own people read the time.
        return timezone.localtime(item.published_at, ZoneInfo(item.satker.time_zone))

    def item_updateddate(self, item):
        changes = [item.revised_at or item.published_at, *(c.noted_at for c in item.corrections.all())]
        latest = max(filter(None, changes))
        return timezone.localtime(latest, ZoneInfo(item.satker.time_zone))

    def item_author_name(self, item):
        return item.satker.name

    def item_enclosure_url(self, item):
        return absolute_url(item.satker, item.featured_image.url) if item.featured_image else None

    def item_enclosure_length(self, item):
        try:
            return item.featured_image.size
        except OSError:
            return 0

    def item_enclosure_mime_type(self, item):
        return mimetypes.guess_type(item.featured_image.name)[0] or "image/jpeg"


class SatkerFeed(ArticleFeed):
    def get_subject(self, slug):
        return get_object_or_404(Satker, slug=slug)

    def articles(self, subject):
        return Article.objects.published().for_satker(subject)


class DivisionFeed(ArticleFeed):
    def get_subject(self, slug):
        return get_object_or_404(Division, slug=slug)

    def articles(self, subject):
        return site_articles(self.request).filter(divisions=subject)

    def link(self, subject):
        return subject.get_absolute_url()


class TagFeed(ArticleFeed):
    def get_subject(self, slug):
        return public_tag(self.request, slug)

    def articles(self, subject):
        return site_articles(self.request).filter(tags=subject)

    def title(self, subject):
        return _("Berita bertag %(name)s") % {"name": subject.name}

    def link(self, subject):
        return reverse("news:tag_detail", args=[subject.slug])


def atom(feed_class):
    return type(
        f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description}
    )


class KindFeed(ArticleFeed):
    def get_subject(self, slug):
        return Kind(slug)

    def articles(self, subject):
        return site_articles(self.request).filter(kind=subject)

    def title(self, subject):
        return f"{subject.label} — {self.request.site_satker.name if self.request.site_satker else 'KPU'}"

    def link(self, subject):
        return reverse("news:kind_list", kwargs={"slug": subject.value})
