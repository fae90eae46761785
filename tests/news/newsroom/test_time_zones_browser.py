"""In Chromium, editors of a WIB, a WITA and a WIT satker schedule an article a few minutes ahead
in their own local time; it shows that time with its zone everywhere and goes live by itself."""

import os
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from news.models import Article
from satker.models import Role
from tests.factories import PASSWORD, satker, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots"

# (satker, its zone's label, the zone the editor's browser is set to). The Papua editor's laptop
# still runs on Jakarta time: the form must not care.
EDITORS = [
    ("kota-kediri", "WIB", "Asia/Jakarta"),
    ("kota-denpasar", "WITA", "Asia/Makassar"),
    ("prov-papua", "WIT", "Asia/Jakarta"),
]


def open_page(browser, width, browser_zone):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID", timezone_id=browser_zone)
    return context.new_page()


def sign_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def write_article(page, title):
    page.fill("#id_title", title)
    page.fill("#id_lead", "Jadwal rapat pleno terbuka rekapitulasi.")
    editor_frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    editor_frame.locator("body").click()
    editor_frame.locator("body").type("Rapat digelar di kantor KPU.")
    page.select_option("#id_status", "published")


@pytest.mark.parametrize(("slug", "label", "browser_zone"), EDITORS)
def test_an_editor_schedules_in_local_time_and_it_goes_live_by_itself(
    live_server, browser, directory, time_machine, slug, label, browser_zone
):
    unit = satker(slug)
    zone = ZoneInfo(unit.time_zone)
    staff_user(f"editor-{slug}", slug, Role.EDITOR)
    page = open_page(browser, 1280, browser_zone)
    sign_in(page, live_server, f"editor-{slug}")
    page.goto(live_server.url + reverse("admin:news_article_add"))
    title = f"Pleno Terbuka {label}"
    write_article(page, title)

    # The zone stands beside the field, and admin's "your clock is N hours ahead" note is gone.
    field = page.locator("p.zoned-datetime")
    assert field.locator(".zone-label").inner_text() == label
    assert page.locator(".timezonewarning:visible").count() == 0
    assert page.locator("p.zoned-datetime .datetimeshortcuts").count() == 2  # Hari ini, Sekarang

    # "Sekarang" is now in the satker's zone, whatever the browser's clock says.
    field.get_by_text("Sekarang").click()
    shown = page.input_value("#id_published_at_1")
    local_now = timezone.localtime(timezone.now(), zone)
    minutes_apart = abs((int(shown[:2]) * 60 + int(shown[3:5])) - (local_now.hour * 60 + local_now.minute))
    assert min(minutes_apart, 24 * 60 - minutes_apart) <= 1, (shown, local_now)

    # Type the local time a few minutes ahead.
    target = (local_now + timedelta(minutes=3)).replace(second=0, microsecond=0)
    page.fill("#id_published_at_0", target.strftime("%d-%m-%Y"))
    page.fill("#id_published_at_1", target.strftime("%H.%M"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.select_related("satker").get(title=title)
    assert article.published_at == target  # the same moment, stored in UTC
    assert article.is_scheduled()
    # The form shows it back in local time, with the zone.
    assert page.input_value("#id_published_at_1") == target.strftime("%H.%M.%S")
    assert page.locator("p.zoned-datetime .zone-label").inner_text() == label

    listed = dateformat.format(target, "j M Y H.i") + f" {label}"
    page_time = dateformat.format(target, "l, j F Y H.i") + f" {label}"
    page.goto(live_server.url + reverse("admin:news_article_changelist"))
    row = page.locator("#result_list tbody tr", has_text=title)
    assert listed in row.inner_text() and "Terjadwal" in row.inner_text()

    page.goto(live_server.url + reverse("admin:news_article_preview", args=[article.pk]))
    assert page_time in page.locator("main").inner_text()

    reader = open_page(browser, 390, "Asia/Jakarta").context.request
    public_url = live_server.url + article.get_absolute_url()
    api_url = live_server.url + reverse("api:article_detail", args=[article.pk])
    feed_url = live_server.url + reverse("news:satker_feed", args=[slug])
    assert reader.get(public_url).status == 404
    assert reader.get(api_url).status == 404
    assert title not in reader.get(feed_url).text()

    # The clock passes the local time typed: the article is out, with no one touching it.
    time_machine.move_to(target + timedelta(seconds=30), tick=True)
    public = open_page(browser, 390, "Asia/Jakarta")
    assert public.goto(public_url).status == 200
    assert page_time in public.locator("main").inner_text()
    assert reader.get(api_url).json()["published_at"] == target.isoformat()
    feed = reader.get(feed_url).text()
    assert title in feed and target.strftime("%d %b %Y %H:%M:%S %z") in feed
    page.goto(live_server.url + reverse("admin:news_article_changelist"))
    assert "Tayang" in page.locator("#result_list tbody tr", has_text=title).inner_text()


def test_the_add_form_of_a_wit_editor_fits_at_1280_and_390(live_server, browser, directory):
    staff_user("editor-papua", "prov-papua", Role.EDITOR)
    os.makedirs(SHOTS, exist_ok=True)
    for width in (1280, 390):
        page = open_page(browser, width, "Asia/Jayapura")
        sign_in(page, live_server, "editor-papua")
        page.goto(live_server.url + reverse("admin:news_article_add"))
        field = page.locator("p.zoned-datetime")
        field.get_by_text("Sekarang").click()
        field.scroll_into_view_if_needed()
        label = field.locator(".zone-label")
        assert label.inner_text() == "WIT" and label.is_visible()
        box = label.bounding_box()
        assert box["x"] + box["width"] <= width  # the label is on screen, not pushed off the edge
        page.screenshot(path=f"{SHOTS}/h17a-add-form-wit-{width}.png", full_page=True)
        page.locator("fieldset", has=field).screenshot(path=f"{SHOTS}/h17a-publication-wit-{width}.png")
