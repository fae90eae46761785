from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from news.models import Article, Status
from tests.factories import ArticleFactory, satker

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_title():
    article = ArticleFactory(title="Rapat Pleno Terbuka DPT Kota Kediri")
    assert article.slug == "rapat-pleno-terbuka-dpt-kota-kediri"


def test_same_title_in_one_satker_gets_a_numbered_slug():
    first = ArticleFactory(title="Bimtek KPPS")
    second = ArticleFactory(title="Bimtek KPPS")
    assert (first.slug, second.slug) == ("bimtek-kpps", "bimtek-kpps-2")


def test_same_slug_is_allowed_in_another_satker():
    kediri = ArticleFactory(title="Bimtek KPPS")
    kabupaten = ArticleFactory(title="Bimtek KPPS", satker=satker("kab-kediri"))
    assert kediri.slug == kabupaten.slug == "bimtek-kpps"


def test_the_database_refuses_a_duplicate_slug_within_a_satker():
    ArticleFactory(slug="sama")
    with pytest.raises(IntegrityError):
        Article.objects.create(satker=satker("kota-kediri"), title="Lain", slug="sama")


def test_slug_stays_when_a_published_title_changes():
    article = ArticleFactory(title="Judul Awal")
    article.title = "Judul Yang Diperbaiki"
    article.save()
    assert article.slug == "judul-awal"


def test_a_title_without_letters_still_gets_a_slug():
    assert ArticleFactory(title="!!!").slug == "artikel"


@pytest.mark.parametrize(
    ("status", "offset", "visible"),
    [
        (Status.PUBLISHED, timedelta(hours=-1), True),
        (Status.PUBLISHED, timedelta(hours=1), False),
        (Status.DRAFT, timedelta(hours=-1), False),
        (Status.REVIEW, timedelta(hours=-1), False),
        (Status.ARCHIVED, timedelta(hours=-1), False),
    ],
)
def test_public_sees_only_published_articles_whose_time_has_come(status, offset, visible):
    article = ArticleFactory(status=status, published_at=timezone.now() + offset)
    assert Article.objects.published().filter(pk=article.pk).exists() is visible


def test_a_scheduled_article_appears_by_itself_when_its_time_comes():
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    assert article.is_scheduled()
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_without_a_time_publishes_now():
    article = ArticleFactory(status=Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_editing_after_publication_marks_the_article_updated():
    article = ArticleFactory()
    assert article.revised_at is None
    article = Article.objects.get(pk=article.pk)
    article.body = "<p>Isi yang diperbaiki.</p>"
    article.save()
    assert article.revised_at is not None


def test_editing_a_draft_does_not_mark_it_updated():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    article = Article.objects.get(pk=article.pk)
    article.body = "<p>Masih draf.</p>"
    article.save()
    assert article.revised_at is None


def test_body_is_sanitized_on_save():
    article = ArticleFactory(body='<p onclick="x()">Halo<script>alert(1)</script></p>')
    assert Article.objects.get(pk=article.pk).body == "<p>Halo</p>"


def test_listing_of_a_province_includes_its_kabupaten_and_kota():
    province = ArticleFactory(satker=satker("prov-jawa-timur"))
    city = ArticleFactory(satker=satker("kota-kediri"))
    elsewhere = ArticleFactory(satker=satker("kota-bandung"))
    found = set(Article.objects.published().for_satker(satker("prov-jawa-timur")))
    assert found == {province, city}
    assert elsewhere in set(Article.objects.published().for_satker(satker("ri")))
