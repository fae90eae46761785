"""The counter's URLs, as one source for whoever must recognise them (news/sanitize.py drops any
image, link or embed in an article body that points at them: otherwise every reader of that page
would add a view to another article)."""

import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.urls import reverse

# A relative URL in a body resolves against the page showing it: any depth from the site root
# (a page at /) to an article (/berita/<satker>/<slug>/) and one below.
PAGE_DEPTHS = ("/", "/a/", "/a/b/", "/a/b/c/", "/a/b/c/d/")


def counter_paths():
    return {reverse("viewcount:record").rstrip("/"), reverse("viewcount:pixel").rstrip("/")}


def is_counter_url(url):
    """True when a browser loading `url` from a page of this site (any of its 553 domains) would
    reach the counter: absolute, protocol-relative or relative, percent-encoded or with `..`."""
    paths = counter_paths()
    for base in PAGE_DEPTHS:
        path = unquote(urlsplit(urljoin(base, url.strip())).path)
        if posixpath.normpath(path or "/").rstrip("/") in paths:
            return True
    return False
