"""The counter's rules, on the database path (no REDIS_URL): what counts and what does not."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.budgets import RECORD_VIEW
from tests.factories import ArticleFactory
from viewcount import store
from viewcount.models import DailyViews, RecentView
from viewcount.visitors import COOKIE_NAME

from .conftest import BROWSER_UA, midday_in_jakarta, new_visitor, view

pytestmark = pytest.mark.django_db


def views_of(article):
    article.refresh_from_db()
    return article.view_count


def test_a_first_view_adds_one_to_the_count_and_to_todays_total(client):
    article = ArticleFactory()
    assert view(client, article).status_code == 200
    assert views_of(article) == 1
    assert DailyViews.objects.get(article=article, date=timezone.localdate()).views == 1


def test_imported_article_continues_from_its_old_sites_count(client):
    article = ArticleFactory(view_count=113)
    view(client, article)
    assert views_of(article) == 114


def test_a_refresh_within_30_minutes_does_not_count_again(client):
    with time_machine.travel(midday_in_jakarta()) as clock:
        article = ArticleFactory()
        view(client, article)
        view(client, article)
        clock.shift(timedelta(minutes=29))
        view(client, article)
    assert views_of(article) == 1


def test_the_same_reader_counts_again_after_the_window(client):
    article = ArticleFactory()
    view(client, article)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        view(client, article)
    assert views_of(article) == 2


def test_the_window_is_configurable(client, settings):
    settings.VIEWCOUNT_WINDOW_MINUTES = 5
    article = ArticleFactory()
    view(client, article)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        view(client, article)
    assert views_of(article) == 2


def test_another_visitor_counts(client):
    article = ArticleFactory()
    view(client, article)
    view(Client(), article, ip="198.51.100.20")
    assert views_of(article) == 2


def test_two_first_time_readers_behind_one_address_with_the_same_browser_both_count():
    article = ArticleFactory()
    view(Client(), article, visitor=new_visitor())
    view(Client(), article, visitor=new_visitor())
    assert views_of(article) == 2


def test_the_browsers_id_is_kept_in_the_cookie_and_wins_over_the_next_pages_new_id(client):
    article = ArticleFactory()
    first = new_visitor()
    view(client, article, visitor=first)
    assert client.cookies[COOKIE_NAME].value == first
    view(client, article, visitor=new_visitor())  # views.js draws a new id on every page
    assert views_of(article) == 1


def test_the_visitor_cookie_holds_only_the_browsers_id_and_is_sent_only_to_the_counter(client):
    article = ArticleFactory()
    visitor = new_visitor()
    cookie = view(client, article, ip="203.0.113.7", visitor=visitor).cookies[COOKIE_NAME]
    assert cookie.value == visitor
    assert cookie["path"] == reverse("viewcount:record")
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 30 * 24 * 60 * 60
    assert not cookie["secure"]  # plain http here; https gets Secure


def test_the_visitor_cookie_is_secure_on_https(client):
    response = client.post(
        reverse("viewcount:record"),
        {"artikel": ArticleFactory().pk, "pengunjung": new_visitor()},
        secure=True,
        headers={"User-Agent": BROWSER_UA, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.cookies[COOKIE_NAME]["secure"]


def test_the_database_holds_no_visitor_id_and_no_address(client):
    article = ArticleFactory()
    visitor = new_visitor()
    view(client, article, ip="203.0.113.7", visitor=visitor)
    row = RecentView.objects.get(article_id=article.pk)
    assert row.visitor != visitor and "203.0.113.7" not in row.visitor


def test_without_javascript_readers_behind_one_address_with_the_same_browser_are_one_visitor():
    """The documented undercount of the address + browser fallback."""
    article = ArticleFactory()
    view(Client(), article)
    view(Client(), article)
    view(Client(), article, user_agent=BROWSER_UA.replace("SM-A145F", "Redmi Note 12"))
    assert views_of(article) == 2


def test_the_answer_carries_the_articles_current_count(client):
    article = ArticleFactory(view_count=41)
    assert view(client, article, visitor=new_visitor()).json() == {"views": 42}
    assert view(client, article, visitor=new_visitor()).json() == {"views": 42}  # a repeat: same count
    assert view(Client(), article, visitor=new_visitor()).json() == {"views": 43}


def test_a_json_beacon_counts_like_a_form_one(client):
    article = ArticleFactory()
    response = client.post(
        reverse("viewcount:record"),
        {"artikel": article.pk, "pengunjung": new_visitor()},
        content_type="application/json",
        headers={"User-Agent": BROWSER_UA, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.json() == {"views": 1}
    assert views_of(article) == 1


@pytest.mark.parametrize(
    "visitor",
    ["", "abc", "g" * 32, "A" * 32, "a" * 33, "a" * 31, "a" * 500, "0" * 32 + "\n", "1' OR '1'='1" + "0" * 20],
)
def test_a_malformed_visitor_id_is_400_and_counts_nothing(client, visitor):
    article = ArticleFactory()
    response = view(client, article, visitor=visitor)
    assert response.status_code == 400 and "tidak sah" in response.content.decode()
    assert views_of(article) == 0 and not RecentView.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{",
        "[]",
        '"x"',
        '{"artikel": null}',
        '{"artikel": 1.5}',
        '{"artikel": 1, "pengunjung": 5}',
        "\xff",
        pytest.param("[" * 1000, id="nested-1000-deep"),  # deeper than the JSON parser may go
    ],
)
def test_a_malformed_json_beacon_is_400(client, body):
    article = ArticleFactory()
    response = client.post(
        reverse("viewcount:record"),
        body.replace('"artikel": 1', f'"artikel": {article.pk}'),
        content_type="application/json",
        headers={"User-Agent": BROWSER_UA},
    )
    assert response.status_code == 400
    assert views_of(article) == 0


def test_a_multipart_body_without_its_boundary_is_400(client):
    article = ArticleFactory()
    response = client.post(
        reverse("viewcount:record"),
        f"artikel={article.pk}",
        content_type="multipart/form-data",
        headers={"User-Agent": BROWSER_UA},
    )
    assert response.status_code == 400 and "tidak sah" in response.content.decode()
    assert views_of(article) == 0


def test_a_crawlers_malformed_visitor_id_is_400_too(client):
    response = view(client, ArticleFactory(), user_agent="Twitterbot/1.0", visitor="x" * 32)
    assert response.status_code == 400


def test_crawlers_are_held_to_the_same_limits(client, settings):
    settings.VIEWCOUNT_VISITOR_RATE = 2
    article = ArticleFactory()
    statuses = [view(client, article, user_agent="Twitterbot/1.0").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert views_of(article) == 0


def test_an_article_withdrawn_while_its_view_is_being_counted_is_not_counted(client, monkeypatch):
    article = ArticleFactory(withdrawn_at=timezone.now())
    monkeypatch.setattr(store, "public_view_count", lambda article_id: 0)  # read just before the withdrawal
    assert view(client, article, visitor=new_visitor()).status_code == 404
    assert views_of(article) == 0
    assert not RecentView.objects.exists() and not DailyViews.objects.exists()


def test_the_day_salt_of_the_no_javascript_fallback_changes_every_day():
    """A refresh 10 minutes apart, within the window, but across midnight WIB: the salt is new, so
    the reader is too (the documented cost of a salt that is never kept longer than it is needed)."""
    with time_machine.travel(midday_in_jakarta().replace(hour=23, minute=55)) as clock:
        article = ArticleFactory()
        view(Client(), article)
        clock.shift(timedelta(minutes=10))
        view(Client(), article)
    assert views_of(article) == 2


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "WhatsApp/2.23.20.0 A",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "python-requests/2.32.3",
        "",
    ],
)
def test_crawlers_bots_and_link_previews_are_not_counted(client, user_agent):
    article = ArticleFactory()
    assert view(client, article, user_agent=user_agent).status_code == 200
    assert views_of(article) == 0


@pytest.mark.parametrize(
    "header",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
    ],
)
def test_browser_prefetch_and_prerender_are_not_counted(client, header):
    article = ArticleFactory()
    assert view(client, article, **header).status_code == 200
    assert views_of(article) == 0


@pytest.mark.parametrize("method", ["get", "head", "put"])
def test_the_beacon_takes_only_post(client, method):
    article = ArticleFactory()
    response = getattr(client, method)(
        reverse("viewcount:record"), {"artikel": article.pk}, headers={"User-Agent": BROWSER_UA}
    )
    assert response.status_code == 405
    assert views_of(article) == 0


@pytest.mark.parametrize(
    "changes",
    [
        lambda: {"status": Status.DRAFT},
        lambda: {"status": Status.REVIEW},
        lambda: {"status": Status.ARCHIVED},
        lambda: {"published_at": timezone.now() + timedelta(hours=1)},  # scheduled: "now" of the test
        lambda: {"withdrawn_at": timezone.now()},
    ],
    ids=["draft", "review", "archived", "scheduled", "withdrawn"],
)
def test_drafts_scheduled_archived_and_withdrawn_articles_are_refused_and_not_counted(client, changes):
    article = ArticleFactory(**changes())
    assert view(client, article).status_code == 404
    assert views_of(article) == 0
    assert not DailyViews.objects.filter(article=article).exists()


def test_an_unknown_article_is_404(client):
    assert view(client, 987654321).status_code == 404


@pytest.mark.parametrize("body", [{}, {"artikel": "abc"}, {"artikel": "-3"}, {"artikel": "0"}, {"artikel": "9" * 40}])
def test_a_malformed_body_is_400_and_counts_nothing(client, body):
    article = ArticleFactory()
    response = client.post(reverse("viewcount:record"), body, headers={"User-Agent": BROWSER_UA})
    assert response.status_code == 400
    assert "tidak sah" in response.content.decode()
    assert views_of(article) == 0


def test_an_oversized_body_is_400(client):
    article = ArticleFactory()
    response = client.post(
        reverse("viewcount:record"), {"artikel": article.pk, "x": "a" * 5000}, headers={"User-Agent": BROWSER_UA}
    )
    assert response.status_code == 400
    assert views_of(article) == 0


def test_an_oversized_json_body_is_400_and_counts_nothing(client):
    article = ArticleFactory()
    response = client.post(
        reverse("viewcount:record"),
        {"artikel": article.pk, "pengunjung": new_visitor(), "x": "a" * 1100},
        content_type="application/json",
        headers={"User-Agent": BROWSER_UA},
    )
    assert response.status_code == 400
    assert views_of(article) == 0


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://penipu.example"}])
def test_a_view_posted_from_another_site_is_refused(client, headers):
    article = ArticleFactory()
    assert view(client, article, **headers).status_code == 403
    assert views_of(article) == 0


def test_a_view_from_the_same_origin_is_accepted(client):
    article = ArticleFactory()
    assert view(client, article, Origin="http://testserver").status_code == 200
    assert views_of(article) == 1


def test_one_visitor_flooding_gets_429_after_the_rate_limit(client, settings):
    settings.VIEWCOUNT_VISITOR_RATE = 5
    articles = ArticleFactory.create_batch(8)
    statuses = [view(client, article).status_code for article in articles]
    assert statuses == [200] * 5 + [429] * 3
    assert sum(views_of(article) for article in articles) == 5


def test_a_script_changing_cookies_cannot_inflate_one_article_past_the_network_limit(client, settings):
    settings.VIEWCOUNT_NETWORK_RATE = 50
    article = ArticleFactory()
    statuses = []
    for n in range(80):
        client.cookies.clear()
        statuses.append(view(client, article, user_agent=f"{BROWSER_UA} build/{n}").status_code)
    assert statuses.count(200) == 50 and statuses.count(429) == 30
    assert views_of(article) == 50


def test_the_rate_limit_resets_after_a_minute(client, settings):
    settings.VIEWCOUNT_VISITOR_RATE = 1
    first, second = ArticleFactory.create_batch(2)
    view(client, first)
    assert view(client, second).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert view(client, second).status_code == 200
    assert views_of(second) == 1


def test_recording_a_view_takes_at_most_4_queries(client, django_assert_max_num_queries):
    article = ArticleFactory()
    view(client, 987654321)  # the site's host lookup loads its satker table once per process
    with django_assert_max_num_queries(RECORD_VIEW):
        view(client, article)


def pixel(client, article, **headers):
    return client.get(
        reverse("viewcount:pixel"),
        {"artikel": article.pk},
        REMOTE_ADDR="203.0.113.9",
        headers={"User-Agent": BROWSER_UA, **headers},
    )


def test_the_no_javascript_pixel_counts_a_view_and_returns_an_image(client):
    article = ArticleFactory()
    response = pixel(client, article, **{"Sec-Fetch-Dest": "image"})
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert "no-cache" in response["Cache-Control"]
    assert views_of(article) == 1


def test_the_pixel_follows_the_same_rules(client):
    article = ArticleFactory()
    pixel(client, article)
    pixel(client, article)
    pixel(Client(), article, **{"User-Agent": "Twitterbot/1.0"})
    assert views_of(article) == 1


def test_the_pixel_opened_as_a_page_does_not_count(client):
    article = ArticleFactory()
    assert pixel(client, article, **{"Sec-Fetch-Dest": "document"}).status_code == 400
    assert views_of(article) == 0


def test_the_pixel_refuses_head_and_drafts(client):
    article = ArticleFactory(status=Status.DRAFT)
    assert client.head(reverse("viewcount:pixel"), {"artikel": article.pk}).status_code == 405
    assert pixel(client, article).status_code == 404
    assert views_of(article) == 0


def test_the_do_nothing_benchmark_view_is_not_routed_by_default(client):
    assert client.get("/tolok-ukur/kosong/").status_code == 404


def test_the_beacons_json_answer_is_never_a_document(client):
    # No Content-Security-Policy built on every view for nothing (bench/RESULTS.md: the beacon went
    # from 63 % to 75-81 % of the do-nothing POST); nosniff keeps a browser from reading it as a page.
    response = view(client, ArticleFactory(), visitor=new_visitor())
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response
