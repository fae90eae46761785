"""The newsroom in headless Chromium: an editor writes in CKEditor, uploads, previews, publishes."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image

from news.models import Article, Status
from satker.models import Role
from tests.factories import PASSWORD, ArticleFactory, satker, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Uji Publik Rancangan Daerah Pemilihan Kota Kediri"


def jpeg(tmp_path, name="foto.jpg", size=(1200, 800)):
    path = tmp_path / name
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def sign_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_writes_uploads_previews_and_publishes(
    live_server, page_at, screenshot, directory, tmp_path, settings
):
    settings.SERVE_MEDIA = True
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    page = page_at(1280, 900)
    sign_in(page, live_server, "editor-kediri")

    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "KPU Kota Kediri mengundang warga memberi tanggapan atas rancangan daerah pemilihan.")
    assert "/ 70 karakter" in page.locator(".char-counter").first.inner_text()
    assert "uji-publik-rancangan" in page.input_value("#id_slug")  # the live slug

    # Write in CKEditor's editing frame.
    editor_frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    editor_frame.locator("body").click()
    editor_frame.locator("body").type("Warga dapat menyampaikan tanggapan sampai akhir bulan.")

    # Upload an image through the editor's image dialog (XHR, CSRF header, our upload view).
    page.click(".cke_button__image")
    page.locator(".cke_dialog_tab", has_text="Unggah").click()
    upload_frame = page.frame_locator("iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(str(jpeg(tmp_path)))
    with page.expect_response(lambda r: "/ckeditor/upload/" in r.url) as upload:
        page.locator(".cke_dialog_ui_fileButton").click()
    assert upload.value.json()["uploaded"] == 1
    url_field = page.locator(".cke_dialog_contents input.cke_dialog_ui_input_text").first
    page.wait_for_function("el => el.value.includes('/editor/kota-kediri/')", arg=url_field.element_handle())
    page.locator(".cke_dialog_contents label", has_text="Teks Alternatif").click()
    page.keyboard.type("Peta rancangan dapil")
    page.locator(".cke_dialog_ui_button_ok").click()

    page.set_input_files("#id_featured_image", str(jpeg(tmp_path, "utama.jpg")))
    page.fill("#id_featured_image_alt", "Suasana uji publik")
    screenshot(page, "newsroom-article-form")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get(title=TITLE)
    assert article.status == Status.DRAFT
    assert "/editor/kota-kediri/" in article.body and 'alt="Peta rancangan dapil"' in article.body

    preview = page.context.new_page()
    preview.goto(live_server.url + reverse("admin:news_article_preview", args=[article.pk]))
    assert preview.locator("h1").inner_text() == TITLE
    preview.close()

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "newsroom-article-list")

    page.goto(live_server.url + reverse("news:article_list"))
    assert page.get_by_text(TITLE).count() >= 1


def test_the_oversight_dashboard_marks_inactive_satker(live_server, page_at, screenshot, directory):
    staff_user("editor-jatim", "prov-jawa-timur", Role.EDITOR)
    ArticleFactory(satker=satker("kota-kediri"))
    page = page_at(1280, 900)
    sign_in(page, live_server, "editor-jatim")
    page.goto(live_server.url + reverse("admin:news_oversight") + "?urut=-30")
    first_row = page.locator(".oversight-table tbody tr").first
    assert "KPU Kota Kediri" in first_row.inner_text() and "aktif" in first_row.inner_text()
    assert page.locator(".oversight-table tr.inactive").count() == 37
    screenshot(page, "newsroom-oversight")
    assert get_user_model().objects.filter(username="editor-jatim").exists()
