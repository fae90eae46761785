"""A small published world served by pytest-django's live server, and a plain HTTP client for it.

The hostile-input, XSS and fault tests talk to the running site over HTTP, as an attacker would.
"""

import re

import pytest
import requests
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PASSWORD, ArticleFactory, DivisionFactory, satker

TIMEOUT = 20
STAFF_ONLY = ("admin/", "ckeditor/", "media/", "api/v1/schema/", "api/v1/docs/")


def routes_without_arguments(patterns=None, prefix=""):
    """Every routed path that takes no argument (home, listings, kinds, feeds, sitemaps, robots.txt,
    the view counter, the API lists, the health checks), found in the URLconf so a new page is
    attacked without anyone listing it."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if "<" in route or route.startswith("^") and route != "^":
            continue
        if isinstance(pattern, URLResolver):
            found += routes_without_arguments(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and not (prefix + route).startswith(STAFF_ONLY):
            found.append("/" + prefix + route)
    return sorted(set(found))


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


@pytest.fixture
def world(directory, settings, image_file):
    """Two published articles with a division, a tag and a featured image; returns the public URLs."""
    settings.SERVE_MEDIA = True
    division = DivisionFactory(name="Teknis Uji", slug="teknis-uji")
    articles = [
        ArticleFactory(
            title=f"Rapat Pleno Rekapitulasi {n}",
            divisions=[division],
            tags=["pemilu"],
            featured_image=image_file(),
            featured_image_alt="Suasana rapat",
        )
        for n in range(2)
    ]
    kediri = satker("kota-kediri")
    urls = routes_without_arguments() + [
        articles[0].get_absolute_url(),
        kediri.get_absolute_url(),
        reverse("news:division_detail", args=[division.slug]),
        reverse("news:tag_detail", args=["pemilu"]),
        reverse("news:division_feed", args=[division.slug]),
        reverse("news:tag_feed", args=["pemilu"]),
        reverse("news:satker_feed", args=[kediri.slug]),
        reverse("news:satker_feed_atom", args=[kediri.slug]),
        reverse("news:division_feed_atom", args=[division.slug]),
        reverse("news:tag_feed_atom", args=["pemilu"]),
        reverse("sitemap_section", args=["berita"]),
        reverse("api:article_detail", args=[articles[0].pk]),
        reverse("api:satker_detail", args=[kediri.slug]),
    ]
    return {"articles": articles, "division": division, "satker": kediri, "urls": urls}


def sign_in(http, base, username, settings):
    # The live server speaks plain HTTP on loopback: let the client send the (otherwise HTTPS-only) cookies.
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    login = base + reverse("admin:login")
    token = csrf_token(http.get(login, timeout=TIMEOUT).text)
    response = http.post(
        login,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": reverse("admin:index")},
        headers={"Referer": login},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200 and "sessionid" in http.cookies


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
