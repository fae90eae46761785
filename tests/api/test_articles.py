from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import ArticleImage, Kind, Status
from tests.api.conftest import titles
from tests.budgets import API_ARTICLE_DETAIL, API_ARTICLE_LIST
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_articles_newest_first(api):
    ArticleFactory(title="Lama", published_at=timezone.now() - timedelta(days=2))
    ArticleFactory(title="Baru", published_at=timezone.now() - timedelta(hours=1))
    assert titles(api("article_list")) == ["Baru", "Lama"]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.ARCHIVED},
        {"published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_an_article_the_public_may_not_see_is_neither_listed_nor_found_by_id(api, hidden):
    ArticleFactory(title="Terbit")
    secret = ArticleFactory(title="Rahasia", **hidden)
    assert titles(api("article_list")) == ["Terbit"]
    body = api("article_detail", secret.pk, status=404)
    assert body["error"]["code"] == "not_found"


def test_a_scheduled_article_appears_when_its_time_comes(api, time_machine):
    article = ArticleFactory(title="Terjadwal", published_at=timezone.now() + timedelta(hours=1))
    api("article_detail", article.pk, status=404)
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert api("article_detail", article.pk)["title"] == "Terjadwal"


def test_the_detail_carries_everything_a_republisher_needs(api, image_file):
    division = DivisionFactory(name="Divisi Uji Teknis", slug="uji-teknis")
    article = ArticleFactory(
        title="Rapat Pleno DPT",
        lead="Ringkasan.",
        body="<p>Isi <strong>tebal</strong></p><script>alert(1)</script>",
        kind=Kind.ANNOUNCEMENT,
        divisions=[division],
        tags=["pemilu", "dpt"],
        featured_image=image_file(1000, 500),
        featured_image_alt="Suasana rapat",
        featured_image_caption="Rapat di aula",
    )
    ArticleImage.objects.create(article=article, image=image_file(600, 400, "galeri.jpg"), alt_text="Galeri")
    body = api("article_detail", article.pk)
    assert body["title"] == "Rapat Pleno DPT"
    assert body["kind"] == "pengumuman"
    assert body["satker"] == {"slug": "kota-kediri", "name": article.satker.name, "level": "kota"}
    assert body["body"] == "<p>Isi <strong>tebal</strong></p>"
    assert body["divisions"] == [{"slug": "uji-teknis", "name": "Divisi Uji Teknis"}]
    assert sorted(tag["slug"] for tag in body["tags"]) == ["dpt", "pemilu"]
    assert body["canonical_url"] == article.get_canonical_url()
    assert {link["network"] for link in body["share_links"]} == {"facebook", "x", "whatsapp", "telegram"}
    image = body["featured_image"]
    assert image["alt"] == "Suasana rapat" and image["caption"] == "Rapat di aula"
    assert (image["width"], image["height"]) == (1000, 500)
    assert [r["width"] for r in image["renditions"]] == [480, 800]
    assert image["renditions"][0]["url"].endswith("-480w.webp")
    assert image["url"].startswith("http")
    assert [(i["alt"], [r["width"] for r in i["renditions"]]) for i in body["images"]] == [("Galeri", [480])]


@pytest.mark.parametrize(
    ("slug", "offset", "label"),
    [("kota-kediri", "+07:00", "WIB"), ("kota-makassar", "+08:00", "WITA"), ("kota-jayapura", "+09:00", "WIT")],
)
def test_times_are_in_the_satkers_own_zone_with_its_name(api, slug, offset, label):
    article = ArticleFactory(satker=satker(slug), published_at=timezone.now() - timedelta(hours=1))
    body = api("article_detail", article.pk)
    assert body["published_at"].endswith(offset)
    assert body["updated_at"].endswith(offset)
    assert body["time_zone_label"] == label
    assert body["time_zone"] == satker(slug).time_zone
    local = timezone.datetime.fromisoformat(body["published_at"])
    assert local == article.published_at


def test_an_unknown_or_huge_id_is_a_json_404(api, client):
    api("article_detail", 999999, status=404)
    response = client.get("/api/v1/articles/99999999999999999999999/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_the_list_needs_a_fixed_number_of_queries_however_many_tags_and_images(
    api, django_assert_max_num_queries, image_file
):
    divisions = DivisionFactory.create_batch(3)
    for number in range(10):
        article = ArticleFactory(divisions=divisions, tags=[f"tag-{number}-{i}" for i in range(5)])
        for position in range(3):
            ArticleImage.objects.create(article=article, image=image_file(300, 200), alt_text="x", position=position)
    with django_assert_max_num_queries(API_ARTICLE_LIST):
        body = api("article_list", divisi=divisions[0].slug)
    assert len(body["results"]) == 10
    assert all(len(item["images"]) == 3 and len(item["tags"]) == 5 for item in body["results"])


def test_the_detail_needs_a_fixed_number_of_queries(api, django_assert_max_num_queries, image_file):
    article = ArticleFactory(divisions=DivisionFactory.create_batch(4), tags=[f"t{i}" for i in range(8)])
    for _ in range(4):
        ArticleImage.objects.create(article=article, image=image_file(300, 200), alt_text="x")
    with django_assert_max_num_queries(API_ARTICLE_DETAIL):
        api("article_detail", article.pk)


def test_a_repeated_request_is_answered_from_the_cache_and_a_change_shows_at_once(api, django_assert_num_queries):
    article = ArticleFactory(title="Pertama")
    api("article_list")
    with django_assert_num_queries(0):
        assert titles(api("article_list")) == ["Pertama"]
    article.title = "Diperbaiki"
    article.save()
    assert titles(api("article_list")) == ["Diperbaiki"]


def test_a_cached_list_takes_in_a_scheduled_article_when_its_time_comes(api, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(title="Terbit")
    ArticleFactory(title="Terjadwal", published_at=timezone.now() + timedelta(minutes=5))
    assert titles(api("article_list")) == ["Terbit"]
    time_machine.move_to(timezone.now() + timedelta(minutes=5, seconds=1), tick=False)
    assert titles(api("article_list")) == ["Terjadwal", "Terbit"]
