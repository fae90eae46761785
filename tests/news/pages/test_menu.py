"""The header menu (news/pages/menu.py): on every public page, so one query when its cache is
cold, none after, and gone from the cache when a page of the site changes."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from news.models import Status
from news.pages.menu import menu_for, menu_key
from news.pages.models import Page
from satker.directory_cache import directory
from tests.factories import satker
from tests.news.pages.conftest import BANDUNG_HOST, KEDIRI_HOST, make_page

pytestmark = pytest.mark.django_db


def titles(menu):
    return [(item["title"], [child["title"] for child in item["children"]]) for item in menu]


@pytest.mark.parametrize("site_slug", ["kota-kediri", None])  # None: the national portal (KPU RI's)
def test_the_menu_costs_one_query_when_its_cache_is_cold_and_none_after(site_slug, django_assert_num_queries):
    profil = make_page(title="Profil Singkat", order=1)
    make_page(title="Sejarah", parent=profil)
    make_page("ri", title="Kebijakan Privasi", for_all_sites=True, order=9)
    site = satker(site_slug) if site_slug else None
    directory()  # loaded, as in a running process
    cache.delete(menu_key(site.pk if site else satker("ri").pk))
    with django_assert_num_queries(1):
        cold = menu_for(site)
    with django_assert_num_queries(0):
        assert menu_for(site) == cold
    if site is not None:
        assert titles(cold) == [("Profil Singkat", ["Sejarah"]), ("Kebijakan Privasi", [])]
    else:
        assert titles(cold) == [("Kebijakan Privasi", [])]


def test_a_page_unpublished_leaves_the_menu_at_once(client):
    page = make_page(title="Sejarah Singkat")
    assert "/halaman/sejarah-singkat/" in client.get(reverse("home"), HTTP_HOST=KEDIRI_HOST).text
    page.status = Status.DRAFT
    page.save()
    assert "/halaman/sejarah-singkat/" not in client.get(reverse("home"), HTTP_HOST=KEDIRI_HOST).text


def test_a_page_moved_to_another_satker_leaves_the_first_sites_menu(client):
    page = make_page(title="Sejarah Singkat")
    home = reverse("home")
    assert "/halaman/sejarah-singkat/" in client.get(home, HTTP_HOST=KEDIRI_HOST).text
    assert "/halaman/sejarah-singkat/" not in client.get(home, HTTP_HOST=BANDUNG_HOST).text
    page = Page.objects.get(pk=page.pk)  # as the superadmin's change form loads it
    page.satker = satker("kota-bandung")
    page.save()
    assert "/halaman/sejarah-singkat/" not in client.get(home, HTTP_HOST=KEDIRI_HOST).text
    assert "/halaman/sejarah-singkat/" in client.get(home, HTTP_HOST=BANDUNG_HOST).text
