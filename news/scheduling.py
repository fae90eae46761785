"""When published content changes by itself: a scheduled article goes public at its time, with no
save to move any cache generation. The page caches and the edge keep a page no later than that
(settings.PAGE_NEXT_CHANGE, pagecache/edge.py)."""

from .models import Article


def next_publication(satker_ids):
    """When the next scheduled article of these satker (None: of any) goes public, or None."""
    articles = Article.objects.all() if satker_ids is None else Article.objects.filter(satker_id__in=satker_ids)
    return articles.next_publication()
