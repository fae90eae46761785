import io
import json
import shutil

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from news.importers.export import article_data
from news.models import Article, Status, Tag
from tests.factories import ArticleFactory, DivisionFactory

pytestmark = pytest.mark.django_db


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def snapshot():
    return sorted((article_data(a) for a in Article.objects.filter(satker__slug="kota-kediri")), key=str)


@pytest.fixture
def kediri_articles(run, samples, media_dir):
    """The sample export imported with its images, plus articles written in the portal itself."""
    run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    pdf = default_storage.save("lampiran/kota-kediri/2026/11/pengumuman.pdf", ContentFile(b"%PDF-1.4 uji"))
    photo = default_storage.save("artikel/kota-kediri/2026/11/foto.jpg", ContentFile(jpeg_bytes()))
    ArticleFactory(
        title="Arsip Pengumuman Seleksi PPK",
        attachment=pdf,
        featured_image=photo,
        featured_image_alt="Papan pengumuman",
        share_down=True,
        status=Status.ARCHIVED,
        lead="Pengumuman lama.",
        body='<p>Isi <a href="https://kpu.go.id">tautan</a> & catatan.</p>',
        divisions=[DivisionFactory(name="Divisi Khusus Uji")],
        tags=["seleksi", "PPK"],
    )
    ArticleFactory(title="Naskah Menunggu Tinjauan", status=Status.REVIEW, published_at=None, dateline="")
    return snapshot()


@pytest.mark.parametrize("fmt", ["json", "wxr"])
def test_export_imported_into_an_empty_database_gives_the_same_articles(run, kediri_articles, tmp_path, fmt):
    export = tmp_path / f"kota-kediri.{'json' if fmt == 'json' else 'xml'}"
    result = run("export_articles", "--satker", "kota-kediri", "--format", fmt, "--output", export)
    assert not result.failed
    old_media = tmp_path / "old-media"
    shutil.copytree(settings.MEDIA_ROOT, old_media)
    shutil.rmtree(settings.MEDIA_ROOT)
    Article.objects.all().delete()
    Tag.objects.all().delete()

    result = run("import_wordpress", export, "--media-dir", old_media)

    assert not result.failed, result.out
    assert "6 imported" in result.out
    assert snapshot() == kediri_articles
    for name in ("impor/kota-kediri/2023/08/pleno-dpt.jpg", "lampiran/kota-kediri/2026/11/pengumuman.pdf"):
        assert (settings.MEDIA_ROOT / name).read_bytes() == (old_media / name).read_bytes()
    archived = Article.objects.get(title="Arsip Pengumuman Seleksi PPK")
    assert archived.share_down and archived.attachment.name == "lampiran/kota-kediri/2026/11/pengumuman.pdf"


def test_importing_an_export_again_into_the_same_database_changes_nothing(run, kediri_articles, tmp_path):
    export = tmp_path / "kota-kediri.xml"
    run("export_articles", "--satker", "kota-kediri", "--format", "wxr", "--output", export)
    result = run("import_wordpress", export, "--media-dir", settings.MEDIA_ROOT)
    assert "6 × unchanged since the last import" in result.out
    assert snapshot() == kediri_articles


def test_json_export_lists_every_field_by_name(run, kediri_articles):
    result = run("export_articles", "--satker", "kota-kediri", "--format", "json")
    document = json.loads(result.out)
    assert document["format"] == "kpu-news-articles" and document["satker"] == "kota-kediri"
    pleno = next(a for a in document["articles"] if a["source_key"] == "wp:101")
    assert pleno["view_count"] == 245
    assert pleno["divisions"] == ["Teknis Penyelenggaraan"]
    assert pleno["featured_image"] == "impor/kota-kediri/2023/08/pleno-dpt.jpg"
    assert pleno["published_at"] == "2023-08-07T08:00:00+00:00"


def test_wxr_export_is_a_wordpress_export_with_posts_and_attachments(run, kediri_articles, tmp_path):
    from news.importers.wordpress import read_export

    export = tmp_path / "kota-kediri.xml"
    run("export_articles", "--satker", "kota-kediri", "--format", "wxr", "--output", export)
    items = read_export(export).items
    types = sorted(item.fields["wp:post_type"] for item in items)
    assert types == ["attachment"] * 4 + ["post"] * 6
    posts = [item.fields for item in items if item.fields["wp:post_type"] == "post"]
    statuses = {post["title"]: post["wp:status"] for post in posts}
    assert statuses["Jadwal Bimbingan Teknis KPPS Pekan Depan"] == "future"
    assert statuses["Arsip Pengumuman Seleksi PPK"] == "private"
    assert statuses["Naskah Menunggu Tinjauan"] == "pending"


def test_export_of_an_unknown_satker_is_an_operator_error(run):
    result = run("export_articles", "--satker", "kota-kedir", "--format", "json")
    assert result.failed
    assert "Unknown satker 'kota-kedir'. Did you mean kota-kediri" in result.err


def test_json_article_naming_an_unknown_division_fails_alone(run, kediri_articles, tmp_path):
    export = tmp_path / "kota-kediri.json"
    run("export_articles", "--satker", "kota-kediri", "--format", "json", "--output", export)
    document = json.loads(export.read_text())
    document["articles"][0]["divisions"] = ["Divisi Yang Tidak Ada"]
    document["satker"] = "kota-blitar"
    export.write_text(json.dumps(document))
    result = run("import_wordpress", export)
    assert result.failed
    assert "unknown division 'Divisi Yang Tidak Ada'" in result.out
    assert Article.objects.filter(satker__slug="kota-blitar").count() == 5


def test_export_to_standard_output_is_the_same_document_as_to_a_file(run, kediri_articles, tmp_path):
    for fmt in ("json", "wxr"):
        export = tmp_path / f"export.{fmt}"
        run("export_articles", "--satker", "kota-kediri", "--format", fmt, "--output", export)
        assert run("export_articles", "--satker", "kota-kediri", "--format", fmt).out == export.read_text()


def test_attachment_that_is_no_pdf_fails_that_article(run, kediri_articles, tmp_path):
    export = tmp_path / "kota-kediri.json"
    run("export_articles", "--satker", "kota-kediri", "--format", "json", "--output", export)
    old_media = tmp_path / "old-media"
    shutil.copytree(settings.MEDIA_ROOT, old_media)
    shutil.rmtree(settings.MEDIA_ROOT)
    Article.objects.all().delete()
    (old_media / "lampiran/kota-kediri/2026/11/pengumuman.pdf").write_text("<html>bukan pdf</html>")
    result = run("import_wordpress", export, "--media-dir", old_media)
    assert result.failed
    assert "pengumuman.pdf: not a PDF of at most 20 MB" in result.out
    assert not Article.objects.filter(title="Arsip Pengumuman Seleksi PPK").exists()
    assert Article.objects.filter(satker__slug="kota-kediri").count() == 5
