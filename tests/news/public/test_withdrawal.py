"""A withdrawn article ("Ditarik") keeps its address with a notice, the date and the reason, is
marked noindex, and is gone from every list: home, listings, search, feeds, sitemaps, the API.
Editors withdraw from the article form, with a reason; writers cannot."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from ops.models import Action, AuditEvent
from satker.models import Role
from tests.budgets import ARTICLE_PAGE
from tests.factories import ArticleFactory, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db
REASON = "Data jumlah pemilih dalam berita ini keliru; angka resmi ada di pengumuman DPT."
TITLE = "Penetapan Daftar Pemilih Tetap Kota Kediri"


@pytest.fixture
def withdrawn():
    article = ArticleFactory(title=TITLE, lead="Ringkasan DPT.", body="<p>Jumlah pemilih 999.999 orang.</p>")
    article.withdrawn_at = datetime(2024, 2, 1, 3, 30, tzinfo=ZoneInfo("UTC"))
    article.withdrawal_reason = REASON
    article.save()
    return article


def test_withdrawn_article_answers_with_its_notice_date_and_reason_not_its_body(
    client, withdrawn, django_assert_max_num_queries
):
    with django_assert_max_num_queries(ARTICLE_PAGE):
        response = client.get(withdrawn.get_absolute_url())
    assert response.status_code == 200
    page = response.text
    assert TITLE in page
    assert "Artikel ini telah ditarik" in page
    assert "Kamis, 1 Februari 2024 10.30 WIB" in page  # the withdrawal time in Kediri's zone
    assert REASON in page
    assert "999.999" not in page  # the body is gone, not struck through


def test_withdrawn_article_page_is_marked_noindex_and_counts_no_views(client, withdrawn):
    page = client.get(withdrawn.get_absolute_url()).text
    assert '<meta name="robots" content="noindex">' in page
    assert "application/ld+json" not in page
    assert 'property="og:' not in page
    assert "data-view-url" not in page


def test_a_published_article_is_not_marked_noindex(client):
    article = ArticleFactory()
    assert 'name="robots"' not in client.get(article.get_absolute_url()).text


def test_withdrawn_article_is_gone_from_home_and_listings(client, withdrawn):
    ArticleFactory(title="Berita Lain yang Tetap Tayang")
    for url in (reverse("home"), reverse("news:article_list"), withdrawn.satker.get_absolute_url()):
        page = client.get(url).text
        assert "Berita Lain yang Tetap Tayang" in page, url
        assert TITLE not in page, url


def test_withdrawn_article_is_gone_from_search(client, withdrawn):
    ArticleFactory(title="Penetapan Daftar Pemilih Sementara")
    response = client.get(reverse("news:search"), {"q": "Penetapan"})
    assert "Penetapan Daftar Pemilih Sementara" in response.text
    assert TITLE not in response.text


def test_withdrawn_article_is_gone_from_feeds(client, withdrawn):
    for url in (reverse("news:feed"), reverse("news:satker_feed", args=["kota-kediri"])):
        assert TITLE not in client.get(url).text, url


def test_withdrawn_article_is_gone_from_the_sitemaps(client, withdrawn, settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    host = {"HTTP_HOST": "kota-kediri.kpu.go.id"}
    kept = ArticleFactory()
    section = client.get(reverse("sitemap_section", args=["berita"]), **host).text
    assert kept.get_absolute_url() in section
    assert withdrawn.get_absolute_url() not in section
    assert withdrawn.get_absolute_url() not in client.get(reverse("news_sitemap"), **host).text


def test_withdrawn_article_is_gone_from_the_api(client, withdrawn):
    titles = [item["title"] for item in client.get(reverse("api:article_list")).json()["results"]]
    assert TITLE not in titles
    assert client.get(reverse("api:article_detail", args=[withdrawn.pk])).status_code == 404


def test_a_cached_page_shows_the_notice_at_once_after_the_withdrawal(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticleFactory(title=TITLE)
    client.get(article.get_absolute_url())
    client.get(reverse("home"))
    article.withdrawn_at, article.withdrawal_reason = timezone.now(), REASON
    article.save()
    assert "Artikel ini telah ditarik" in client.get(article.get_absolute_url()).text
    assert TITLE not in client.get(reverse("home")).text


def test_withdrawn_is_not_public_for_the_rule_every_list_reads(withdrawn):
    assert not Article.objects.published().filter(pk=withdrawn.pk).exists()
    assert Article.objects.published_or_withdrawn().filter(pk=withdrawn.pk).exists()
    assert not withdrawn.is_public()


def test_archived_and_draft_articles_stay_404_while_withdrawn_ones_answer(client, withdrawn):
    archived = ArticleFactory(status="archived")
    assert client.get(archived.get_absolute_url()).status_code == 404
    assert client.get(withdrawn.get_absolute_url()).status_code == 200


# --- The newsroom: who withdraws, and what a bad withdrawal says -----------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    return client


def post_withdrawal(client, article, **fields):
    published = timezone.localtime(article.published_at)
    data = article_form_data(
        title=article.title,
        slug=article.slug,
        status="published",
        published_at_0=published.strftime("%Y-%m-%d"),
        published_at_1=published.strftime("%H:%M:%S"),
        loaded_version=article.version,
        **fields,
    )
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def form_errors(response):
    assert response.status_code == 200, "the form was saved"
    return response.context["adminform"].form.errors


def test_editor_withdraws_a_published_article_with_a_reason(editor_client):
    article = ArticleFactory(title=TITLE)
    response = post_withdrawal(editor_client, article, withdrawn="on", withdrawal_reason=REASON)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.withdrawn_at is not None
    assert article.withdrawal_reason == REASON
    assert "Artikel ini telah ditarik" in editor_client.get(article.get_absolute_url()).text


def test_a_withdrawal_without_a_reason_is_refused_in_indonesian(editor_client):
    article = ArticleFactory()
    errors = form_errors(post_withdrawal(editor_client, article, withdrawn="on", withdrawal_reason="  "))
    assert "Alasan penarikan wajib diisi" in errors["withdrawal_reason"][0]
    article.refresh_from_db()
    assert article.withdrawn_at is None


def test_an_unpublished_article_cannot_be_withdrawn(editor_client):
    article = ArticleFactory(published_at=timezone.now() + timezone.timedelta(days=1))  # scheduled
    errors = form_errors(post_withdrawal(editor_client, article, withdrawn="on", withdrawal_reason=REASON))
    assert "Hanya artikel yang sedang tayang yang dapat ditarik" in errors["withdrawn"][0]
    article.refresh_from_db()
    assert article.withdrawn_at is None


def test_unticking_the_withdrawal_puts_the_article_back(editor_client, withdrawn):
    assert post_withdrawal(editor_client, withdrawn, withdrawal_reason=REASON).status_code == 302
    withdrawn.refresh_from_db()
    assert withdrawn.withdrawn_at is None
    assert withdrawn.is_public()


def test_writers_are_not_offered_the_withdrawal(client):
    writer = staff_user("penulis-kediri", "kota-kediri", Role.WRITER)
    article = ArticleFactory(status="draft", published_at=None, author=writer)
    client.force_login(writer)
    form = client.get(reverse("admin:news_article_change", args=[article.pk])).context["adminform"].form
    assert "withdrawn" not in form.fields
    assert "withdrawal_reason" not in form.fields


def test_a_withdrawal_reaches_the_revision_history_and_the_audit_trail(editor_client):
    article = ArticleFactory(title=TITLE)
    assert post_withdrawal(editor_client, article, withdrawn="on", withdrawal_reason=REASON).status_code == 302
    latest = article.revisions.order_by("-created_at", "-id").first()
    assert {"withdrawn_at", "withdrawal_reason"} <= set(latest.changed_fields)
    event = AuditEvent.objects.filter(article=article, action=Action.STATUS).latest("created_at")
    assert event.username == "editor-kediri"
    assert "→ Ditarik" in event.detail
