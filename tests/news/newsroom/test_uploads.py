"""Images: only real ones, at most 10 MB, no SVG, no decompression bombs; EXIF gone, orientation kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article
from tests.factories import ArticleFactory

from .conftest import article_form_data, gps_exif, image_bytes

pytestmark = pytest.mark.django_db
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type)


def bomb_png():
    """A small PNG file of 8000 x 8000 pixels (64 megapixels), a few kilobytes on disk."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    return buffer.getvalue()


def post_featured(client, file, alt="Foto rapat"):
    data = article_form_data(featured_image=file, featured_image_alt=alt)
    return client.post(reverse("admin:news_article_add"), data)


def test_a_phone_photo_is_stored_without_its_gps_position(client, editor):
    client.force_login(editor)
    response = post_featured(client, upload("IMG_2024.jpg", image_bytes(exif=gps_exif())))
    assert response.status_code == 302
    article = Article.objects.get()
    with Image.open(article.featured_image.path) as stored:
        assert not stored.getexif()
    assert article.featured_image.name.startswith("artikel/kota-kediri/")


def test_a_rotated_phone_photo_is_stored_upright(client, editor):
    client.force_login(editor)
    # Orientation 6: the camera held upright, pixels stored sideways (64 wide, 48 high).
    post_featured(client, upload("tegak.jpg", image_bytes(size=(64, 48), exif=gps_exif(orientation=6))))
    article = Article.objects.get()
    assert (article.featured_image_width, article.featured_image_height) == (48, 64)


def test_webp_renditions_are_made_for_the_srcset(client, editor):
    client.force_login(editor)
    post_featured(client, upload("lebar.png", image_bytes("PNG", size=(1000, 500)), "image/png"))
    article = Article.objects.get()
    assert "-480w.webp 480w" in article.featured_srcset()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("catatan.jpg", b"ini bukan gambar", "Unggah gambar yang valid"),
        ("logo.svg", SVG, "Unggah gambar yang valid"),
        ("bom.png", None, "megapiksel"),
        ("besar.jpg", None, "10 MB"),
    ],
)
def test_a_bad_featured_image_is_refused_with_a_clear_message(client, editor, name, content, message):
    if name == "bom.png":
        content = bomb_png()
    if name == "besar.jpg":
        content = image_bytes() + b"\0" * (10 * 1024 * 1024)
    client.force_login(editor)
    response = post_featured(client, upload(name, content))
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["adminform"].form.errors.get("featured_image", []))
    assert message.lower() in errors.lower()
    assert not Article.objects.exists()


def test_a_featured_image_needs_alt_text(client, editor):
    client.force_login(editor)
    response = post_featured(client, upload("foto.jpg", image_bytes()), alt="")
    assert "Teks alternatif wajib diisi" in response.text
    assert not Article.objects.exists()


def test_a_gallery_image_is_checked_and_stripped_too(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    data = article_form_data(
        title=article.title, slug=article.slug, status="published",
        published_at_0=article.published_at.strftime("%Y-%m-%d"), published_at_1="00:00:00",
        **{
            "images-TOTAL_FORMS": "2", "images-0-image": upload("galeri.jpg", image_bytes(exif=gps_exif())),
            "images-0-alt_text": "Suasana rapat", "images-0-position": "0",
            "images-1-image": upload("galeri.svg", SVG, "image/svg+xml"), "images-1-alt_text": "x",
            "images-1-position": "1",
        },
    )  # fmt: skip
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 200  # the SVG stops the whole save
    assert article.images.count() == 0
    data["images-TOTAL_FORMS"] = "1"
    data["images-0-image"] = upload("galeri.jpg", image_bytes(exif=gps_exif()))
    assert client.post(reverse("admin:news_article_change", args=[article.pk]), data).status_code == 302
    with Image.open(article.images.get().image.path) as stored:
        assert not stored.getexif()


class TestEditorUpload:
    url = staticmethod(lambda: reverse("ckeditor_upload"))

    def test_an_editor_upload_is_stored_per_satker_and_month_without_exif(self, client, editor):
        client.force_login(editor)
        response = client.post(self.url(), {"upload": upload("Foto HP.jpg", image_bytes(exif=gps_exif()))})
        body = response.json()
        assert body["uploaded"] == 1
        assert "/editor/kota-kediri/" in body["url"]
        from django.conf import settings

        stored = settings.MEDIA_ROOT / body["url"].removeprefix(settings.MEDIA_URL)
        with Image.open(stored) as image:
            assert not image.getexif()

    def test_a_non_image_is_refused_with_an_indonesian_message(self, client, editor):
        client.force_login(editor)
        body = client.post(self.url(), {"upload": upload("virus.jpg", b"MZ\x90\x00")}).json()
        assert body == {"uploaded": 0, "error": {"message": "Berkas ini bukan gambar yang valid."}}

    def test_an_svg_is_refused(self, client, editor):
        client.force_login(editor)
        body = client.post(self.url(), {"upload": upload("x.svg", SVG, "image/svg+xml")}).json()
        assert body["uploaded"] == 0 and "SVG" in body["error"]["message"]

    def test_an_anonymous_upload_is_refused(self, client):
        response = client.post(self.url(), {"upload": upload("a.jpg", image_bytes())})
        assert response.status_code == 403

    def test_an_upload_without_the_csrf_token_is_refused(self, editor):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        assert client.post(self.url(), {"upload": upload("a.jpg", image_bytes())}).status_code == 403

    def test_an_upload_with_the_csrf_header_is_accepted(self, editor):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        client.get(reverse("admin:news_article_add"))
        token = client.cookies["csrftoken"].value
        response = client.post(self.url(), {"upload": upload("a.jpg", image_bytes())}, HTTP_X_CSRFTOKEN=token)
        assert response.json()["uploaded"] == 1

    def test_a_get_is_not_allowed(self, client, editor):
        client.force_login(editor)
        assert client.get(self.url()).status_code == 405
