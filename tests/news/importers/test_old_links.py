"""Every importer records where an article was on the old site, so the old link redirects (301)
to it; the links come and go with their article's savepoint and are never duplicated."""

import pytest

from legacy.models import OldLink
from news.importers import old_links, store
from news.models import Article
from tests.factories import satker

pytestmark = pytest.mark.django_db
KEDIRI = {"HTTP_HOST": "kota-kediri.kpu.go.id"}


@pytest.fixture(autouse=True)
def satker_hosts(settings):
    settings.ALLOWED_HOSTS = [".kpu.go.id", "testserver"]
    settings.SITE_URL = "https://portal.kpu.go.id"


def kediri_keys():
    return sorted(OldLink.objects.filter(satker__slug="kota-kediri").values_list("key", "article__source_key"))


def import_wxr(run, path, *args):
    return run("import_wordpress", path, "--satker", "kota-kediri", *args)


@pytest.mark.parametrize("old", ["/?p=101", "/2023/08/07/rapat-pleno-terbuka-rekapitulasi-dpt/"])
def test_wordpress_id_and_date_links_redirect_after_an_import(run, samples, client, old):
    import_wxr(run, samples / "kota-kediri.xml")
    response = client.get(old, **KEDIRI)
    assert response.status_code == 301
    assert response["Location"] == Article.objects.get(source_key="wp:101").get_canonical_url()


def test_each_post_records_its_permalink_and_its_p_form_once(run, samples):
    import_wxr(run, samples / "kota-kediri.xml")
    assert kediri_keys() == [
        ("wp:101", "wp:101"),  # <link>'s ?p= form, and the guid, which is the same address
        ("wp:102", "wp:102"),
        ("wp:103", "wp:103"),
        ("wp:104", "wp:104"),
        ("wpdate:2023/08/07/rapat-pleno-terbuka-rekapitulasi-dpt", "wp:101"),
    ]


def test_a_guid_on_the_site_is_recorded_and_one_elsewhere_is_not(run, samples, tmp_path, client):
    text = (samples / "kota-kediri.xml").read_text()
    text = text.replace(
        '<guid isPermaLink="false">https://kota-kediri.kpu.go.id/?p=101</guid>',
        '<guid isPermaLink="false">https://www.kota-kediri.kpu.go.id/arsip/rapat-pleno/</guid>',
    )
    export = tmp_path / "guid.xml"
    export.write_text(
        text.replace("<link>https://kota-kediri.kpu.go.id/?p=103</link>", "<guid>https://lain.example/x/</guid>")
    )
    import_wxr(run, export)
    assert client.get("/arsip/rapat-pleno/", **KEDIRI).status_code == 301
    assert not OldLink.objects.filter(key="path:/x/").exists()


def test_a_second_import_duplicates_no_old_link(run, samples):
    import_wxr(run, samples / "kota-kediri.xml")
    before = kediri_keys()
    result = import_wxr(run, samples / "kota-kediri.xml")
    assert "4 × unchanged since the last import" in result.out
    assert kediri_keys() == before


def test_articles_imported_before_links_were_recorded_get_them_on_the_next_run(run, samples, client):
    import_wxr(run, samples / "kota-kediri.xml")
    OldLink.objects.all().delete()
    result = import_wxr(run, samples / "kota-kediri.xml")
    assert "4 updated" in result.out
    assert client.get("/?p=101", **KEDIRI).status_code == 301


def test_a_failed_post_leaves_no_old_link_and_the_others_keep_theirs(run, samples, media_dir):
    (media_dir / "2023/09/bimtek-2.jpg").unlink()
    result = import_wxr(run, samples / "kota-kediri.xml", "--media-dir", media_dir)
    assert result.failed
    assert not Article.objects.filter(source_key="wp:102").exists()
    assert not OldLink.objects.filter(key="wp:102").exists()
    assert OldLink.objects.filter(key="wp:101").exists()


def test_a_link_failing_in_the_batch_insert_fails_only_its_article(run, samples, monkeypatch):
    original = old_links.OldLink.objects.bulk_create

    def fail_for_101(rows):
        if any(row.key == "wp:101" for row in rows):
            raise store.DatabaseError("disk full")
        return original(rows)

    monkeypatch.setattr(old_links.OldLink.objects, "bulk_create", fail_for_101)
    result = import_wxr(run, samples / "kota-kediri.xml")
    assert result.failed
    assert "item 1 (post 101" in result.out and "not saved (DatabaseError: disk full)" in result.out
    assert not Article.objects.filter(source_key="wp:101").exists()
    assert not OldLink.objects.filter(key__contains="rapat-pleno").exists()
    assert Article.objects.filter(satker__slug="kota-kediri").count() == 3
    assert OldLink.objects.filter(key="wp:103").exists()


def test_an_old_url_that_already_leads_elsewhere_is_left_and_noted(run, samples):
    kediri = satker("kota-kediri")
    OldLink.objects.create(satker=kediri, key="wp:101", old_url="/?p=101", target_path="/berita/")
    result = import_wxr(run, samples / "kota-kediri.xml")
    assert "old URL https://kota-kediri.kpu.go.id/?p=101 already leads elsewhere; left as it is" in result.out
    link = OldLink.objects.get(satker=kediri, key="wp:101")
    assert link.article is None and link.target_path == "/berita/"


def test_text_file_with_a_sidecar_address_redirects_after_an_import(run, samples, tmp_path, client):
    page = tmp_path / "pleno.txt"
    page.write_bytes((samples / "pleno-kota-kediri.txt").read_bytes())
    (tmp_path / "pleno.txt.url").write_text("https://kota-kediri.kpu.go.id/berita/baca/1200/rapat-pleno-dpt\n")
    result = run("import_text", tmp_path)
    assert not result.failed, result.out
    article = Article.objects.get(satker__slug="kota-kediri")
    assert article.source_url == "https://kota-kediri.kpu.go.id/berita/baca/1200/rapat-pleno-dpt"
    response = client.get("/berita/baca/1200/apa-saja", **KEDIRI)
    assert response.status_code == 301 and response["Location"] == article.get_canonical_url()


def test_urls_txt_beside_text_files_is_a_list_of_addresses_not_an_article(run, samples, tmp_path):
    (tmp_path / "pleno.txt").write_bytes((samples / "pleno-kota-kediri.txt").read_bytes())
    (tmp_path / "urls.txt").write_text("pleno.txt /blog/read/31_rapat-pleno\n")
    result = run("import_text", tmp_path)
    assert "1 item: 1 imported" in result.out
    article = Article.objects.get(satker__slug="kota-kediri")
    assert article.source_url == "https://kota-kediri.kpu.go.id/blog/read/31_rapat-pleno"
    assert OldLink.objects.get(key="blog:31").article == article
