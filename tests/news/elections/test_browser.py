"""The Tahapan page in headless Chromium: phone and desktop widths, without JavaScript, axe-core."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from .conftest import ElectionFactory, StageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def schedule(directory):
    today = timezone.localdate()
    pemilu = ElectionFactory(name="Pemilu Uji Browser", voting_day=today + timedelta(days=120))
    for n, (start, end) in enumerate([(-300, -100), (-20, 40), (41, 100), (101, 119), (120, 121)]):
        StageFactory(
            election=pemilu,
            name=f"Tahapan uji dengan nama yang cukup panjang nomor {n + 1}",
            start=today + timedelta(days=start),
            end=today + timedelta(days=end),
            description="Keterangan tahapan untuk pemilih." if n == 1 else "",
        )
    past = ElectionFactory(name="Pemilu Uji Lama", voting_day=today - timedelta(days=900))
    StageFactory(election=past, start=today - timedelta(days=950), end=today - timedelta(days=901))
    return pemilu


@pytest.mark.parametrize("width", [390, 1280])
def test_tahapan_page_fits_the_screen_and_passes_axe(live_server, page_at, screenshot, schedule, width):
    page = page_at(width)
    response = page.goto(live_server.url + reverse("elections:stage_list"))
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "120 hari" in page.locator(".countdown").first.inner_text()
    screenshot(page, f"tahapan-{width}")
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_tahapan_page_works_without_javascript(live_server, browser, schedule):
    context = browser.new_context(viewport={"width": 390, "height": 860}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("elections:stage_list"))
    assert "nomor 2" in page.locator('[aria-current="step"]').inner_text()
    page.locator("summary", has_text="Pemilu Uji Lama").click()  # past elections open without script
    assert page.locator(".past-election .timeline").is_visible()
    context.close()
