from datetime import date

import pytest
from django.urls import reverse

from news.commissioners.models import Position
from tests.budgets import COMMISSIONER_PAGE, LISTING
from tests.factories import DivisionFactory, satker

from .conftest import KEDIRI, CommissionerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    teknis, hukum = DivisionFactory(name="Teknis Uji", position=1), DivisionFactory(name="Hukum Uji", position=2)
    return {
        "member": CommissionerFactory(name="Bambang Anggota", division=hukum),
        "chair": CommissionerFactory(name="Ratna Ketua", position=Position.CHAIR, division=teknis),
        "secretary": CommissionerFactory(name="Agus Sekretaris", position=Position.SECRETARY, division=None),
        "former": CommissionerFactory(
            name="Hendra Lama", division=teknis, term_start=date(2018, 10, 24), term_end=date(2023, 10, 23)
        ),
        "elsewhere": CommissionerFactory(name="Orang Bandung", satker=satker("kota-bandung"), division=teknis),
    }


def test_komisioner_page_lists_the_chair_first_and_the_secretary_apart(
    client, board, warm_directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(COMMISSIONER_PAGE):
        page = client.get(reverse("commissioners:commissioner_list"), **KEDIRI).text
    members, secretariat = page.split("Sekretariat</h2>")
    assert members.index("Ratna Ketua") < members.index("Bambang Anggota")
    assert "Agus Sekretaris" in secretariat and "Agus Sekretaris" not in members
    assert "Hendra Lama" not in page  # an earlier term
    assert "Orang Bandung" not in page  # another satker's


def test_history_page_shows_earlier_terms_by_period(client, board, warm_directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(COMMISSIONER_PAGE):
        page = client.get(reverse("commissioners:commissioner_history"), **KEDIRI).text
    assert "Periode 2018–2023" in page and "Hendra Lama" in page
    assert "Ratna Ketua" not in page and "Orang Bandung" not in page


def test_national_portal_shows_kpu_ri_commissioners(client, board):
    CommissionerFactory(name="Ketua Nasional", satker=satker("ri"), position=Position.CHAIR)
    page = client.get(reverse("commissioners:commissioner_list")).text
    assert "Ketua Nasional" in page and "Ratna Ketua" not in page


def test_a_new_commissioner_shows_at_once_despite_the_page_cache(client, board, settings):
    settings.PAGE_CACHE_SECONDS = 60
    url = reverse("commissioners:commissioner_list")
    assert "Baru Dilantik" not in client.get(url, **KEDIRI).text
    CommissionerFactory(name="Baru Dilantik")
    assert "Baru Dilantik" in client.get(url, **KEDIRI).text


def test_division_page_names_who_led_it_at_this_satker_and_when(client, board, django_assert_max_num_queries):
    division = board["chair"].division
    with django_assert_max_num_queries(LISTING + 1):
        page = client.get(reverse("news:division_detail", args=[division.slug]), **KEDIRI).text
    leaders = page.split("Dipimpin oleh")[1].split("</section>")[0]
    assert "Ratna Ketua" in leaders and "2023–2028" in leaders
    assert "Hendra Lama" in leaders and "2018–2023" in leaders
    assert leaders.index("Ratna Ketua") < leaders.index("Hendra Lama")  # newest term first
    assert "Orang Bandung" not in page


def test_menu_links_to_komisioner_and_tahapan(client):
    page = client.get(reverse("home"), **KEDIRI).text
    assert f'href="{reverse("commissioners:commissioner_list")}"' in page
    assert f'href="{reverse("elections:stage_list")}"' in page
