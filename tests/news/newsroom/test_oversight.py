"""The KPU Provinsi / KPU RI dashboard: activity of the satker below, "tidak aktif" after 30 days."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from news.newsroom.oversight import activity_rows, overseen_satker
from satker.models import Satker
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db
URL = staticmethod(lambda: reverse("admin:news_oversight"))


def days_ago(n):
    return timezone.now() - timedelta(days=n)


@pytest.fixture
def jatim_activity():
    ArticleFactory(satker=satker("kota-kediri"), published_at=days_ago(2))
    ArticleFactory(satker=satker("kota-kediri"), published_at=days_ago(60))
    ArticleFactory(satker=satker("kota-surabaya"), published_at=days_ago(45))
    ArticleFactory(satker=satker("kota-surabaya"), status=Status.DRAFT, published_at=days_ago(1))


def row_for(rows, slug):
    return next(row for row in rows if row.satker.slug == slug)


def test_counts_last_30_and_90_days_and_marks_inactive(jatim_activity):
    rows = activity_rows(Satker.objects.filter(parent__slug="prov-jawa-timur"))
    kediri, surabaya = row_for(rows, "kota-kediri"), row_for(rows, "kota-surabaya")
    assert (kediri.last_30, kediri.last_90, kediri.inactive) == (1, 2, False)
    # The draft does not count: only what readers could see.
    assert (surabaya.last_30, surabaya.last_90, surabaya.inactive) == (0, 1, True)
    assert row_for(rows, "kab-pacitan").last_published is None and row_for(rows, "kab-pacitan").inactive


def test_a_satker_becomes_inactive_on_day_31(time_machine):
    article = ArticleFactory(published_at=timezone.now())
    satker_qs = Satker.objects.filter(pk=article.satker_id)
    time_machine.move_to(timezone.now() + timedelta(days=29), tick=False)
    assert not activity_rows(satker_qs)[0].inactive
    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    assert activity_rows(satker_qs)[0].inactive


def test_a_province_sees_its_kabupaten_kota_marked(client, province_editor, jatim_activity):
    client.force_login(province_editor)
    page = client.get(URL())
    assert page.status_code == 200
    slugs = {row.satker.slug for row in page.context["rows"]}
    assert len(slugs) == 38 and "kota-kediri" in slugs and "kota-bandung" not in slugs
    assert "tidak aktif" in page.text


def test_the_dashboard_sorts_by_activity(client, province_editor, jatim_activity):
    client.force_login(province_editor)
    rows = client.get(URL(), {"urut": "-30"}).context["rows"]
    assert rows[0].satker.slug == "kota-kediri"
    assert client.get(URL(), {"urut": "tanggal; drop"}).status_code == 400


def test_the_dashboard_exports_csv(client, province_editor, jatim_activity):
    client.force_login(province_editor)
    response = client.get(URL(), {"format": "csv", "urut": "-90"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Satker"
    assert rows[1][0] == "KPU Kota Kediri" and rows[1][3] == "2" and rows[1][5] == "aktif"
    assert len(rows) == 39


def test_ri_and_the_superadmin_see_every_province_and_regency(superadmin):
    assert overseen_satker(superadmin).count() == 552


def test_a_kabupaten_kota_has_no_dashboard(client, editor):
    client.force_login(editor)
    assert client.get(URL()).status_code == 403
