"""Any unknown path under /api/ answers the API's JSON 404 (api/errors.py), never the site's HTML
page: a client that mistypes a path or asks for another version gets an error it can parse."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/tidak-ada/",
        "/api/v1/articles/abc/",
        "/api/v1/articles/1/komentar/",
        "/api/v1/articles",
        "/api/v1/satker/kota-kediri/artikel/",
        "/api/v1/%00/",
        "/api/v1/%0A%0D/",
        "/api/v1/" + "x" * 3000 + "/",
        "/api/v1/..%2F..%2Fetc/passwd",
        # outside /api/v1/: the catch-all route in kpuportal/urls.py
        "/api/",
        "/api/v2/articles/",
        "/api/articles/",
        "/api/%00/",
    ],
)
def test_an_unknown_api_path_is_the_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Data tidak ditemukan."}}
    assert response.has_header("Cache-Control")


@pytest.mark.parametrize("method", ["post", "put", "delete", "head", "options"])
def test_an_unknown_api_path_is_a_json_404_for_any_method(client, method):
    response = getattr(client, method)("/api/v1/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_paths_that_only_start_like_the_api_stay_site_pages(client):
    response = client.get("/api-lama/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
