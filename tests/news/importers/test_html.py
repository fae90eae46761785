"""import_html: article pages saved from the central KPU platform become articles, and their
old addresses keep working as redirects."""

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from legacy.models import OldLink
from news.models import Article, Kind, Status
from tests.budgets import OLD_LINK_REDIRECT
from tests.factories import satker

from .conftest import draw_jpeg

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}
NOISE = (
    "Beranda", "Berita Terkini", "Profil Satker", "Sosialisasi Pemilih Pemula", "Dilihat 58", "Arsip",
    "Bagikan", "Facebook", "WhatsApp", "Tinggalkan Komentar", "Kirim Komentar", "Tulis komentar",
    "Hak cipta", "Jalan Contoh", "Telah dilihat", "Tag:", "dataLayer", "Senin, 7 Agustus",
)  # fmt: skip


@pytest.fixture
def pages(tmp_path, samples):
    """The sample pages copied aside, with the typical page's photos saved beside it as a
    browser's "Save page as" does (the logo and one inline photo were not saved)."""
    root = tmp_path / "html"
    shutil.copytree(samples / "html", root)
    draw_jpeg(root / "kota-kediri/pleno-dpt_files/pleno-dpt.jpg")
    draw_jpeg(root / "kota-kediri/pleno-dpt_files/suasana-pleno.jpg", (26, 95, 180))
    return root


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    settings.SITE_URL = "https://portal.kpu.go.id"


def test_typical_page_lands_with_every_field(run, pages):
    result = run("import_html", pages / "kota-kediri/pleno-dpt.html")
    assert not result.failed, result.out + result.err
    article = Article.objects.get(satker__slug="kota-kediri")
    assert article.title == "KPU Kota Kediri Tetapkan Daftar Pemilih Tetap Pemilu 2024"
    assert article.published_at == datetime(2023, 8, 7, 14, 30, tzinfo=WIB)
    assert article.status == Status.PUBLISHED
    assert article.kind == Kind.NEWS
    assert article.dateline == "Kediri"
    assert article.view_count == 113
    assert article.source_url == (
        "https://kota-kediri.kpu.go.id/berita/baca/4321/kpu-kota-kediri-tetapkan-daftar-pemilih-tetap-pemilu-2024"
    )
    assert article.source_key == "html:berita:4321"
    assert article.featured_image.name == "impor/kota-kediri/pleno-dpt_files/pleno-dpt.jpg"
    assert article.featured_image_alt == "Ketua KPU Kota Kediri membuka rapat pleno"
    assert article.featured_image_caption == "Rapat pleno terbuka di aula kantor KPU Kota Kediri"
    assert article.body.startswith("<p>KPU Kota Kediri menetapkan daftar pemilih tetap untuk Pemilu 2024")
    assert 'src="/media/impor/kota-kediri/pleno-dpt_files/suasana-pleno.jpg"' in article.body


def test_menus_sidebar_share_bar_comments_and_footer_never_become_body_text(run, pages):
    run("import_html", pages / "kota-kediri/pleno-dpt.html")
    article = Article.objects.get(satker__slug="kota-kediri")
    for noise in NOISE:
        assert noise.lower() not in article.body.lower(), noise
    assert article.body.count("<p>") == 5  # three paragraphs of text, two of photos
    assert "pleno-dpt.jpg" not in article.body  # the featured photo is not repeated in the body


def test_a_photo_not_saved_with_the_page_keeps_its_old_full_address(run, pages):
    run("import_html", pages / "kota-kediri/pleno-dpt.html")
    body = Article.objects.get(satker__slug="kota-kediri").body
    assert 'src="https://kota-kediri.kpu.go.id/uploads/berita/2023/08/tidak-tersimpan.jpg"' in body


def test_page_with_og_url_only_gives_key_date_time_and_views(run, pages):
    result = run("import_html", pages / "kota-kediri/og-url-saja.html")
    assert not result.failed, result.out
    article = Article.objects.get(source_key="html:blog:777")
    assert article.satker.slug == "kota-kediri"
    assert article.title == "Bimbingan Teknis KPPS Kecamatan Kota"
    assert article.published_at == datetime(2023, 9, 7, 10, 15, tzinfo=WIB)
    assert article.view_count == 2045
    assert article.body.startswith("<p>Sebanyak 120 anggota KPPS")
    assert "Terpopuler" not in article.body and "910" not in article.body


def test_sidecar_file_gives_the_old_address_and_the_satker(run, pages):
    result = run("import_html", pages / "pengumuman-sidecar.html")
    assert not result.failed, result.out
    article = Article.objects.get(source_key="html:berita:991")
    assert article.satker.slug == "kota-bandung"
    assert article.kind == Kind.ANNOUNCEMENT  # from the breadcrumb
    assert article.source_url == "https://kota-bandung.kpu.go.id/berita/baca/991/pengumuman-seleksi-ppk"
    assert article.published_at == datetime(2024, 1, 2, 9, 0, tzinfo=WIB)
    assert article.view_count == 1204
    assert OldLink.objects.get(satker__slug="kota-bandung", key="berita:991").article == article


def test_urls_txt_in_the_folder_names_each_pages_old_address(run, pages, tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    page = (pages / "pengumuman-sidecar.html").read_text()
    (crawl / "halaman-1.html").write_text(page)
    (crawl / "urls.txt").write_text(
        "# file  address\nhalaman-1.html\thttps://kota-bandung.kpu.go.id/blog/read/55_seleksi\n"
    )
    result = run("import_html", crawl)
    assert not result.failed, result.out
    assert Article.objects.get(source_key="html:blog:55").satker.slug == "kota-bandung"


def test_page_in_windows_1252_reads_its_curly_quotes_and_dashes(run, pages):
    result = run("import_html", pages / "kota-kediri/windows-1252.html")
    assert not result.failed, result.out
    article = Article.objects.get(source_key="html:berita:4400")
    assert article.title == "Rapat Koordinasi “Pemilu Damai” di Kecamatan Mojoroto"
    assert article.body.startswith("<p>Rapat koordinasi bertema “Pemilu Damai”")
    assert "pemungutan suara – termasuk" in article.body
    assert article.published_at == datetime(2023, 10, 4, tzinfo=WIB)
    assert article.view_count == 87


def test_a_folder_imports_the_good_pages_names_the_bad_ones_and_exits_non_zero(run, pages):
    result = run("import_html", pages)
    assert result.failed
    assert "6 items: 4 imported, 0 updated, 0 skipped, 2 failed." in result.out
    assert "tanpa-judul.html: no article title" in result.out
    assert "host-asing.html: the host berita.contoh.example is no satker's domain or alias; give --satker" in result.out
    assert "2 items failed" in result.err
    assert Article.objects.count() == 4
    assert not Article.objects.filter(source_key="html:berita:5000").exists()


def test_second_run_changes_nothing_and_duplicates_no_old_link(run, pages):
    run("import_html", pages)
    links = sorted(OldLink.objects.values_list("satker__slug", "key", "article_id"))
    result = run("import_html", pages)
    assert "6 items: 0 imported, 0 updated, 4 skipped, 2 failed." in result.out
    assert "4 × unchanged since the last import" in result.out
    assert Article.objects.count() == 4
    assert sorted(OldLink.objects.values_list("satker__slug", "key", "article_id")) == links
    assert len(links) == 4


def test_dry_run_saves_no_article_no_old_link_and_no_file(run, pages, settings):
    result = run("import_html", pages, "--dry-run")
    assert "Dry run, nothing saved. 6 items: 4 would be imported" in result.out
    assert not Article.objects.exists()
    assert not OldLink.objects.exists()
    assert not (settings.MEDIA_ROOT / "impor").exists()


def test_page_of_another_satker_than_the_one_given_fails(run, pages):
    result = run("import_html", pages / "kota-kediri/og-url-saja.html", "--satker", "kota-bandung")
    assert result.failed
    assert "the page is from kota-kediri.kpu.go.id, the site of satker kota-kediri, not kota-bandung" in result.out
    assert not Article.objects.exists()


def test_satker_option_imports_a_page_of_an_unknown_host(run, pages):
    result = run("import_html", pages / "host-asing.html", "--satker", "kota-kediri")
    assert not result.failed, result.out
    assert Article.objects.get().title == "Diskusi Partisipasi Pemilih Muda"


def test_a_refused_image_fails_that_page_and_leaves_no_old_link(run, pages):
    (pages / "kota-kediri/pleno-dpt_files/pleno-dpt.jpg").write_text("bukan gambar")
    result = run("import_html", pages / "kota-kediri")
    assert result.failed
    assert "pleno-dpt.html: " in result.out and "not a valid image" in result.out
    assert not Article.objects.filter(source_key="html:berita:4321").exists()
    assert not OldLink.objects.filter(key="berita:4321").exists()
    assert OldLink.objects.filter(key="blog:777").exists()  # the other pages went on


def test_a_wrongly_declared_encoding_is_named_with_its_line(run, tmp_path, pages):
    page = tmp_path / "salah.html"
    page.write_bytes((pages / "kota-kediri/windows-1252.html").read_bytes().replace(b"windows-1252", b"utf-8"))
    result = run("import_html", page)
    assert result.failed
    assert "salah.html: line 5: not utf-8 as its <meta charset> says (byte 0x93); give --encoding" in result.out


def test_a_malformed_sidecar_is_named(run, pages):
    (pages / "pengumuman-sidecar.html.url").write_text("bukan alamat\n")
    result = run("import_html", pages / "pengumuman-sidecar.html")
    assert result.failed
    assert "pengumuman-sidecar.html.url: 'bukan alamat' is not an address" in result.out


def test_a_missing_path_is_an_operator_error(run, tmp_path):
    result = run("import_html", tmp_path / "tidak-ada")
    assert result.failed
    assert "No such file or folder" in result.err


@pytest.mark.parametrize(
    ("old", "source_key"),
    [
        ("/berita/baca/4321/kpu-kota-kediri-tetapkan-daftar-pemilih-tetap-pemilu-2024", "html:berita:4321"),
        ("/index.php/berita/baca/4321/judul-terpotong", "html:berita:4321"),
        ("/blog/read/777_bimbingan-teknis-kpps-kecamatan-kota", "html:blog:777"),
    ],
)
def test_old_address_of_an_imported_page_redirects_to_the_article(
    run, pages, client, old, source_key, django_assert_max_num_queries
):
    run("import_html", pages / "kota-kediri")
    with django_assert_max_num_queries(OLD_LINK_REDIRECT):
        response = client.get(old, **KEDIRI)
    assert response.status_code == 301
    assert response["Location"] == Article.objects.get(source_key=source_key).get_canonical_url()
    assert response["Location"].startswith("https://kota-kediri.kpu.go.id/berita/kota-kediri/")


def test_old_address_on_another_satkers_domain_is_a_404(run, pages, client):
    run("import_html", pages / "kota-kediri")
    response = client.get("/berita/baca/4321/x", HTTP_HOST="kota-bandung.kpu.go.id")
    assert response.status_code == 404


def test_a_nul_character_in_a_page_is_dropped_not_a_crash(run, pages, tmp_path):
    page = tmp_path / "nul.html"
    html = (pages / "kota-kediri/og-url-saja.html").read_text()
    page.write_text(html.replace("<h1>Bimbingan Teknis", "<h1>Bimbingan\x00 Teknis"))
    result = run("import_html", page)
    assert not result.failed, result.out
    assert Article.objects.get().title == "Bimbingan Teknis KPPS Kecamatan Kota"


def test_an_undeclared_non_utf8_page_is_read_as_windows_1252_with_a_warning(run, pages, tmp_path):
    page = tmp_path / "tanpa-charset.html"
    data = (pages / "kota-kediri/windows-1252.html").read_bytes()
    page.write_bytes(data.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b""))
    result = run("import_html", page)
    assert not result.failed, result.out
    assert "tanpa-charset.html: no charset declared and not UTF-8: read as windows-1252" in result.out
    assert Article.objects.get().title == "Rapat Koordinasi “Pemilu Damai” di Kecamatan Mojoroto"


def test_pages_a_browser_saved_inside_a_files_folder_are_not_articles(run, pages):
    (pages / "kota-kediri/pleno-dpt_files/iklan.html").write_text("<h1>Iklan</h1><p>Bukan berita.</p>")
    result = run("import_html", pages / "kota-kediri")
    assert "3 items: 3 imported" in result.out


def test_satker_is_found_by_an_alias_domain_of_the_old_site(run, pages, tmp_path):
    kabupaten = satker("kab-kediri")
    kabupaten.alias_domains = "kpu-kedirikab.go.id"
    kabupaten.save()
    page = tmp_path / "lama.html"
    html = (pages / "kota-kediri/og-url-saja.html").read_text()
    page.write_text(html.replace("https://kota-kediri.kpu.go.id/", "https://www.kpu-kedirikab.go.id/"))
    result = run("import_html", page)
    assert not result.failed, result.out
    assert Article.objects.get().satker == kabupaten
    assert OldLink.objects.get(key="blog:777").satker == kabupaten


def test_script_and_event_handlers_in_a_page_never_reach_the_body(run, pages, tmp_path):
    page = tmp_path / "jahat.html"
    html = (pages / "kota-kediri/og-url-saja.html").read_text()
    evil = (
        '<p>Materi<script>alert(1)</script><img src="x.jpg" onerror="alert(2)"><a href="javascript:alert(3)">x</a></p>'
    )
    page.write_text(html.replace("<p>Materi", evil + "<p>Materi"))
    run("import_html", page)
    body = Article.objects.get().body
    for bad in ("<script", "alert(", "onerror", "javascript:"):
        assert bad not in body


def test_an_image_address_leading_out_of_the_folder_given_is_not_read(run, pages, tmp_path):
    draw_jpeg(tmp_path / "rahasia.jpg")
    folder = tmp_path / "halaman"
    folder.mkdir()
    html = (pages / "kota-kediri/og-url-saja.html").read_text()
    (folder / "keluar.html").write_text(html.replace("<p>Materi", '<p><img src="../rahasia.jpg"></p><p>Materi'))
    result = run("import_html", folder)
    assert not result.failed, result.out
    assert "image ../rahasia.jpg was not saved with the page; left out" in result.out
    assert "rahasia" not in Article.objects.get().body


def test_a_category_list_in_the_sidebar_does_not_set_the_kind(run, pages, tmp_path):
    page = tmp_path / "kategori.html"
    html = (pages / "kota-kediri/og-url-saja.html").read_text()
    widget = '<aside class="sidebar"><ul class="category"><li>Pengumuman</li><li>Siaran Pers</li></ul></aside>'
    page.write_text(html.replace("<footer>", widget + "<footer>"))
    run("import_html", page)
    assert Article.objects.get().kind == Kind.NEWS
