"""News flows down without copying; kinds with their listings and feeds; PDF attachments;
PPID and JDIH links; tags that stay tidy."""

import io

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from news.attachments import validate_pdf
from news.models import Article, Kind, Tag
from news.newsroom.tags import merge_tags
from tests.budgets import LISTING
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def titles(response):
    return [article.title for article in response.context["object_list"]]


# --- news flows down ---------------------------------------------------------------------------


def test_a_shared_kpu_ri_article_shows_on_a_kabupaten_site_with_its_origin(client, django_assert_max_num_queries):
    shared = ArticleFactory(title="Siaran Nasional", satker=satker("ri"), share_down=True)
    ArticleFactory(title="Hanya RI", satker=satker("ri"))
    ArticleFactory(title="Berita Kediri", satker=satker("kota-kediri"))
    with django_assert_max_num_queries(LISTING):
        response = client.get(reverse("news:article_list"), **KEDIRI)
    assert sorted(titles(response)) == ["Berita Kediri", "Siaran Nasional"]
    assert '<span class="shared">KPU RI</span>' in response.text
    page = client.get(shared.get_absolute_url(), **KEDIRI).text
    assert f'<link rel="canonical" href="{shared.get_canonical_url()}">' in page
    assert shared.get_canonical_url().startswith("https://www.kpu.go.id/")
    assert f'data-article="{shared.pk}"' in page  # the view counts go to the one origin row


def test_a_shared_kpu_ri_article_is_in_a_kabupaten_feed(client):
    ArticleFactory(title="Siaran Nasional", satker=satker("ri"), share_down=True)
    feed = feedparser.parse(client.get(reverse("news:feed"), **KEDIRI).content)
    assert [entry.title for entry in feed.entries] == ["Siaran Nasional"]
    assert feed.entries[0].link.startswith("https://www.kpu.go.id/berita/ri/")


def test_a_province_shares_down_to_its_own_kabupaten_only(client):
    ArticleFactory(title="Dari Jatim", satker=satker("prov-jawa-timur"), share_down=True)
    assert titles(client.get(reverse("news:article_list"), **KEDIRI)) == ["Dari Jatim"]
    bandung = client.get(reverse("news:article_list"), HTTP_HOST="kota-bandung.kpu.go.id")
    assert titles(bandung) == []


def test_a_satker_site_can_switch_shared_news_off(client):
    ArticleFactory(title="Siaran Nasional", satker=satker("ri"), share_down=True)
    kediri = satker("kota-kediri")
    kediri.show_shared_news = False
    kediri.save()
    assert titles(client.get(reverse("news:article_list"), **KEDIRI)) == []


def test_sharing_adds_no_rows(client):
    ArticleFactory(satker=satker("ri"), share_down=True)
    client.get(reverse("news:article_list"), **KEDIRI)
    assert Article.objects.count() == 1


def test_unsharing_shows_at_once_on_cached_kabupaten_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    shared = ArticleFactory(title="Siaran Nasional", satker=satker("ri"), share_down=True)
    assert "Siaran Nasional" in client.get(reverse("home"), **KEDIRI).text
    shared.share_down = False
    shared.save()
    assert "Siaran Nasional" not in client.get(reverse("home"), **KEDIRI).text


# --- kinds -------------------------------------------------------------------------------------


def test_each_kind_has_its_own_listing_and_feed(client):
    ArticleFactory(title="Pengumuman Nomor 163 Tahun 2024", kind=Kind.ANNOUNCEMENT)
    ArticleFactory(title="Siaran Pers Debat", kind=Kind.PRESS_RELEASE)
    ArticleFactory(title="Berita Biasa")
    assert titles(client.get(reverse("news:kind_list", kwargs={"slug": "pengumuman"}))) == [
        "Pengumuman Nomor 163 Tahun 2024"
    ]
    assert titles(client.get(reverse("news:kind_list", kwargs={"slug": "siaran-pers"}))) == ["Siaran Pers Debat"]
    assert titles(client.get(reverse("news:article_list"), {"jenis": "berita"})) == ["Berita Biasa"]
    feed = feedparser.parse(client.get(reverse("news:kind_feed", kwargs={"slug": "pengumuman"})).content)
    assert [entry.title for entry in feed.entries] == ["Pengumuman Nomor 163 Tahun 2024"]


# --- attachments -------------------------------------------------------------------------------


def pdf(name="pengumuman.pdf", content=b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_article_offers_its_pdf_for_download(client):
    article = ArticleFactory(kind=Kind.ANNOUNCEMENT, attachment=pdf())
    page = client.get(article.get_absolute_url()).text
    assert f'href="{article.attachment.url}" download' in page
    assert "Unduh lampiran (PDF)" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf(name="virus.exe"), "harus berkas PDF"),
        (pdf(content=b"<html>bukan pdf</html>"), "bukan PDF yang sah"),
        (pdf(name="foto.pdf", content=b"\xff\xd8\xff\xe0JFIF"), "bukan PDF yang sah"),
    ],
)
def test_an_attachment_that_is_not_a_pdf_is_refused_in_indonesian(upload, message):
    with pytest.raises(ValidationError, match=message):
        validate_pdf(upload)


def test_an_attachment_over_20_mb_is_refused():
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError, match="paling besar 20 MB"):
        validate_pdf(big)


def test_the_admin_refuses_a_fake_pdf_and_keeps_nothing(client):
    from satker.models import Role
    from tests.factories import staff_user

    client.force_login(staff_user("editor", "kota-kediri", Role.EDITOR))
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Pengumuman Palsu",
            "kind": "pengumuman",
            "status": "draft",
            "body": "<p>x</p>",
            "attachment": SimpleUploadedFile("a.pdf", io.BytesIO(b"MZ\x90\x00").read()),
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert "bukan PDF yang sah" in response.text
    assert not Article.objects.filter(title="Pengumuman Palsu").exists()


# --- PPID and JDIH -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "ppid", "jdih"),
    [
        ("kab-kediri", "https://kedirikabppid.kpu.go.id/", "https://jdih.kpu.go.id/jatim/kediri"),
        ("kota-kediri", "https://kedirikotappid.kpu.go.id/", "https://jdih.kpu.go.id/jatim/kediri-kota"),
        ("ri", "https://ppid.kpu.go.id/", "https://jdih.kpu.go.id/"),
    ],
)
def test_ppid_and_jdih_links_follow_kpus_pattern_on_the_satker_page_and_footer(client, slug, ppid, jdih):
    call_command("load_satker")  # fills the PPID/JDIH defaults of data/kpu-services/ (tests/satker/test_ppid_jdih.py)
    unit = satker(slug)
    page = client.get(unit.get_absolute_url()).text
    assert f'href="{ppid}"' in page and f'href="{jdih}"' in page
    footer = client.get(reverse("home"), HTTP_HOST=unit.domain).text.split("site-footer")[1]
    assert f'href="{ppid}"' in footer and f'href="{jdih}"' in footer


def test_ppid_link_set_in_the_admin_wins(client):
    kediri = satker("kota-kediri")
    kediri.ppid_url = "https://ppid.kedirikota.go.id/kpu"
    kediri.save()
    assert 'href="https://ppid.kedirikota.go.id/kpu"' in client.get(kediri.get_absolute_url()).text


# --- tags --------------------------------------------------------------------------------------


def test_tags_match_case_insensitively():
    first = ArticleFactory(tags=["Pemilu 2024"])
    second = ArticleFactory(tags=["pemilu 2024"])
    assert Tag.objects.count() == 1
    assert set(Article.objects.filter(tags__name__iexact="PEMILU 2024")) == {first, second}


def test_merging_tags_moves_their_articles(client):
    keep = ArticleFactory(tags=["pemilu"])
    moved = ArticleFactory(tags=["pemilu-2024"])
    both = ArticleFactory(tags=["pemilu", "pemilu-2024"])
    merge_tags(Tag.objects.get(name="pemilu"), [Tag.objects.get(name="pemilu-2024")])
    assert list(Tag.objects.values_list("name", flat=True)) == ["pemilu"]
    for article in (keep, moved, both):
        assert list(article.tags.names()) == ["pemilu"]
    assert client.get(reverse("news:tag_detail", args=["pemilu-2024"])).status_code == 404


def test_the_superadmin_merges_tags_in_the_admin(admin_client):
    ArticleFactory(tags=["pemilu"])
    ArticleFactory(tags=["pemilu"])
    ArticleFactory(tags=["Pemilu Serentak"])
    ids = list(Tag.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:news_tag_changelist"), {"action": "merge", "_selected_action": ids}, follow=True
    )
    assert "1 tag digabungkan ke “pemilu”" in response.text
    assert Article.objects.filter(tags__name="pemilu").count() == 3


def test_editors_cannot_merge_tags(client):
    from satker.models import Role
    from tests.factories import staff_user

    client.force_login(staff_user("editor", "kota-kediri", Role.EDITOR))
    response = client.get(reverse("admin:news_tag_changelist"))
    assert 'value="merge"' not in response.text
