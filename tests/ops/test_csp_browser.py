"""In Chromium: public pages, the article page's JSON-LD included, raise no CSP violation."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def test_public_pages_run_under_the_strict_policy_without_violations(live_server, page_at, world):  # noqa: F811
    page = page_at(390)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(f"({LISTEN})()")
    article = world["articles"][0]
    for path in [reverse("home"), reverse("news:article_list"), article.get_absolute_url(), reverse("news:search")]:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path
        if path == article.get_absolute_url():
            assert page.locator('script[type="application/ld+json"]').count() == 1
    assert not [m for m in messages if "Content Security Policy" in m]
