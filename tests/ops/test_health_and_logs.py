"""/healthz, /readyz, and the request log with request ids."""

import json
import logging

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    client.get(reverse("ops:healthz"))  # the satker directory (host lookup) loads once per process
    with django_assert_num_queries(0):
        response = client.get(reverse("ops:healthz"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_is_ready_when_the_database_answers(client):
    response = client.get(reverse("ops:readyz"))
    assert response.status_code == 200 and response.json()["checks"] == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_redis_when_configured(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/11"
    assert client.get(reverse("ops:readyz")).json()["checks"] == {"database": "ok", "redis": "ok"}


def test_readyz_is_not_ready_when_redis_is_away(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/11"  # nothing listens there
    response = client.get(reverse("ops:readyz"))
    assert response.status_code == 503 and response.json()["checks"]["redis"] == "down"


def test_every_answer_carries_a_request_id_and_one_json_log_line(client, caplog):
    article = ArticleFactory()
    with caplog.at_level(logging.INFO, logger="kpuportal.requests"):
        response = client.get(article.get_absolute_url(), headers={"X-Request-ID": "nginx-1234abcd"})
    assert response["X-Request-ID"] == "nginx-1234abcd"
    line = json.loads([r for r in caplog.records if r.name == "kpuportal.requests"][-1].getMessage())
    assert line["request_id"] == "nginx-1234abcd"
    assert (line["method"], line["path"], line["status"]) == ("GET", article.get_absolute_url(), 200)
    assert line["duration_ms"] >= 0


@pytest.mark.parametrize("offered", ["", "short", "a" * 65, "x\nINFO forged line", "<script>"])
def test_a_missing_or_hostile_request_id_is_replaced(client, offered):
    response = client.get(reverse("ops:healthz"), headers={"X-Request-ID": offered} if offered else {})
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"] != offered
