"""Corrections ("Ralat"): dated notes an editor adds under a published article, shown on its page
(in the satker's zone), in its feed entry and as schema.org `correction` in its JSON-LD."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import ArticleCorrection
from satker.models import Role
from tests.budgets import ARTICLE_PAGE, FEED
from tests.factories import ArticleFactory, DivisionFactory, satker, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
FIRST = "Nama narasumber yang benar adalah Siti Aminah, bukan Siti Amina."
SECOND = "Rapat digelar pukul 09.00 WIT, bukan 09.00 WIB."


@pytest.fixture
def corrected():
    article = ArticleFactory(title="Rapat Pleno di Jayapura", satker=satker("kota-jayapura"))
    ArticleCorrection.objects.create(article=article, text=FIRST, noted_at=datetime(2024, 3, 5, 1, 0, tzinfo=UTC))
    ArticleCorrection.objects.create(article=article, text=SECOND, noted_at=datetime(2024, 3, 6, 2, 15, tzinfo=UTC))
    return article


def jsonld(page):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])


def test_article_page_shows_its_corrections_dated_in_the_satker_zone(client, corrected):
    page = client.get(corrected.get_absolute_url()).text
    assert 'id="ralat"' in page and 'href="#ralat"' in page
    assert "Selasa, 5 Maret 2024 10.00 WIT" in page  # 01:00 UTC in Jayapura
    assert page.index(FIRST) < page.index(SECOND)  # oldest first


def test_correction_text_is_shown_as_text_never_as_html(client):
    article = ArticleFactory()
    ArticleCorrection.objects.create(article=article, text="<script>alert(1)</script> & benar")
    page = client.get(article.get_absolute_url()).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; benar" in page


def test_corrections_cost_one_query_however_many(client, django_assert_max_num_queries):
    article = ArticleFactory(divisions=DivisionFactory.create_batch(2), tags=["pemilu", "dpt"])
    ArticleFactory.create_batch(3, divisions=[article.divisions.first()])
    for n in range(6):
        ArticleCorrection.objects.create(article=article, text=f"Ralat nomor {n}.")
    with django_assert_max_num_queries(ARTICLE_PAGE):
        response = client.get(article.get_absolute_url())
    assert response.text.count("</time>: Ralat nomor") == 6


def test_an_article_without_corrections_reads_none(client, django_assert_num_queries):
    article = ArticleFactory()
    client.get(article.get_absolute_url())  # the directory is loaded by now
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page = client.get(article.get_absolute_url()).text
    assert 'id="ralat"' not in page
    assert not any('"news_articlecorrection"."text"' in query["sql"] for query in captured.captured_queries)


def test_jsonld_carries_each_correction_as_a_correction_comment(client, corrected):
    data = jsonld(client.get(corrected.get_absolute_url()).text)
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": FIRST, "datePublished": "2024-03-05T01:00:00+00:00"},
        {"@type": "CorrectionComment", "text": SECOND, "datePublished": "2024-03-06T02:15:00+00:00"},
    ]


def test_jsonld_of_an_article_without_corrections_has_no_correction_key(client):
    data = jsonld(client.get(ArticleFactory().get_absolute_url()).text)
    assert "correction" not in data


def test_feed_entry_carries_the_corrections(client, corrected, django_assert_max_num_queries):
    ArticleFactory(title="Berita Tanpa Ralat", satker=satker("kota-jayapura"))
    with django_assert_max_num_queries(FEED):
        response = client.get(reverse("news:satker_feed", args=["kota-jayapura"]))
    feed = response.text
    assert "Ralat" in feed
    assert "Selasa, 5 Maret 2024 10.00 WIT" in feed
    assert "Siti Aminah" in feed


def test_a_new_correction_shows_at_once_on_a_cached_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    ArticleCorrection.objects.create(article=article, text=FIRST)
    assert FIRST in client.get(article.get_absolute_url()).text


# --- The newsroom: the Ralat rows of the article form ------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    return client


def post_correction(client, article, text, **fields):
    published = timezone.localtime(article.published_at)
    data = article_form_data(
        title=article.title,
        slug=article.slug,
        status=article.status,
        published_at_0=published.strftime("%Y-%m-%d"),
        published_at_1=published.strftime("%H:%M:%S"),
        loaded_version=article.version,
        **{"corrections-TOTAL_FORMS": "1", "corrections-0-text": text},
    )
    data.update(fields)
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def test_editor_adds_a_correction_from_the_article_form(editor_client):
    article = ArticleFactory()
    assert post_correction(editor_client, article, FIRST).status_code == 302
    correction = article.corrections.get()
    assert correction.text == FIRST
    assert abs((timezone.now() - correction.noted_at).total_seconds()) < 60
    assert FIRST in editor_client.get(article.get_absolute_url()).text


def test_a_correction_on_an_unpublished_article_is_refused_in_indonesian(editor_client):
    article = ArticleFactory(published_at=timezone.now() + timezone.timedelta(days=1))  # scheduled
    response = post_correction(editor_client, article, FIRST)
    assert response.status_code == 200, "the form was saved"
    errors = [
        error for inline in response.context["inline_admin_formsets"] for error in inline.formset.non_form_errors()
    ]
    assert any("Ralat hanya untuk artikel yang sedang tayang" in error for error in errors)
    assert not ArticleCorrection.objects.exists()


def test_unpublishing_and_correcting_at_once_is_refused(editor_client):
    article = ArticleFactory()
    response = post_correction(editor_client, article, FIRST, status="draft")
    assert response.status_code == 200
    assert not ArticleCorrection.objects.exists()


def test_a_draft_shows_no_ralat_rows(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    page = editor_client.get(reverse("admin:news_article_change", args=[article.pk])).text
    assert "corrections-TOTAL_FORMS" not in page
