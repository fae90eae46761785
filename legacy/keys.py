"""Old URLs of the sites this portal replaces, reduced to stable lookup keys.

The central KPU platform: /berita/baca/{id}/{slug} and /blog/read/{id}_{slug}, its static pages
/page/read/{id}/{slug} and /page/read/{slug}; WordPress:
/?p={id} and /YYYY/MM/DD/{slug}/; anything else (a renamed slug, a hand-made redirect) is
kept as its path. The key ignores the slug where the old site did (the id decides), so a link
with a mangled slug still finds its article.
"""

import re
from urllib.parse import urlsplit

MAX_ID = 10**12  # larger ids are not the old platform's: a 404, not a lookup
PATTERNS = [
    (re.compile(r"^/(?:index\.php/)?berita/baca/(\d{1,13})(?:/[^/]*)?/?$"), "berita:{}"),
    (re.compile(r"^/(?:index\.php/)?blog/read/(\d{1,13})(?:_[^/]*)?/?$"), "blog:{}"),
    (re.compile(r"^/(\d{4}/\d{2}/\d{2}/[^/]+)/?$"), "wpdate:{}"),
    # Static pages of the platform: /page/read/856/pengaduan-masyarakat, its older form
    # /index.php/pages/detail/2017/856 (the same id), and /page/read/tugas-dan-kewenangan.
    (re.compile(r"^/(?:index\.php/)?page/read/(\d{1,13})(?:/[^/]*)?/?$"), "page:{}"),
    (re.compile(r"^/(?:index\.php/)?pages/detail/\d{4}/(\d{1,13})(?:/[^/]*)?/?$"), "page:{}"),
    (re.compile(r"^/(?:index\.php/)?page/read/([\w-]{1,200})/?$"), "pageslug:{}"),
]
CATEGORY = re.compile(r"^/(?:index\.php/)?(?:blog/category|berita)/(\d{1,9})(?:/[^/]*)?/?$")
WORDPRESS_POST = re.compile(r"^\d{1,13}$")


def key_for_path(path, query=None):
    """The lookup key of an old path (with its query dict), or None when it is not an old URL."""
    if path == "/" and query is not None:
        post_id = query.get("p", "")
        return f"wp:{int(post_id)}" if WORDPRESS_POST.match(post_id) and int(post_id) < MAX_ID else None
    for pattern, template in PATTERNS:
        match = pattern.match(path)
        if match:
            value = match.group(1)
            if value.isdigit():
                if int(value) >= MAX_ID:
                    return None
                value = str(int(value))
            return template.format(value.lower())
    return None


def path_key(path):
    """The key of any other path on a satker's site (renamed slugs, hand-made redirects)."""
    path = "/" + path.strip().lstrip("/")
    return f"path:{path if path.endswith('/') else path + '/'}"


def key_for_url(url):
    """Keys for an old article URL as importers find it (canonical link, og:url, WXR <link>)."""
    parts = urlsplit(url.strip())
    query = dict(item.split("=", 1) for item in parts.query.split("&") if "=" in item)
    path = parts.path or "/"
    return key_for_path(path, query) or (None if path == "/" else path_key(path))


def category_id(path):
    match = CATEGORY.match(path)
    return int(match.group(1)) if match else None
