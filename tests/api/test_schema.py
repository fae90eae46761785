"""The OpenAPI schema, its docs page, and a property-based run of the API against the schema."""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis import checks

from api import schema as api_schema_file
from news.models import ArticleImage
from tests.factories import ArticleFactory, DivisionFactory, satker

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_and_names_every_endpoint(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/satker/",
        "/api/v1/satker/{slug}/",
        "/api/v1/divisions/",
        "/api/v1/tags/",
        "/api/v1/tahapan/",
    }


def test_the_committed_schema_is_what_the_code_generates():
    assert api_schema_file.committed() == api_schema_file.generate(), (
        "api/openapi.json is out of date: run `make api-schema` and commit it"
    )


def test_the_schema_is_served_from_the_committed_file_without_generating_it(client, monkeypatch):
    def too_slow(*args, **kwargs):
        raise AssertionError("the schema was generated during a request")

    monkeypatch.setattr("drf_spectacular.generators.SchemaGenerator.get_schema", too_slow)
    as_json = client.get(reverse("api:schema"), {"format": "json"})
    assert as_json.status_code == 200
    assert as_json.json() == api_schema_file.committed()
    as_yaml = client.get(reverse("api:schema"))
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert "title: API Portal Berita KPU" in as_yaml.content.decode()
    assert "Cache-Control" in as_yaml


def test_the_docs_page_loads_its_assets_from_our_own_static_files(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    external = [url for url in re.findall(r"""(?:src|href)=["']?([^"' >]+)""", html) if "//" in url]
    assert external == []
    assert "<script>" not in html and "<style>" not in html  # the site's CSP forbids inline code
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert '"validatorUrl": null' in script.content.decode()


@pytest.fixture
def api_schema(db, image_file, settings):
    """Real-looking data in every zone, with images, divisions and tags, then the schema."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/minute"}}
    division = DivisionFactory(slug="uji-properti")
    for slug in ("kota-kediri", "kota-makassar", "kota-jayapura", "ri"):
        article = ArticleFactory(
            satker=satker(slug), divisions=[division], tags=["pemilu"], featured_image=image_file(900, 500)
        )
        ArticleImage.objects.create(article=article, image=image_file(500, 300), alt_text="Galeri")
    ArticleFactory(status="draft")
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=80,
    database=None,  # nothing written into the work tree; CI starts fresh anyway
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_input_makes_the_api_fail_or_break_its_schema(case):
    case.call_and_validate(
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
            checks.negative_data_rejection,
        ]
    )
