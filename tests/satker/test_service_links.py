"""Footer service links: national ones on every site, a satker's own after them (same label:
in their place), edited in an admin scoped to the own satker, read from memory, http(s) only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from satker.directory_cache import directory, footer_links
from satker.models import Role, ServiceLink
from tests.budgets import HOME
from tests.factories import satker, staff_user

pytestmark = pytest.mark.django_db
ADD = "admin:satker_servicelink_add"
CHANGELIST = "admin:satker_servicelink_changelist"
NATIONAL = ["Cek DPT Online", "SP4N-LAPOR!", "Open Data KPU"]


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]


def footer(client, slug=None):
    host = satker(slug).domain if slug else "testserver"
    return client.get(reverse("home"), HTTP_HOST=host).text.split('class="site-footer"')[1]


def labels(slug):
    return [link.label for link in footer_links(satker(slug))]


def own_link(slug, label, url, order=0):
    return ServiceLink.objects.create(satker=satker(slug), label=label, url=url, order=order)


@pytest.fixture
def editor(client):
    user = staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    client.force_login(user)
    return user


# --- what readers see --------------------------------------------------------------------------


def test_the_national_links_show_on_the_portal_and_on_every_satker_site(client):
    for page in (footer(client), footer(client, "kab-situbondo"), footer(client, "prov-papua")):
        assert 'href="https://cekdptonline.kpu.go.id/"' in page
        assert "SP4N-LAPOR!" in page and "Open Data KPU" in page


def test_a_satkers_own_links_follow_the_national_ones_on_its_site_only(client):
    own_link("kota-kediri", "Survei Kepuasan (SKM)", "https://s.id/skm-kpu-kediri")
    assert labels("kota-kediri") == [*NATIONAL, "Survei Kepuasan (SKM)"]
    assert 'href="https://s.id/skm-kpu-kediri"' in footer(client, "kota-kediri")
    assert "skm-kpu-kediri" not in footer(client, "kab-kediri")
    assert "skm-kpu-kediri" not in footer(client)


def test_an_own_link_with_a_national_label_takes_its_place(client):
    own_link("kota-kediri", "cek dpt online", "https://kota-kediri.kpu.go.id/cek-dpt")
    links = footer_links(satker("kota-kediri"))
    assert [link.label for link in links] == ["cek dpt online", "SP4N-LAPOR!", "Open Data KPU"]
    assert "cekdptonline.kpu.go.id" not in footer(client, "kota-kediri")
    assert "cekdptonline.kpu.go.id" in footer(client, "kab-kediri")


def test_own_links_keep_the_order_set_by_the_editor():
    own_link("kota-kediri", "WhatsApp", "https://wa.me/6235400000", order=50)
    own_link("kota-kediri", "SKM", "https://s.id/skm", order=40)
    assert labels("kota-kediri")[-2:] == ["SKM", "WhatsApp"]


def test_the_satkers_social_accounts_join_the_list():
    kediri = satker("kota-kediri")
    kediri.instagram_url = "https://instagram.com/kpukotakediri"
    kediri.save()
    assert labels("kota-kediri")[-1] == "Instagram"


def test_an_edited_link_shows_on_the_next_page(client):
    link = own_link("kota-kediri", "SKM", "https://s.id/skm-lama")
    assert "skm-lama" in footer(client, "kota-kediri")
    link.url = "https://s.id/skm-baru"
    link.save()
    page = footer(client, "kota-kediri")
    assert "skm-baru" in page and "skm-lama" not in page
    link.delete()
    assert "skm-baru" not in footer(client, "kota-kediri")


def test_the_links_come_with_the_directory_in_its_one_query(django_assert_num_queries):
    kediri = own_link("kota-kediri", "SKM", "https://s.id/skm").satker
    with django_assert_num_queries(1):
        directory()
    with django_assert_num_queries(0):
        assert [link.label for link in footer_links(kediri)] == [*NATIONAL, "SKM"]


def test_the_home_page_with_links_keeps_its_budget(client, django_assert_max_num_queries):
    for n in range(5):
        own_link("kota-kediri", f"Tautan {n}", f"https://s.id/tautan-{n}")
    with django_assert_max_num_queries(HOME):
        page = footer(client, "kota-kediri")
    assert "Tautan 4" in page


# --- the admin ---------------------------------------------------------------------------------


def test_an_editor_adds_a_link_to_the_own_satker_whatever_the_form_says(client, editor):
    response = client.post(
        reverse(ADD), {"label": "SKM", "url": "https://s.id/skm", "order": 1, "satker": satker("kota-malang").pk}
    )
    assert response.status_code == 302
    assert ServiceLink.objects.get(label="SKM").satker == satker("kota-kediri")


def test_an_editor_sees_the_own_and_national_links_but_not_another_satkers(client, editor):
    own_link("kota-kediri", "SKM Kediri", "https://s.id/skm-kediri")
    malang = own_link("kota-malang", "SKM Malang", "https://s.id/skm-malang")
    page = client.get(reverse(CHANGELIST)).text
    assert "SKM Kediri" in page and "Cek DPT Online" in page
    assert "SKM Malang" not in page
    assert client.get(reverse("admin:satker_servicelink_change", args=[malang.pk])).status_code == 302


def test_an_editor_can_read_but_not_change_or_delete_a_national_link(client, editor):
    national = ServiceLink.objects.get(label="Cek DPT Online")
    url = reverse("admin:satker_servicelink_change", args=[national.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"label": "Diubah", "url": "https://s.id/x", "order": 0})
    assert (
        client.post(reverse("admin:satker_servicelink_delete", args=[national.pk]), {"post": "yes"}).status_code == 403
    )
    national.refresh_from_db()
    assert (national.label, national.url) == ("Cek DPT Online", "https://cekdptonline.kpu.go.id/")


def test_a_province_reads_its_kabupatens_links_but_cannot_change_them(client):
    client.force_login(staff_user("admin-jatim", "prov-jawa-timur", Role.ADMIN))
    malang = own_link("kota-malang", "SKM Malang", "https://s.id/skm-malang")
    assert "SKM Malang" in client.get(reverse(CHANGELIST)).text
    client.post(reverse("admin:satker_servicelink_change", args=[malang.pk]), {"label": "X", "url": "https://x.id/"})
    malang.refresh_from_db()
    assert malang.label == "SKM Malang"


def test_a_writer_cannot_manage_links(client):
    client.force_login(staff_user("penulis-kediri", "kota-kediri", Role.WRITER))
    assert client.get(reverse(ADD)).status_code == 403


def test_a_superadmin_adds_a_national_link_that_every_site_shows(client):
    client.force_login(get_user_model().objects.create_superuser("super", "ri@kpu.go.id", "x"))
    response = client.post(reverse(ADD), {"label": "JDIH KPU", "url": "https://jdih.kpu.go.id/", "order": 40})
    assert response.status_code == 302
    assert ServiceLink.objects.get(label="JDIH KPU").satker is None
    assert labels("kab-situbondo")[-1] == "JDIH KPU"


@pytest.mark.parametrize(
    "bad", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "ftp://kpu.go.id/skm", "data:text/html,hai"]
)
def test_a_non_web_url_is_refused_with_an_indonesian_message(client, editor, bad):
    response = client.post(reverse(ADD), {"label": "SKM", "url": bad, "order": 0})
    assert response.status_code == 200
    assert "Masukkan alamat web lengkap yang diawali http:// atau https://." in response.text
    assert not ServiceLink.objects.filter(label="SKM").exists()


def test_a_bare_host_becomes_an_https_link(client, editor):
    client.post(reverse(ADD), {"label": "SKM", "url": "skm.kpu.go.id/kediri", "order": 0})
    assert ServiceLink.objects.get(label="SKM").url == "https://skm.kpu.go.id/kediri"
