import pytest

from tests.budgets import API_SATKER_DIRECTORY
from tests.factories import ArticleFactory, DivisionFactory

pytestmark = pytest.mark.django_db


def test_the_satker_directory_lists_all_553_units(api, django_assert_max_num_queries):
    api("satker_list")  # loads the in-memory directory
    with django_assert_max_num_queries(API_SATKER_DIRECTORY):
        body = api("satker_list")
    assert len(body["results"]) == 553
    assert body["next"] is None
    assert body["results"][0]["level"] == "pusat"


def test_a_satker_shows_parent_level_region_domain_and_zone(api):
    body = api("satker_detail", "kota-jayapura")
    assert body["parent"] == "prov-papua"
    assert body["level"] == "kota"
    assert body["region_code"]
    assert (body["time_zone"], body["time_zone_label"]) == ("Asia/Jayapura", "WIT")
    assert body["url"].endswith("/api/v1/satker/kota-jayapura/")


def test_the_directory_filters_by_level_and_parent(api):
    provinces = api("satker_list", level="provinsi")["results"]
    assert len(provinces) == 38
    children = api("satker_list", parent="prov-jawa-timur")["results"]
    assert "kota-kediri" in {unit["slug"] for unit in children}
    assert {unit["parent"] for unit in children} == {"prov-jawa-timur"}


@pytest.mark.parametrize("params", [{"level": "desa"}, {"parent": "tidak-ada"}, {"urut": "nama"}])
def test_the_directory_refuses_unknown_values(api, params):
    assert api("satker_list", status=400, **params)["error"]["code"] == "invalid_parameter"


def test_divisions_are_listed_in_menu_order(api):
    DivisionFactory(name="Divisi Uji Akhir", slug="uji-akhir", position=99)
    results = api("division_list")["results"]
    assert results[-1] == {"slug": "uji-akhir", "name": "Divisi Uji Akhir", "description": ""}


def test_tags_list_only_those_of_public_articles(api):
    ArticleFactory(tags=["pemilu", "dpt"])
    ArticleFactory(status="draft", tags=["embargo"])
    assert [tag["slug"] for tag in api("tag_list")["results"]] == ["dpt", "pemilu"]


def test_tags_page_by_cursor(api, client):
    ArticleFactory(tags=[f"tag-{n:02d}" for n in range(5)])
    page = api("tag_list", page_size=2)
    slugs = [tag["slug"] for tag in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        slugs += [tag["slug"] for tag in page["results"]]
    assert slugs == [f"tag-{n:02d}" for n in range(5)]
