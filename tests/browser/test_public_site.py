"""The public site in headless Chromium: phone and desktop widths, copy link, accessibility."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from news.models import ArticleImage
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [390, 1280]


@pytest.fixture
def news(directory, settings, image_file):
    settings.SERVE_MEDIA = True
    division = DivisionFactory(name="Teknis Penyelenggaraan Uji")
    articles = [
        ArticleFactory(
            title=f"Bimbingan Teknis KPPS Gelombang {n}",
            lead="Petugas KPPS berlatih mengisi formulir hasil penghitungan suara.",
            body="<p>Bimbingan teknis diikuti anggota PPK dan PPS.</p><p>Materi meliputi tata cara pemungutan.</p>",
            satker=satker("kota-kediri" if n % 2 else "kota-jayapura"),
            featured_image=image_file(1200, 675),
            featured_image_alt="Peserta bimbingan teknis",
            featured_image_caption="Dokumentasi KPU",
            divisions=[division],
            tags=["bimtek", "kpps"],
            editor_credit="Ed: Asa",
        )
        for n in range(8)
    ]
    ArticleImage.objects.create(article=articles[-1], image=image_file(), alt_text="Suasana kelas", caption="Kelas A")
    return articles


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_home_listing_and_article_render_and_pass_axe(live_server, page_at, screenshot, news, width):
    page = page_at(width)
    pages = {
        "home": reverse("home"),
        "listing": reverse("news:article_list"),
        "article": news[-1].get_absolute_url(),
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        screenshot(page, f"public-{name}-{width}")
        assert serious_violations(page) == [], name
    assert page.locator("h1").inner_text() == news[-1].title
    assert page.locator(".article-figure img").evaluate("img => img.complete && img.naturalWidth") > 0


def test_copy_link_button_copies_the_canonical_url(live_server, browser, news):
    context = browser.new_context(viewport={"width": 390, "height": 860})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + news[0].get_absolute_url())
    page.get_by_role("button", name="Salin tautan").click()
    page.get_by_text("Tautan disalin.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == news[0].get_canonical_url()
    context.close()


def test_pages_work_without_javascript(live_server, browser, news):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("news:article_list"))
    page.get_by_label("Kata kunci").fill("Gelombang 3")
    page.get_by_role("button", name="Cari", exact=True).click()
    assert page.locator(".card-title").all_inner_texts() == ["Bimbingan Teknis KPPS Gelombang 3"]
    assert page.locator(".share-copy").is_hidden()
    context.close()
