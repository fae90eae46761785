"""A full disk while an image is stored: a clear Indonesian error, the editor's text kept on the
form, and the article as it was (tested against the running site)."""

import errno
import io

import pytest
import requests
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from PIL import Image

from news.models import Article, Revision
from satker.models import Role
from tests.factories import ArticleFactory, staff_user
from tests.news.newsroom.conftest import article_form_data
from tests.ops.conftest import TIMEOUT, csrf_token, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
FULL = "Penyimpanan server penuh"


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device", name)


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (163, 20, 28)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def editor_session(live_server, directory, settings):
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    with requests.Session() as http:
        sign_in(http, live_server.url, "editor-kediri", settings)
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
        yield http


def post_form(http, url, **fields):
    token = csrf_token(http.get(url, timeout=TIMEOUT).text)
    data = article_form_data(csrfmiddlewaretoken=token, **fields)
    files = {"featured_image": ("foto.jpg", jpeg(), "image/jpeg")}
    return http.post(url, data=data, files=files, headers={"Referer": url}, timeout=TIMEOUT, allow_redirects=False)


def test_a_full_disk_on_an_edit_keeps_the_article_and_the_editors_text(live_server, editor_session):
    article = ArticleFactory(title="Judul Lama", featured_image="")
    url = live_server.url + reverse("admin:news_article_change", args=[article.pk])
    response = post_form(
        editor_session, url, title="Judul Baru Yang Diketik", featured_image_alt="Foto", loaded_version="1"
    )
    assert response.status_code == 200
    assert FULL in response.text
    assert "Judul Baru Yang Diketik" in response.text  # still on the form, not lost
    article.refresh_from_db()
    assert (article.title, article.featured_image.name, article.version) == ("Judul Lama", "", 1)
    assert not Revision.objects.filter(article=article).exists()


def test_a_full_disk_on_a_new_article_saves_nothing(live_server, editor_session):
    url = live_server.url + reverse("admin:news_article_add")
    response = post_form(editor_session, url, title="Artikel Baru", featured_image_alt="Foto")
    assert response.status_code == 200 and FULL in response.text
    assert not Article.objects.filter(title="Artikel Baru").exists()


def test_a_full_disk_on_an_editor_upload_answers_ckeditor_with_the_reason(live_server, editor_session):
    url = live_server.url + reverse("ckeditor_upload")
    token = editor_session.cookies["csrftoken"]
    response = editor_session.post(
        url, files={"upload": ("foto.jpg", jpeg(), "image/jpeg")}, headers={"X-CSRFToken": token, "Referer": url},
        timeout=TIMEOUT,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["uploaded"] == 0 and FULL in response.json()["error"]["message"]
