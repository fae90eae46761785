"""Public pages: cache headers for browsers and CDNs, and a server-side page cache that never
shows stale news.

A cached page's key holds the generation of the satker whose content it shows
(pagecache/generations.py) and of the satker directory, so publishing, editing, unpublishing or
deleting an article shows at once on its page, its satker's and parents' listings, the home
page, feeds and sitemaps. Editors (any request with a session cookie) bypass the cache.
A page stored here is also kept in each process's memory, in front of Django
(pagecache/frontcache.py), while none of its generations moves.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator

from pagecache import edge
from pagecache.frontcache import DEPENDS_ON, EXPIRES_AT
from pagecache.generations import generation_of, key_for, own_key
from satker.directory_cache import GENERATION_KEY as DIRECTORY_KEY
from satker.directory_cache import current_generation as directory_generation
from satker.directory_cache import satker_by_slug

PUBLIC_MAX_AGE = 60  # seconds: short, so a correction reaches readers within a minute


# A scope names the generation key (pagecache/generations.py) a page is built from.


def site_scope(request, kwargs):
    """Most pages show the content of the site they are on: a satker's, or the nation's."""
    return key_for(request.site_satker.pk if request.site_satker else "ri")


def slug_scope(name):
    """For pages about one satker named in the URL and the units below it (its profile, its
    listing, its feed)."""

    def scope(request, kwargs):
        unit = satker_by_slug(kwargs.get(name, ""))
        return key_for(unit.pk) if unit else site_scope(request, kwargs)

    return scope


def own_articles_scope(name):
    """For an article page: it shows only its own satker's articles (itself, previous, next,
    related), so publishing elsewhere, even below that satker, leaves it cached."""

    def scope(request, kwargs):
        unit = satker_by_slug(kwargs.get(name, ""))
        return own_key(unit.pk) if unit else site_scope(request, kwargs)

    return scope


def bypasses_cache(request):
    return request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES


def page_key(request, token):
    parts = [request.get_host(), request.get_full_path(), directory_generation(), token]
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def depends_on(scope):
    """The generation keys a page of this scope is built from (pagecache/frontcache.py keeps it
    while none of them moves)."""
    return [DIRECTORY_KEY, scope]


def storable(response):
    return response.status_code == 200 and not response.cookies and not response.has_header("Set-Cookie")


def store(key, response, seconds):
    # Returns None: a post-render callback's return value would replace the response.
    cache.set(key, response, seconds)


def cached_public(view, scope=site_scope, max_age=PUBLIC_MAX_AGE, edge_seconds=None):
    """Wrap a public view: serve it from the page cache when fresh, and mark it cacheable (for
    browsers a minute; for the edge until its content changes, pagecache/edge.py). A page that
    also shows what changes without a save (most viewed) sets `edge_seconds`, the edge's limit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        def render():
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, max_age=max_age)
            patch_vary_headers(response, ["Host"])
            return response

        if bypasses_cache(request) or not (settings.PAGE_CACHE_SECONDS or edge.enabled()):
            return render()
        generation_key = scope(request, kwargs)
        token = generation_of(generation_key)
        key = page_key(request, token) if settings.PAGE_CACHE_SECONDS else None
        if key and (cached := cache.get(key)) is not None:
            request.META[DEPENDS_ON] = depends_on(generation_key)
            request.META[EXPIRES_AT] = getattr(cached, "edge_expires_at", None)  # older copies have none
            return cached
        response = render()
        if not storable(response):
            return response
        seconds = settings.PAGE_CACHE_SECONDS
        if edge.enabled():
            expires_at = edge.expires_at(request, generation_key, token, edge_seconds)
            edge.mark(response, depends_on(generation_key), expires_at)
            response.edge_expires_at = expires_at.timestamp()
            # Never kept past that time here either: the edge would fetch and keep the old copy.
            seconds = min(seconds, int(response.edge_expires_at - time.time()))
        if key and request.method == "GET" and seconds > 0:
            request.META[DEPENDS_ON] = depends_on(generation_key)
            request.META[EXPIRES_AT] = getattr(response, "edge_expires_at", None)
            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(lambda rendered: store(key, rendered, seconds))
            else:
                store(key, response, seconds)
        return response

    return wrapper


def public_page(view_class=None, *, scope=site_scope, edge_seconds=None):
    """Class decorator: `@public_page` or `@public_page(scope=slug_scope("slug"))`."""

    def decorate(cls):
        wrap = lambda view: cached_public(view, scope, edge_seconds=edge_seconds)  # noqa: E731
        return method_decorator(wrap, name="dispatch")(cls)

    return decorate(view_class) if view_class is not None else decorate
