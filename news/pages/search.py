"""Pages in the site search: a few per site, so a plain case-insensitive match on both databases."""

from django.db.models import Q

from .menu import site_or_national
from .models import Page

LIMIT = 5


def search_pages(satker_or_none, query):
    """Up to 5 published pages the site shows (its own and national ones) whose title or text
    holds `query`, title matches first. One query; none for an empty query."""
    query = (query or "").strip()
    site = site_or_national(satker_or_none)
    if not query or site is None:
        return []
    matches = Page.objects.published().shown_on(site).filter(Q(title__icontains=query) | Q(body__icontains=query))
    pages = list(matches.defer("body"))
    pages.sort(key=lambda page: (query.lower() not in page.title.lower(), page.order, page.title))
    return pages[:LIMIT]
