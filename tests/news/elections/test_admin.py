import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.elections.models import Election, Stage
from news.models import Status
from tests.factories import ArticleFactory, satker

from .conftest import ElectionFactory

pytestmark = pytest.mark.django_db
ADD = "admin:elections_election_add"


def election_form(stage_start="2029-08-27", stage_end="2029-08-29", **changes):
    data = {
        "name": "Pilwali Kediri 2029",
        "voting_day": "2029-11-27",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-name": "Pendaftaran pasangan calon",
        "stages-0-start": stage_start,
        "stages-0-end": stage_end,
        "stages-0-description": "",
    }
    return {**data, **changes}


def test_editor_adds_a_local_election_of_their_own_satker(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ADD), election_form(satker=satker("kota-bandung").pk))
    assert response.status_code == 302
    election = Election.objects.get()
    assert election.satker.slug == "kota-kediri"
    assert election.stages.get().name == "Pendaftaran pasangan calon"


def test_a_stage_ending_before_it_starts_is_an_indonesian_form_error_and_saves_nothing(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ADD), election_form(stage_start="2029-08-29", stage_end="2029-08-27"))
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.text
    assert not Election.objects.exists() and not Stage.objects.exists()


def test_national_and_other_satkers_elections_are_out_of_an_editors_reach(client, editor):
    national = ElectionFactory(name="Pemilu Nasional Rahasia")
    bandung = ElectionFactory(name="Pilwali Bandung Rahasia", satker=satker("kota-bandung"))
    client.force_login(editor)
    listing = client.get(reverse("admin:elections_election_changelist")).text
    assert "Pemilu Nasional Rahasia" not in listing and "Pilwali Bandung Rahasia" not in listing
    for election in (national, bandung):
        response = client.get(reverse("admin:elections_election_change", args=[election.pk]), follow=True)
        assert election.name not in response.text
        client.post(reverse("admin:elections_election_change", args=[election.pk]), election_form(name="Diubah"))
        election.refresh_from_db()
        assert election.name != "Diubah"


def test_superadmin_keeps_national_elections(client, superadmin):
    national = ElectionFactory(name="Pemilu Nasional Uji")
    client.force_login(superadmin)
    assert "Pemilu Nasional Uji" in client.get(reverse("admin:elections_election_changelist")).text
    response = client.post(
        reverse("admin:elections_election_change", args=[national.pk]),
        election_form(name="Pemilu Nasional Uji 2029", **{"stages-INITIAL_FORMS": "0"}),
    )
    assert response.status_code == 302
    national.refresh_from_db()
    assert national.name == "Pemilu Nasional Uji 2029" and national.satker is None


def test_a_stage_cannot_link_another_satkers_draft(client, editor):
    draft = ArticleFactory(satker=satker("kota-bandung"), status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.post(reverse(ADD), election_form(**{"stages-0-article": draft.pk}))
    assert response.status_code == 200
    assert not Election.objects.exists()


def test_a_stage_links_an_own_article(client, editor):
    article = ArticleFactory(satker=satker("kota-kediri"))
    client.force_login(editor)
    assert client.post(reverse(ADD), election_form(**{"stages-0-article": article.pk})).status_code == 302
    assert Stage.objects.get().article == article


def test_a_stage_document_must_be_a_real_pdf(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile("jadwal.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse(ADD), election_form(**{"stages-0-document": fake}))
    assert "Berkas ini bukan PDF yang sah." in response.text
    assert not Election.objects.exists()
    real = SimpleUploadedFile("Jadwal Tahapan (final).pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert client.post(reverse(ADD), election_form(**{"stages-0-document": real})).status_code == 302
    name = Stage.objects.get().document.name
    assert name.startswith("tahapan/kota-kediri/") and name.endswith("jadwal-tahapan-final.pdf")


def test_the_article_picker_of_a_stage_offers_only_own_articles(client, editor):
    own = ArticleFactory(title="Kampanye Kediri Dimulai", satker=satker("kota-kediri"))
    ArticleFactory(title="Kampanye Bandung Dimulai", satker=satker("kota-bandung"))
    client.force_login(editor)
    query = {"app_label": "elections", "model_name": "stage", "field_name": "article", "term": "Kampanye"}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(own.pk)]
