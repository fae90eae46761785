"""/berita/ and /cari/: filters that combine, descendant satker, pagination, search, bad input."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Kind, Status
from satker.models import Level, Satker
from tests.budgets import LISTING
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def titles(response):
    return [article.title for article in response.context["object_list"]]


def listing(client, **params):
    return client.get(reverse("news:article_list"), params)


def test_listing_shows_newest_first(client):
    ArticleFactory(title="Lama", published_at=datetime(2024, 1, 5, tzinfo=JAKARTA))
    ArticleFactory(title="Baru", published_at=datetime(2024, 2, 5, tzinfo=JAKARTA))
    assert titles(listing(client)) == ["Baru", "Lama"]


def test_province_filter_includes_its_kabupaten_and_kota(client):
    ArticleFactory(title="Provinsi", satker=satker("prov-jawa-timur"))
    ArticleFactory(title="Kota Kediri", satker=satker("kota-kediri"))
    ArticleFactory(title="Bandung", satker=satker("kota-bandung"))
    assert sorted(titles(listing(client, satker="prov-jawa-timur"))) == ["Kota Kediri", "Provinsi"]


def test_kabupaten_filter_shows_only_that_kabupaten(client):
    ArticleFactory(title="Kabupaten", satker=satker("kab-kediri"))
    ArticleFactory(title="Kota", satker=satker("kota-kediri"))
    assert titles(listing(client, satker="kab-kediri")) == ["Kabupaten"]


def test_ri_filter_shows_everything(client):
    ArticleFactory(title="A", satker=satker("kota-kediri"))
    ArticleFactory(title="B", satker=satker("kota-jayapura"))
    assert sorted(titles(listing(client, satker="ri"))) == ["A", "B"]


def test_a_new_kabupaten_shows_in_its_provinces_listing_at_once(client):
    listing(client, satker="prov-jawa-timur")  # the satker directory is loaded by now
    new_unit = Satker.objects.create(
        name="KPU Kabupaten Baru", slug="kab-baru", level=Level.KABUPATEN, parent=satker("prov-jawa-timur"),
        region_code="35.99",
    )  # fmt: skip
    ArticleFactory(title="Dari Kabupaten Baru", satker=new_unit)
    assert titles(listing(client, satker="prov-jawa-timur")) == ["Dari Kabupaten Baru"]


def test_a_province_site_lists_its_own_its_kabupatens_and_the_news_shared_down_to_it():
    ArticleFactory(title="Jatim", satker=satker("prov-jawa-timur"))
    ArticleFactory(title="Kediri", satker=satker("kota-kediri"))
    ArticleFactory(title="RI dibagikan", satker=satker("ri"), share_down=True)
    ArticleFactory(title="RI saja", satker=satker("ri"))
    ArticleFactory(title="Jabar dibagikan", satker=satker("prov-jawa-barat"), share_down=True)
    ArticleFactory(title="Bandung", satker=satker("kota-bandung"))
    site = Article.objects.published().for_site(satker("prov-jawa-timur"))
    assert sorted(site.values_list("title", flat=True)) == ["Jatim", "Kediri", "RI dibagikan"]


def test_tag_filter_lists_exactly_the_public_articles_with_that_tag(client):
    ArticleFactory(title="Pleno", tags=["pleno"])
    ArticleFactory(title="Pleno dan DPT", tags=["dpt", "pleno"])
    ArticleFactory(title="Pleno Ulang", tags=["pleno-ulang"])
    ArticleFactory(title="Tanpa Tag")
    ArticleFactory(title="Draf Pleno", tags=["pleno"], status=Status.DRAFT)
    assert sorted(titles(listing(client, tag="pleno"))) == ["Pleno", "Pleno dan DPT"]


def test_an_unknown_tag_lists_nothing(client):
    ArticleFactory(title="Pleno", tags=["pleno"])
    response = listing(client, tag="tidak-ada")
    assert response.status_code == 200
    assert titles(response) == []


def test_division_filter_lists_exactly_the_public_articles_of_that_division(client):
    teknis, hukum = DivisionFactory(), DivisionFactory()
    ArticleFactory(title="Teknis", divisions=[teknis])
    ArticleFactory(title="Teknis dan Hukum", divisions=[teknis, hukum])
    ArticleFactory(title="Hukum", divisions=[hukum])
    ArticleFactory(title="Draf Teknis", divisions=[teknis], status=Status.DRAFT)
    assert sorted(titles(listing(client, divisi=teknis.slug))) == ["Teknis", "Teknis dan Hukum"]


def test_filters_combine(client):
    division = DivisionFactory()
    wanted = ArticleFactory(
        title="Cocok",
        satker=satker("kota-kediri"),
        divisions=[division],
        tags=["pleno"],
        kind=Kind.ANNOUNCEMENT,
        published_at=datetime(2024, 3, 10, tzinfo=JAKARTA),
    )
    ArticleFactory(title="Bulan lain", satker=satker("kota-kediri"), divisions=[division], tags=["pleno"],
                   kind=Kind.ANNOUNCEMENT, published_at=datetime(2024, 4, 10, tzinfo=JAKARTA))  # fmt: skip
    ArticleFactory(title="Tanpa tag", satker=satker("kota-kediri"), divisions=[division], kind=Kind.ANNOUNCEMENT,
                   published_at=datetime(2024, 3, 11, tzinfo=JAKARTA))  # fmt: skip
    ArticleFactory(title="Provinsi lain", satker=satker("kota-bandung"), divisions=[division], tags=["pleno"],
                   kind=Kind.ANNOUNCEMENT, published_at=datetime(2024, 3, 12, tzinfo=JAKARTA))  # fmt: skip
    ArticleFactory(title="Berita biasa", satker=satker("kota-kediri"), divisions=[division], tags=["pleno"],
                   published_at=datetime(2024, 3, 13, tzinfo=JAKARTA))  # fmt: skip
    response = listing(
        client, satker="prov-jawa-timur", divisi=division.slug, tag="pleno", jenis="pengumuman", tahun=2024, bulan=3
    )
    assert titles(response) == [wanted.title]


def test_search_text_narrows_the_listing(client):
    ArticleFactory(title="Bimtek KPPS", body="<p>Pelatihan petugas.</p>")
    ArticleFactory(title="Rapat Pleno", body="<p>Rekapitulasi.</p>")
    assert titles(listing(client, q="bimtek")) == ["Bimtek KPPS"]


def test_search_finds_words_in_the_body_and_highlights_them(client):
    ArticleFactory(title="Kegiatan Hari Ini", lead="Ringkasan.", body="<p>Simulasi pemungutan suara di TPS.</p>")
    ArticleFactory(title="Lain", body="<p>Tidak ada.</p>")
    response = client.get(reverse("news:search"), {"q": "pemungutan"})
    assert titles(response) == ["Kegiatan Hari Ini"]
    assert "<mark>" in response.text


def test_search_snippet_escapes_html_from_the_body(client):
    ArticleFactory(title="Judul", lead="", body="<p>pemungutan &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    page = client.get(reverse("news:search"), {"q": "pemungutan"}).text
    assert "<script>alert(1)" not in page


def test_search_never_shows_drafts(client):
    ArticleFactory(title="Draf Rahasia Pemungutan", status=Status.DRAFT)
    assert titles(client.get(reverse("news:search"), {"q": "pemungutan"})) == []


def test_listing_needs_at_most_6_queries_with_every_filter(client, django_assert_max_num_queries):
    division = DivisionFactory()
    moment = timezone.now() - timedelta(hours=1)  # one time for all: one year, whenever this runs
    created = {
        ArticleFactory(
            satker=satker("kota-kediri"), divisions=[division], tags=["pleno", "dpt", "kpps"], published_at=moment
        ).title
        for _ in range(25)
    }
    year = timezone.localtime(moment).year  # the listing's year is the WIB calendar year
    params = {"satker": "prov-jawa-timur", "divisi": division.slug, "tag": "pleno", "tahun": year, "q": "rapat"}
    with django_assert_max_num_queries(LISTING):
        response = listing(client, **params)
    assert len(titles(response)) == 20 and set(titles(response)) <= created
    with django_assert_max_num_queries(LISTING):
        response = listing(client, page=2)
    assert len(titles(response)) == 5 and set(titles(response)) <= created


def test_pagination_is_numbered_and_keeps_the_filters(client):
    for _ in range(45):
        ArticleFactory(satker=satker("kota-kediri"))
    response = listing(client, satker="kota-kediri", page=2)
    assert len(response.context["object_list"]) == 20
    assert "?satker=kota-kediri&amp;page=3" in response.text
    assert 'aria-current="page">2<' in response.text


def test_a_new_article_shows_in_the_count_at_once(client):
    ArticleFactory()
    assert listing(client).context["paginator"].count == 1
    ArticleFactory()
    assert listing(client).context["paginator"].count == 2


@pytest.mark.parametrize("page", ["abc", "0", "99999999", "-1", "1.5"])
def test_bad_page_numbers_are_a_404(client, page):
    ArticleFactory()
    assert listing(client, page=page).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"satker": "kota-atlantis"},
        {"satker": "<script>"},
        {"divisi": "tidak-ada"},
        {"tahun": "abc"},
        {"tahun": "99999"},
        {"bulan": "13"},
        {"bulan": "3"},
        {"jenis": "gosip"},
        {"q": "a\x00b"},
    ],
)
def test_bad_filter_values_are_a_400_in_indonesian(client, params):
    response = listing(client, **params)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.text
    assert "<script>" not in response.text


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "'; DROP TABLE news_article; --", "\u202e\u0000", "ééé 🗳️ 選挙", "a OR 1=1", '"unclosed', "!!!&&|"],
)
def test_odd_search_text_never_breaks_the_page(client, query):
    ArticleFactory(title="Rapat")
    response = client.get(reverse("news:search"), {"q": query})
    assert response.status_code in (200, 400)


def test_unknown_tag_or_division_page_is_a_404(client):
    assert client.get(reverse("news:tag_detail", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("news:division_detail", args=["tidak-ada"])).status_code == 404


def test_division_and_tag_pages_list_their_articles(client, django_assert_max_num_queries):
    division = DivisionFactory(name="Teknis Uji")
    ArticleFactory(title="Dengan Divisi", divisions=[division], tags=["pleno"])
    ArticleFactory(title="Tanpa Apa-apa")
    with django_assert_max_num_queries(LISTING):
        response = client.get(division.get_absolute_url())
    assert titles(response) == ["Dengan Divisi"]
    with django_assert_max_num_queries(LISTING):
        response = client.get(reverse("news:tag_detail", args=["pleno"]))
    assert titles(response) == ["Dengan Divisi"]
    assert "#pleno" in response.text
