"""Slugs a page may not take: the first path segment of every route of the site.

Pages answer at /halaman/<slug>/, but old links and editors think of `/profil` as the page's
address; a page called `berita` or `admin` would be confusing at best, so those are refused.
"""

import re

from django.urls import URLResolver, get_resolver

# Always refused, whatever the URLconf says today (served by the web server or kept for later).
# The sections other parts of issue 18 add (komisioner, tahapan) are here too, in case their
# routes are wired later than this.
ALWAYS = {
    "admin",
    "api",
    "static",
    "media",
    "halaman",
    "page",
    "pages",
    "index.php",
    "feed",
    "rss",
    "komisioner",
    "tahapan",
}
SEGMENT_END = re.compile(r"[/<(\\$?\[]")


def route_prefixes(patterns, prefix=""):
    """The literal first segments of the routes under `patterns` (includes with an empty prefix
    are walked; a segment starting with a converter names nothing)."""
    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver) and not text:
            yield from route_prefixes(pattern.url_patterns, prefix)
            continue
        segment = SEGMENT_END.split(text, maxsplit=1)[0]
        if segment:
            yield segment.lower()


def reserved_slugs():
    return ALWAYS | set(route_prefixes(get_resolver().url_patterns))
