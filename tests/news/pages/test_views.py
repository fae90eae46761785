"""A satker's pages on its own site: the page, the header menu, national pages by reference,
search and sitemap."""

import pytest
from django.urls import reverse

from news.models import Status
from news.pages.models import Page
from tests.budgets import PAGE
from tests.factories import ArticleFactory, satker
from tests.news.pages.conftest import BANDUNG_HOST, KEDIRI_HOST, make_page

pytestmark = pytest.mark.django_db


def publish_starter(slug, satker_slug="kota-kediri", body="<p>Isi halaman.</p>"):
    page = Page.objects.get(satker=satker(satker_slug), slug=slug)
    page.status, page.body = Status.PUBLISHED, body
    page.save()
    return page


def test_a_published_page_shows_on_its_satker_site(client, django_assert_max_num_queries):
    page = publish_starter("visi-dan-misi", body="<p>Menjadi penyelenggara pemilu yang mandiri.</p>")
    with django_assert_max_num_queries(PAGE):
        response = client.get(page.get_absolute_url(), HTTP_HOST=KEDIRI_HOST)
    assert response.status_code == 200
    assert "<h1>Visi dan Misi</h1>" in response.text
    assert "penyelenggara pemilu yang mandiri" in response.text
    assert 'rel="canonical" href="http' in response.text


def test_a_draft_page_is_a_404(client):
    assert client.get("/halaman/profil/", HTTP_HOST=KEDIRI_HOST).status_code == 404


def test_another_satkers_page_is_a_404_on_this_site(client):
    page = make_page("kota-bandung", title="Layanan Bandung")
    assert client.get(page.get_absolute_url(), HTTP_HOST=BANDUNG_HOST).status_code == 200
    assert client.get(page.get_absolute_url(), HTTP_HOST=KEDIRI_HOST).status_code == 404


def test_the_menu_lists_published_pages_with_their_children_one_level(client):
    profil = publish_starter("profil")
    publish_starter("kontak")
    make_page(title="Sejarah", parent=profil, order=1)
    make_page(title="Rahasia", parent=profil, status=Status.DRAFT)
    response = client.get(reverse("home"), HTTP_HOST=KEDIRI_HOST)
    menu = response.text.split('class="page-menu"', 1)[1].split("</details>", 1)[0]
    assert "<summary>Tentang Kami</summary>" in menu
    assert menu.index("Profil") < menu.index("Sejarah") < menu.index("Kontak")
    assert '<ul><li><a href="/halaman/sejarah/">Sejarah</a></li></ul>' in menu  # nested under Profil
    assert "Rahasia" not in menu and "Visi dan Misi" not in menu  # a draft child, a starter draft


def test_a_site_with_no_published_page_shows_no_menu(client):
    assert 'class="page-menu"' not in client.get(reverse("home"), HTTP_HOST=BANDUNG_HOST).text


def test_publishing_a_page_shows_in_the_menu_of_cached_pages_at_once(client):
    """Listings and article pages (also news shared down from KPU RI, cached under RI's own
    generation) are served from the page cache; a page published changes their menu at once."""
    publish_starter("profil")
    shared = ArticleFactory(satker=satker("ri"), share_down=True)
    urls = [reverse("home"), reverse("news:article_list"), shared.get_absolute_url()]
    for url in urls * 2:  # the second round is served from the cache
        assert "/halaman/kontak/" not in client.get(url, HTTP_HOST=KEDIRI_HOST).text
    publish_starter("kontak")
    for url in urls:
        assert "/halaman/kontak/" in client.get(url, HTTP_HOST=KEDIRI_HOST).text, url


def test_a_national_page_shows_on_every_site_by_reference(client):
    make_page("ri", title="Kebijakan Privasi", body="<p>Teks nasional.</p>", for_all_sites=True)
    for host in (KEDIRI_HOST, BANDUNG_HOST):
        response = client.get("/halaman/kebijakan-privasi/", HTTP_HOST=host)
        assert response.status_code == 200 and "Teks nasional." in response.text
        assert "/halaman/kebijakan-privasi/" in client.get(reverse("home"), HTTP_HOST=host).text


def test_a_site_with_its_own_page_of_that_slug_shows_its_own(client):
    make_page("ri", title="Kebijakan Privasi", body="<p>Teks nasional.</p>", for_all_sites=True)
    make_page(title="Kebijakan Privasi", body="<p>Teks Kediri.</p>")
    kediri = client.get("/halaman/kebijakan-privasi/", HTTP_HOST=KEDIRI_HOST).text
    assert "Teks Kediri." in kediri and "Teks nasional." not in kediri
    home = client.get(reverse("home"), HTTP_HOST=KEDIRI_HOST).text
    assert home.count("/halaman/kebijakan-privasi/") == 1
    assert "Teks nasional." in client.get("/halaman/kebijakan-privasi/", HTTP_HOST=BANDUNG_HOST).text


def test_a_page_of_ri_without_the_flag_stays_on_ri_only(client):
    make_page("ri", title="Rapat Internal RI", body="<p>Hanya RI.</p>")
    assert client.get("/halaman/rapat-internal-ri/", HTTP_HOST=KEDIRI_HOST).status_code == 404
    assert client.get("/halaman/rapat-internal-ri/", HTTP_HOST="www.kpu.go.id").status_code == 200


def test_a_national_flag_on_a_kabupaten_page_does_not_spread_it(client):
    make_page(title="Khusus Kediri", for_all_sites=True)  # only the form refuses it; the rule ignores it
    assert client.get("/halaman/khusus-kediri/", HTTP_HOST=BANDUNG_HOST).status_code == 404


def test_search_shows_matching_pages_in_a_halaman_block(client):
    publish_starter("maklumat-pelayanan", body="<p>Standar pelayanan informasi publik.</p>")
    make_page("kota-bandung", title="Pelayanan Bandung")
    response = client.get(reverse("news:search"), {"q": "pelayanan"}, HTTP_HOST=KEDIRI_HOST)
    block = response.text.split('id="hasil-halaman"', 1)[1].split("</section>", 1)[0]
    assert "/halaman/maklumat-pelayanan/" in block and "Bandung" not in block


def test_search_without_a_query_shows_no_page_block(client):
    publish_starter("profil")
    assert "hasil-halaman" not in client.get(reverse("news:search"), HTTP_HOST=KEDIRI_HOST).text


def test_the_site_sitemap_lists_its_published_pages(client):
    publish_starter("profil")
    make_page("kota-bandung", title="Layanan Bandung")
    index = client.get(reverse("sitemap"), HTTP_HOST=KEDIRI_HOST).text
    assert "sitemap-laman.xml" in index
    section = client.get(reverse("sitemap_section", args=["laman"]), HTTP_HOST=KEDIRI_HOST).text
    assert "kota-kediri.kpu.go.id/halaman/profil/" in section
    assert "layanan-bandung" not in section and "visi-dan-misi" not in section
