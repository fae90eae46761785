"""The Komisioner page in headless Chromium at phone and desktop widths: no sideways scroll,
photos load, axe-core finds nothing serious."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from news.commissioners.models import Position
from tests.factories import DivisionFactory, satker

from .conftest import CommissionerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board(directory, settings, image_file):
    settings.SERVE_MEDIA = True
    ri = satker("ri")
    divisions = [DivisionFactory(name=f"Divisi Uji Browser {n}", position=n) for n in range(1, 5)]
    people = [
        CommissionerFactory(
            satker=ri,
            name=f"Komisioner Uji Dengan Nama Panjang Sekali {n}, S.H., M.H.",
            position=Position.CHAIR if n == 0 else Position.MEMBER,
            division=divisions[n],
            photo=image_file(300, 400, name=f"foto-{n}.jpg"),
        )
        for n in range(4)
    ]
    CommissionerFactory(satker=ri, name="Sekretaris Uji", position=Position.SECRETARY, division=None)
    return people


@pytest.mark.parametrize("width", [390, 1280])
def test_komisioner_page_fits_the_screen_and_passes_axe(live_server, page_at, screenshot, board, width):
    page = page_at(width)
    response = page.goto(live_server.url + reverse("commissioners:commissioner_list"))
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".person-photo").first.evaluate("img => img.complete && img.naturalWidth") > 0
    screenshot(page, f"komisioner-{width}")
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
