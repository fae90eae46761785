"""Stored names are ours: the extension comes from the format found in the content (images as
Pillow wrote them, PDFs by their `%PDF-` header), never from the name sent; the base name is a
safe slug of it. Whatever else is sent is refused in Indonesian, never a 500."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article
from satker.models import Role
from tests.factories import ArticleFactory, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db
HTML_TAIL = b"<html><script>alert(document.cookie)</script></html>"


def image(fmt="GIF", tail=b""):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (163, 20, 28)).save(buffer, fmt)
    return buffer.getvalue() + tail


def upload(name, content, content_type="image/gif"):
    return SimpleUploadedFile(name, content, content_type)


@pytest.fixture
def editor(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    return client


def stored_files(settings):
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


@pytest.mark.parametrize("name", ["x.ps", "x.pdf", "x.jpg", "x.tiff", "x.PNG"])
def test_a_featured_gif_with_an_html_tail_is_stored_as_a_gif_whatever_its_name(editor, name):
    data = article_form_data(featured_image=upload(name, image(tail=HTML_TAIL)), featured_image_alt="Foto")
    assert editor.post(reverse("admin:news_article_add"), data).status_code == 302
    stored = Article.objects.get().featured_image
    assert stored.name.startswith("artikel/kota-kediri/") and stored.name.endswith("/x.gif")
    assert HTML_TAIL not in Path(stored.path).read_bytes()


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.php", "x"])
def test_a_featured_image_named_as_no_image_is_refused_in_indonesian(editor, settings, name):
    data = article_form_data(featured_image=upload(name, image(tail=HTML_TAIL)), featured_image_alt="Foto")
    response = editor.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "Ekstensi berkas" in " ".join(response.context["adminform"].form.errors["featured_image"])
    assert not Article.objects.exists() and not stored_files(settings)


def test_a_featured_png_named_jpg_is_stored_as_png(editor):
    photo = upload("Foto Rapat.JPG", image("PNG"), "image/jpeg")
    data = article_form_data(featured_image=photo, featured_image_alt="x")
    editor.post(reverse("admin:news_article_add"), data)
    assert Article.objects.get().featured_image.name.endswith("/foto-rapat.png")


def test_a_gallery_image_gets_the_extension_of_its_format(editor):
    article = ArticleFactory(status="draft", published_at=None)
    data = article_form_data(
        title=article.title, slug=article.slug,
        **{"images-TOTAL_FORMS": "1", "images-0-image": upload("galeri.jpeg", image("WEBP"), "image/jpeg"),
           "images-0-alt_text": "Suasana", "images-0-position": "0"},
    )  # fmt: skip
    assert editor.post(reverse("admin:news_article_change", args=[article.pk]), data).status_code == 302
    assert article.images.get().image.name.endswith("/galeri.webp")


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.php.gif", "../../x.html"])
def test_an_editor_upload_is_stored_with_the_extension_of_its_format(editor, settings, name):
    answer = editor.post(reverse("ckeditor_upload"), {"upload": upload(name, image(tail=HTML_TAIL))}).json()
    assert answer["uploaded"] == 1
    [stored] = stored_files(settings)
    assert stored.suffix == ".gif" and answer["url"].endswith(".gif")


def test_an_editor_upload_that_is_html_is_refused_in_indonesian(editor, settings):
    answer = editor.post(reverse("ckeditor_upload"), {"upload": upload("x.gif", HTML_TAIL, "image/gif")}).json()
    assert answer["uploaded"] == 0 and "bukan gambar" in answer["error"]["message"]
    assert not stored_files(settings)


def test_a_pdf_attachment_is_stored_under_a_slug_ending_in_pdf(editor):
    pdf = SimpleUploadedFile("SK Penetapan (final).PDF", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    data = article_form_data(kind="pengumuman", attachment=pdf)
    assert editor.post(reverse("admin:news_article_add"), data).status_code == 302
    assert Article.objects.get().attachment.name.endswith("/sk-penetapan-final.pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sk.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF yang sah"),
        ("sk.pdf", image(tail=b"%PDF-1.7"), "bukan PDF yang sah"),
        ("sk.html", b"%PDF-1.7\n%%EOF\n", "harus berkas PDF"),
    ],
)
def test_an_attachment_that_is_no_pdf_is_refused_in_indonesian(editor, settings, name, content, message):
    data = article_form_data(kind="pengumuman", attachment=SimpleUploadedFile(name, content, "application/pdf"))
    response = editor.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["attachment"])
    assert not Article.objects.exists() and not stored_files(settings)
