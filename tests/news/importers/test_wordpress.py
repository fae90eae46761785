from datetime import UTC, datetime

import pytest

from news.models import Article, Kind, Status

pytestmark = pytest.mark.django_db


def kediri(**filters):
    return Article.objects.filter(satker__slug="kota-kediri", **filters)


def test_published_post_lands_with_every_field(run, samples, media_dir):
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    assert not result.failed, result.out + result.err
    article = kediri().get(source_key="wp:101")
    assert article.title == "Rapat Pleno Terbuka Rekapitulasi Daftar Pemilih Tetap"
    assert article.slug == "rapat-pleno-terbuka-rekapitulasi-dpt"
    assert article.status == Status.PUBLISHED
    assert article.published_at == datetime(2023, 8, 7, 8, 0, tzinfo=UTC)
    assert article.lead == "Rapat pleno menetapkan daftar pemilih tetap Kota Kediri."
    assert article.dateline == "Kediri"
    assert article.editor_credit == "Ed: Asa"
    assert article.view_count == 245
    assert article.source_url == "https://kota-kediri.kpu.go.id/2023/08/07/rapat-pleno-terbuka-rekapitulasi-dpt/"
    assert [d.name for d in article.divisions.all()] == ["Teknis Penyelenggaraan"]
    assert sorted(t.name for t in article.tags.all()) == ["DPT", "Pleno"]
    assert article.featured_image.name == "impor/kota-kediri/2023/08/pleno-dpt.jpg"
    assert article.featured_image_alt == "Anggota KPU memimpin rapat pleno"
    assert article.featured_image_caption == "Suasana rapat pleno di aula KPU Kota Kediri"


def test_body_has_clean_html_without_shortcodes_block_comments_or_dateline(run, samples, media_dir):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    body = kediri().get(source_key="wp:101").body
    assert body.startswith("<p>KPU Kota Kediri menggelar rapat pleno")
    assert "<figcaption>Suasana rapat pleno di aula KPU Kota Kediri</figcaption>" in body
    assert '<img src="/media/impor/kota-kediri/2023/08/pleno-dpt.jpg"' in body
    assert "<p>Warga dapat memeriksa namanya melalui layanan cek DPT daring.</p>" in body
    for leftover in ("wp:", "[caption", "[/caption]", "[vc_", "<script", "alert(1)", "kota-kediri.kpu.go.id –"):
        assert leftover not in body


def test_future_post_is_scheduled_with_gallery_paragraphs_and_video(run, samples, media_dir):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    article = kediri().get(source_key="wp:102")
    assert article.is_scheduled()
    assert article.published_at == datetime(2031, 2, 10, 2, 0, tzinfo=UTC)
    assert article.kind == Kind.ANNOUNCEMENT
    assert article.view_count == 12
    assert article.editor_credit == ""  # the generic "admin" account is no one's credit
    assert article.body.startswith(
        "<p>Bimbingan teknis untuk anggota KPPS akan digelar di setiap kecamatan.<br>\nPeserta membawa surat tugas.</p>"
    )
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abcDEF12345"' in article.body
    assert "[gallery" not in article.body
    gallery = list(article.images.all())
    assert [(i.image.name, i.alt_text, i.caption) for i in gallery] == [
        ("impor/kota-kediri/2023/09/bimtek-1.jpg", "Peserta mengisi formulir", "Peserta bimtek di kecamatan utara"),
        ("impor/kota-kediri/2023/09/bimtek-2.jpg", "bimtek-2", ""),
    ]


def test_private_and_draft_posts_become_drafts_that_the_public_does_not_see(run, samples):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    private = kediri().get(source_key="wp:103")
    draft = kediri().get(source_key="wp:104")
    assert private.status == draft.status == Status.DRAFT
    assert draft.slug == "draf-siaran-pers-hasil-rekapitulasi"  # no post_name: made from the title
    assert draft.published_at is not None  # post_date in Kota Kediri's zone when GMT is zeros
    assert not Article.objects.published().filter(source_key__in=["wp:103", "wp:104"]).exists()


def test_report_counts_imports_and_skips_with_reasons(run, samples):
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    assert "11 items: 4 imported, 0 updated, 7 skipped, 0 failed." in result.out
    for reason in ("3 × an attachment", "1 × a page, not a post", "1 × a menu item", "1 × a revision", "1 × in the"):
        assert reason in result.out
    assert "category 'Kegiatan' matches no division (1 item)" in result.out


def test_without_media_dir_the_old_image_urls_stay(run, samples):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    article = kediri().get(source_key="wp:101")
    assert not article.featured_image
    assert "https://kota-kediri.kpu.go.id/wp-content/uploads/2023/08/pleno-dpt-1024x576.jpg" in article.body


def test_satker_comes_from_the_export_site_when_not_given(run, samples):
    result = run("import_wordpress", samples / "kota-kediri.xml")
    assert not result.failed
    assert kediri().count() == 4


def test_second_run_duplicates_nothing_and_reports_unchanged(run, samples, media_dir):
    args = ("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    run(*args)
    result = run(*args)
    assert kediri().count() == 4
    assert "4 skipped" not in result.out
    assert "0 imported, 0 updated, 11 skipped" in result.out
    assert "4 × unchanged since the last import" in result.out


def test_changed_post_updates_the_same_article_and_keeps_its_url(run, samples, tmp_path):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    article = kediri().get(source_key="wp:101")
    changed = tmp_path / "changed.xml"
    text = (samples / "kota-kediri.xml").read_text()
    text = text.replace("Rekapitulasi Daftar Pemilih Tetap]]></title>", "Rekapitulasi DPT Tahap Akhir]]></title>", 1)
    changed.write_text(text.replace("<![CDATA[245]]>", "<![CDATA[300]]>"))
    result = run("import_wordpress", changed, "--satker", "kota-kediri")
    assert "1 updated" in result.out
    article.refresh_from_db()
    assert article.title == "Rapat Pleno Terbuka Rekapitulasi DPT Tahap Akhir"
    assert article.slug == "rapat-pleno-terbuka-rekapitulasi-dpt"
    assert article.view_count == 300
    assert kediri().count() == 4


def test_a_reimport_never_lowers_the_view_count_counted_since(run, samples):
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    kediri().filter(source_key="wp:101").update(view_count=900)
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    assert kediri().get(source_key="wp:101").view_count == 900


def test_dry_run_reports_but_saves_nothing(run, samples, media_dir, settings):
    args = ("--satker", "kota-kediri", "--media-dir", media_dir, "--dry-run")
    result = run("import_wordpress", samples / "kota-kediri.xml", *args)
    assert "Dry run, nothing saved. 11 items: 4 would be imported" in result.out
    assert not kediri().exists()
    assert not (settings.MEDIA_ROOT / "impor").exists()


def test_division_map_file_maps_other_category_names(run, samples, tmp_path):
    mapping = tmp_path / "divisi.csv"
    mapping.write_text("category,division\nKegiatan,Sekretariat\n")
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--division-map", mapping)
    names = {d.name for d in kediri().get(source_key="wp:101").divisions.all()}
    assert names == {"Teknis Penyelenggaraan", "Sekretariat"}


def test_division_map_naming_no_division_stops_before_importing(run, samples, tmp_path):
    mapping = tmp_path / "divisi.csv"
    mapping.write_text("Kegiatan,Divisi Khayalan\n")
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--division-map", mapping)
    assert result.failed
    assert f"{mapping}, line 1: no division named 'Divisi Khayalan'" in result.err
    assert not kediri().exists()


def test_slug_taken_by_another_article_gets_a_suffix(run, samples):
    from tests.factories import ArticleFactory

    ArticleFactory(title="Sudah ada", slug="rapat-pleno-terbuka-rekapitulasi-dpt")
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    assert kediri().get(source_key="wp:101").slug == "rapat-pleno-terbuka-rekapitulasi-dpt-2"


def test_posts_sharing_a_slug_get_distinct_slugs(run, samples, tmp_path):
    text = (samples / "kota-kediri.xml").read_text()
    same = tmp_path / "sama.xml"
    same.write_text(text.replace("<![CDATA[jadwal-bimtek-kpps]]>", "<![CDATA[rapat-pleno-terbuka-rekapitulasi-dpt]]>"))
    run("import_wordpress", same, "--satker", "kota-kediri")
    slugs = {kediri().get(source_key=key).slug for key in ("wp:101", "wp:102")}
    assert slugs == {"rapat-pleno-terbuka-rekapitulasi-dpt", "rapat-pleno-terbuka-rekapitulasi-dpt-2"}


def test_long_runs_show_progress_after_each_batch(run, samples):
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--batch-size", "4")
    assert "... 4 items:" in result.err and "... 8 items:" in result.err and "... 11 items:" in result.err


def test_imported_photos_lose_their_exif_like_admin_uploads(run, samples, media_dir, settings):
    from PIL import Image

    photo = media_dir / "2023/08/pleno-dpt.jpg"
    exif = Image.Exif()
    exif[0x010F] = "Kamera Ponsel"  # Make; GPS tags travel the same way
    Image.new("RGB", (640, 360), (200, 10, 10)).save(photo, "JPEG", exif=exif)
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    stored = settings.MEDIA_ROOT / kediri().get(source_key="wp:101").featured_image.name
    with Image.open(stored) as image:
        assert not image.getexif()
    assert kediri().get(source_key="wp:101").featured_image_width == 640


def test_password_protected_post_becomes_a_draft(run, samples, tmp_path):
    text = (samples / "kota-kediri.xml").read_text()
    protected = tmp_path / "sandi.xml"
    protected.write_text(text.replace("<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[rahasia]]>", 1))
    run("import_wordpress", protected, "--satker", "kota-kediri")
    assert kediri().get(source_key="wp:101").status == Status.DRAFT


def test_bulk_inserted_articles_are_announced_to_post_save_receivers(run, samples):
    """Cache generations (pagecache/generations.py) and any later receiver hear of every new article."""
    from django.db.models.signals import post_save

    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.source_key, created, instance.pk is not None))

    post_save.connect(receiver, sender=Article)
    try:
        run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    finally:
        post_save.disconnect(receiver, sender=Article)
    assert sorted(heard) == [(key, True, True) for key in ("wp:101", "wp:102", "wp:103", "wp:104")]
