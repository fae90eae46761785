"""The page menu and a page in headless Chromium, at phone and desktop widths: usable without
JavaScript, no sideways scrolling, no serious axe-core violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from news.models import Status
from news.pages.models import Page
from tests.factories import satker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [390, 1280]


@pytest.fixture
def site(directory):
    """KPU Kota Kediri served on the live server's host, with published pages, one with children."""
    kediri = satker("kota-kediri")
    kediri.domain = "localhost"
    kediri.save()
    pages = Page.objects.filter(satker=kediri)
    pages.filter(slug__in=["profil", "visi-dan-misi", "kontak", "maklumat-pelayanan"]).update(status=Status.PUBLISHED)
    profil = pages.get(slug="profil")
    profil.body = (
        "<p>KPU Kota Kediri menyelenggarakan pemilu di wilayah Kota Kediri.</p><h2>Alamat</h2><p>Jl. Contoh 1.</p>"
    )
    profil.save()
    for n, title in enumerate(["Sejarah", "Komisioner Periode 2023-2028"]):
        Page.objects.create(satker=kediri, title=title, parent=profil, order=n, status=Status.PUBLISHED)
    return kediri


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_menu_opens_without_javascript_and_leads_to_a_page(live_server, browser, screenshot, site, width):
    context = browser.new_context(viewport={"width": width, "height": 860}, java_script_enabled=False)
    page = context.new_page()
    assert page.goto(live_server.url + reverse("home")).status == 200
    page.get_by_text("Tentang Kami").click()
    menu = page.locator(".page-menu")
    assert menu.get_by_role("link", name="Sejarah").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"h18a-menu-{width}")
    menu.get_by_role("link", name="Profil").click()
    assert page.locator("h1").inner_text() == "Profil"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"h18a-page-{width}")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_menu_and_a_page_pass_axe(live_server, page_at, site, width):
    page = page_at(width)
    page.goto(live_server.url + reverse("home"))
    page.get_by_text("Tentang Kami").click()
    assert serious_violations(page) == []
    page.goto(live_server.url + reverse("pages:page_detail", args=["profil"]))
    assert serious_violations(page) == []
