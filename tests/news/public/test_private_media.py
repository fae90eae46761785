"""/media/: an article's files reach anonymous readers only while the article is public (a
scheduled one's from its time on, with no save); staff who may read its satker always get them,
never cached; public ones are cached far into the future; bad paths are 404s, never 500s."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import ArticleImage, Status
from satker.models import Role
from tests.factories import PASSWORD, ArticleFactory, satker, staff_user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"
YEAR = 365 * 24 * 3600


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.SERVE_MEDIA = True


def jpeg(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (900, 500), (163, 20, 28)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def draft(**fields):
    return ArticleFactory(status=Status.DRAFT, published_at=None, **fields)


def announcement(**fields):
    return ArticleFactory(attachment=SimpleUploadedFile("sk-penetapan.pdf", PDF), **fields)


def body(response):
    return b"".join(response.streaming_content)


def login(client, username, satker_slug, role=Role.EDITOR):
    client.force_login(staff_user(username, satker_slug, role))
    return client


def test_a_drafts_pdf_is_a_404_for_anonymous_readers(client):
    article = announcement(status=Status.DRAFT, published_at=None)
    response = client.get(article.attachment.url)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_a_published_articles_pdf_is_served_and_cached_far_into_the_future(client):
    article = announcement()
    response = client.get(article.attachment.url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert f"max-age={YEAR}" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.REVIEW, "published_at": None},
        {"status": Status.ARCHIVED},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["in-review", "archived", "scheduled"],
)
def test_a_not_public_articles_files_are_404s(client, fields):
    article = announcement(featured_image=jpeg(), featured_image_alt="x", **fields)
    rendition = article.featured_srcset().split(" ", 1)[0]
    for url in (article.attachment.url, article.featured_image.url, rendition):
        assert client.get(url).status_code == 404, url


def test_a_scheduled_articles_files_are_served_from_its_time_without_a_save(client):
    article = announcement(published_at=timezone.now() + timedelta(hours=2), featured_image=jpeg())
    assert client.get(article.featured_image.url).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=2, seconds=1)):
        assert client.get(article.featured_image.url).status_code == 200
        assert client.get(article.attachment.url).status_code == 200


def test_a_drafts_gallery_image_and_its_rendition_are_404s_until_published(client):
    article = draft()
    image = ArticleImage.objects.create(article=article, image=jpeg("galeri.jpg"), alt_text="x")
    urls = [image.image.url, image.srcset().split(" ", 1)[0]]
    assert [client.get(url).status_code for url in urls] == [404, 404]
    article.status, article.published_at = Status.PUBLISHED, timezone.now()
    article.save()
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_staff_of_the_satker_get_a_drafts_files_never_cached(client):
    article = announcement(status=Status.DRAFT, published_at=None)
    response = login(client, "editor-kediri", "kota-kediri").get(article.attachment.url)
    assert response.status_code == 200 and body(response) == PDF
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("username", "satker_slug", "status"),
    [
        ("penulis-kediri", "kota-kediri", 200),
        ("editor-jatim", "prov-jawa-timur", 200),  # a province reads its kab/kota
        ("editor-bandung", "kota-bandung", 404),
        ("editor-kabkediri", "kab-kediri", 404),
    ],
)
def test_a_drafts_pdf_goes_only_to_staff_who_may_read_its_satker(client, username, satker_slug, status):
    article = announcement(status=Status.DRAFT, published_at=None)
    role = Role.WRITER if username.startswith("penulis") else Role.EDITOR
    assert login(client, username, satker_slug, role).get(article.attachment.url).status_code == status


def test_a_superadmin_gets_every_drafts_file(client):
    article = announcement(status=Status.DRAFT, published_at=None)
    client.force_login(get_user_model().objects.create_superuser("ri", "ri@kpu.go.id", PASSWORD))
    assert client.get(article.attachment.url).status_code == 200


def test_an_editor_image_is_public_once_a_public_article_of_its_satker_shows_it(client):
    editor = login(client, "editor-kediri", "kota-kediri")
    url = editor.post(reverse("ckeditor_upload"), {"upload": jpeg("sisipan.jpg")}).json()["url"]
    assert editor.get(url).status_code == 200  # the writer sees it in the unsaved draft
    client.logout()
    assert client.get(url).status_code == 404
    article = draft(body=f'<p>Isi.</p><img src="{url}" alt="x">')
    assert client.get(url).status_code == 404
    article.status, article.published_at = Status.PUBLISHED, timezone.now()
    article.save()
    assert client.get(url).status_code == 200


def test_a_superadmins_editor_image_in_another_satkers_article_is_public_with_it(client):
    client.force_login(get_user_model().objects.create_superuser("ri", "ri@kpu.go.id", PASSWORD))
    url = client.post(reverse("ckeditor_upload"), {"upload": jpeg("sisipan.jpg")}).json()["url"]
    client.logout()
    ArticleFactory(body=f'<p>Isi.</p><img src="{url}" alt="x">')  # Kota Kediri's
    assert client.get(url).status_code == 200


def test_an_imported_inline_image_follows_its_article(client):
    name = default_storage.save("impor/kota-kediri/2023/08/pleno.jpg", ContentFile(jpeg().read()))
    url = default_storage.url(name)
    article = draft(body=f'<p><img src="{url}" alt="x"></p>')
    assert client.get(url).status_code == 404
    article.status, article.published_at = Status.PUBLISHED, timezone.now()
    article.save()
    assert client.get(url).status_code == 200


def test_another_satkers_public_article_does_not_open_a_drafts_file(client):
    article = announcement(status=Status.DRAFT, published_at=None)
    ArticleFactory(satker=satker("kota-bandung"), body=f'<a href="{article.attachment.url}">SK</a>')
    assert client.get(article.attachment.url).status_code == 404


def test_files_outside_the_article_folders_are_public(client):
    name = default_storage.save("satker/logo/kediri.png", ContentFile(b"\x89PNG\r\n"))
    response = client.get(default_storage.url(name))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_file_of_a_type_not_stored_any_more_downloads_instead_of_rendering(client):
    name = default_storage.save("artikel/kota-kediri/2024/01/lama.html", ContentFile(b"<script>alert(1)</script>"))
    ArticleFactory(featured_image=name)
    response = client.get(default_storage.url(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream" and response["Content-Disposition"] == "attachment"


@pytest.mark.parametrize(
    "path",
    [
        "artikel", "artikel/", "artikel/kota-kediri", "artikel/tidak-ada/2024/01/x.jpg", "../../etc/passwd",
        "artikel/../../../etc/passwd", "lampiran/kota-kediri/2024/01/%00.pdf", "a" * 300,
        "editor/kota-kediri/x/y/z.jpg",
        "editor/kota-kediri/2024/99/z.jpg", "%2e%2e/%2e%2e/etc/passwd", "galeri/kota-kediri/" + "b/" * 2000,
    ],
)  # fmt: skip
def test_a_bad_path_is_a_404_never_a_500(client, path):
    assert client.get("/media/" + path).status_code == 404


def test_a_path_through_another_satkers_folder_gets_nothing_of_its_drafts(client):
    article = announcement(satker=satker("kota-bandung"), status=Status.DRAFT, published_at=None)
    editor = login(client, "editor-kediri", "kota-kediri")
    detour = article.attachment.name.replace("lampiran/kota-bandung/", "lampiran/kota-kediri/../kota-bandung/")
    assert editor.get("/media/" + detour).status_code == 404
    assert editor.get(article.attachment.url).status_code == 404


def test_behind_nginx_a_public_file_is_handed_to_the_internal_location(client, settings):
    settings.SERVE_MEDIA = False
    article = announcement()
    response = client.get(article.attachment.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_media/" + article.attachment.name
    assert f"max-age={YEAR}" in response["Cache-Control"]


def test_behind_nginx_a_drafts_file_is_still_a_404(client, settings):
    settings.SERVE_MEDIA = False
    article = announcement(status=Status.DRAFT, published_at=None)
    response = client.get(article.attachment.url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
