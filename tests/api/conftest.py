import pytest
from django.urls import reverse

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def generous_rate(settings):
    """Most tests send more requests than a reader would; the rate-limit tests lower it."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/minute"}}


@pytest.fixture
def api(client):
    """api(name, *args, **params) -> the decoded JSON answer, asserting nothing about its status."""

    def get(name, *args, status=200, **params):
        response = client.get(reverse(f"api:{name}", args=args), params)
        assert response.status_code == status, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get


def titles(body):
    return [item["title"] for item in body["results"]]
