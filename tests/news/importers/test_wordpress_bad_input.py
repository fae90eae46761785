"""Each bad input of issue 6: a clear message naming the file and item, the rest still
imported, nothing half-written, and a non-zero exit."""

import pytest

from news.importers import store
from news.models import Article, Tag

pytestmark = pytest.mark.django_db

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
<item><title>&lol3;</title></item></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title></item></channel></rss>
"""


def kediri_articles():
    return Article.objects.filter(satker__slug="kota-kediri")


def test_malformed_xml_names_file_and_line_and_other_files_still_import(run, samples, tmp_path):
    broken = tmp_path / "rusak.xml"
    broken.write_text((samples / "kota-kediri.xml").read_text().replace("</item>", "</itm>", 1))
    result = run("import_wordpress", broken, samples / "kota-kediri.xml", "--satker", "kota-kediri")
    assert result.failed
    assert f"{broken}: line 56, column 3: malformed XML (mismatched tag)" in result.out
    assert "4 imported" in result.out
    assert kediri_articles().count() == 4


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_xml_with_entities_is_refused_before_anything_is_expanded(run, tmp_path, content):
    bomb = tmp_path / "bom.xml"
    bomb.write_text(content)
    result = run("import_wordpress", bomb, "--satker", "kota-kediri")
    assert result.failed
    assert f"{bomb}: refused:" in result.out
    assert "XML bomb" in result.out
    assert not kediri_articles().exists()


def test_file_in_another_encoding_than_declared_gets_a_fix_it_message(run, samples, tmp_path):
    latin = tmp_path / "latin.xml"
    text = (samples / "kota-kediri.xml").read_text().replace("Jadwal Bimbingan", "Jadwal Bimbingan Café")
    latin.write_bytes(text.encode("cp1252"))
    result = run("import_wordpress", latin, "--satker", "kota-kediri")
    assert result.failed
    assert f"{latin}: line 28: the file is not UTF-8 as its XML declaration says" in result.out
    assert "iconv" in result.out


def test_file_in_a_declared_other_encoding_imports(run, samples, tmp_path):
    latin = tmp_path / "latin.xml"
    text = (samples / "kota-kediri.xml").read_text().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    latin.write_bytes(text.replace("Jadwal Bimbingan", "Jadwal Bimbingan Café").encode("latin-1", "replace"))
    result = run("import_wordpress", latin, "--satker", "kota-kediri")
    assert not result.failed, result.out
    assert kediri_articles().filter(title__startswith="Jadwal Bimbingan Café").exists()


def test_file_that_is_no_wordpress_export_says_so(run, tmp_path):
    rss = tmp_path / "feed.xml"
    rss.write_text("<rss><channel><title>Bukan WXR</title></channel></rss>")
    result = run("import_wordpress", rss, "--satker", "kota-kediri")
    assert result.failed
    assert "not a WordPress export" in result.out


def test_unknown_satker_stops_with_suggestions(run, samples):
    result = run("import_wordpress", samples / "kota-kdiri.xml", "--satker", "kota-kediriii")
    assert result.failed
    assert "Unknown satker 'kota-kediriii'. Did you mean kota-kediri" in result.err


def test_export_of_a_site_that_is_no_satker_needs_satker(run, samples, tmp_path):
    other = tmp_path / "lain.xml"
    text = (samples / "kota-kediri.xml").read_text()
    other.write_text(text.replace("kota-kediri.kpu.go.id</link>", "contoh.id</link>"))
    result = run("import_wordpress", other)
    assert result.failed
    assert "the site https://contoh.id is no satker's domain; give --satker" in result.out


def test_missing_media_file_fails_that_article_only(run, samples, media_dir):
    (media_dir / "2023/09/bimtek-2.jpg").unlink()
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    assert result.failed
    assert "kota-kediri.xml item 2 (post 102 “Jadwal Bimbingan Teknis KPPS Pekan Depan”): media file not found:" in (
        result.out
    )
    assert "2023/09/bimtek-2.jpg (give --allow-missing-media to import without it)" in result.out
    assert "3 imported" in result.out
    assert not kediri_articles().filter(source_key="wp:102").exists()


def test_allow_missing_media_imports_without_the_image_and_warns(run, samples, media_dir):
    (media_dir / "2023/08/pleno-dpt.jpg").unlink()
    args = ("--satker", "kota-kediri", "--media-dir", media_dir, "--allow-missing-media")
    result = run("import_wordpress", samples / "kota-kediri.xml", *args)
    assert not result.failed
    assert "Warnings:" in result.out and "pleno-dpt.jpg; imported without it" in result.out
    assert not kediri_articles().get(source_key="wp:101").featured_image


def test_media_path_cannot_escape_the_media_dir(run, samples, media_dir, tmp_path):
    (tmp_path / "rahasia.jpg").write_bytes((media_dir / "2023/08/pleno-dpt.jpg").read_bytes())
    evil = tmp_path / "jahat.xml"
    evil.write_text((samples / "kota-kediri.xml").read_text().replace("2023/08/pleno-dpt.jpg]]", "../rahasia.jpg]]"))
    result = run("import_wordpress", evil, "--satker", "kota-kediri", "--media-dir", media_dir)
    assert "rahasia.jpg (give --allow-missing-media" in result.out
    assert not kediri_articles().filter(source_key="wp:101").exists()


def test_an_article_failing_mid_write_leaves_nothing_and_the_rest_import(run, samples, monkeypatch):
    original = store.TaggedArticle.objects.bulk_create

    def fail_for_pleno(items):
        items = list(items)
        if any(item.tag.name == "Pleno" for item in items):
            raise store.DatabaseError("disk full")
        return original(items)

    monkeypatch.setattr(store.TaggedArticle.objects, "bulk_create", fail_for_pleno)
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri")
    assert result.failed
    assert "item 1 (post 101" in result.out and "not saved (DatabaseError: disk full)" in result.out
    assert not kediri_articles().filter(source_key="wp:101").exists()
    assert kediri_articles().count() == 3
    assert Tag.objects.filter(name="Pleno").exists()  # tags are shared rows, made before the savepoint


def test_a_post_twice_in_one_file_gives_one_article(run, samples, tmp_path):
    text = (samples / "kota-kediri.xml").read_text()
    first_item = text[text.index("<item>") : text.index("</item>") + len("</item>")]
    twice = tmp_path / "ganda.xml"
    twice.write_text(text.replace(first_item, first_item + first_item, 1))
    result = run("import_wordpress", twice, "--satker", "kota-kediri")
    assert not result.failed, result.out
    assert "4 imported" in result.out and "1 × unchanged since the last import" in result.out
    assert kediri_articles().filter(source_key="wp:101").count() == 1


def test_an_article_the_old_site_could_not_date_fails_alone(run, samples, tmp_path):
    text = (samples / "kota-kediri.xml").read_text()
    undated = tmp_path / "tanpa-tanggal.xml"
    undated.write_text(text.replace("2023-08-07 08:00:00", "").replace("2023-08-07 15:00:00", ""))
    result = run("import_wordpress", undated, "--satker", "kota-kediri")
    assert result.failed
    assert "item 1 (post 101" in result.out and "no post_date: cannot tell when it was published" in result.out
    assert kediri_articles().count() == 3


def test_media_file_that_is_no_image_fails_that_article(run, samples, media_dir):
    (media_dir / "2023/08/pleno-dpt.jpg").write_text("<html><script>alert(1)</script></html>")
    result = run("import_wordpress", samples / "kota-kediri.xml", "--satker", "kota-kediri", "--media-dir", media_dir)
    assert result.failed
    assert "2023/08/pleno-dpt.jpg: not a valid image" in result.out
    assert not kediri_articles().filter(source_key="wp:101").exists()
    assert kediri_articles().count() == 3
