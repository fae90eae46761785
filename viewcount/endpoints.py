"""The counter's URLs, as one source for whoever must recognise them (news/sanitize.py drops any
image, link or embed in an article body that points at them: otherwise every reader of that page
would add a view to another article)."""

import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.urls import reverse

# A relative URL in a body resolves against the page showing it: any depth from the site root
# (a page at /) to an article (/berita/<satker>/<slug>/) and one below.
PAGE_DEPTHS = ("/", "/a/", "/a/b/", "/a/b/c/", "/a/b/c/d/")
C0_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
TAB_AND_NEWLINE = dict.fromkeys(map(ord, "\t\n\r"))


def counter_paths():
    return {reverse("viewcount:record").rstrip("/"), reverse("viewcount:pixel").rstrip("/")}


def as_a_browser_reads_it(url):
    """`url` as a browser on an http(s) page reads it (the WHATWG URL standard): control characters
    and spaces around it and tabs and newlines in it dropped, a backslash taken as a slash
    (`\\kunjungan\\piksel.gif`), and `https:kunjungan/` without a host relative to the page."""
    url = url.strip(C0_CONTROL_OR_SPACE).translate(TAB_AND_NEWLINE).replace("\\", "/")
    scheme = urlsplit(url).scheme
    if scheme in ("http", "https") and not url[len(scheme) + 1 :].startswith("//"):
        url = url[len(scheme) + 1 :]
    return url


def is_counter_url(url):
    """True when a browser loading `url` from a page of this site (any of its 553 domains) would
    reach the counter: absolute, protocol-relative or relative, percent-encoded, with `..` or
    with backslashes."""
    paths = counter_paths()
    url = as_a_browser_reads_it(url)
    for base in PAGE_DEPTHS:
        path = unquote(urlsplit(urljoin(base, url)).path)
        if posixpath.normpath(path or "/").rstrip("/") in paths:
            return True
    return False
