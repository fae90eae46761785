"""The API docs page renders in a real browser from our own server alone."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_the_endpoints_and_fetches_nothing_from_elsewhere(live_server, page_at, directory):  # noqa: F811
    page = page_at(1280)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + reverse("api:docs"))
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/articles/" in paths and "/api/v1/satker/{slug}/" in paths
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == []
