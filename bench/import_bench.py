"""Benchmark: import a generated 10,000-post WordPress export, then import it again.

Runs in a throw-away test database (Django's test database setup: `test_<NAME>`), so it never
touches real data. SQLite by default; set DATABASE_URL for PostgreSQL:

    .venv/bin/python bench/import_bench.py [--posts 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpu_h_import .venv/bin/python bench/import_bench.py

The posts look like satker news: block comments, a [caption] shortcode, two categories (one
a division), three tags from a pool of 200, a view count. Images are left out (no --media-dir):
copying and resizing files measures the disk, not the importer.
"""

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpuportal.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>KPU Kota Kediri</title><link>https://kota-kediri.kpu.go.id</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>asa</wp:author_login><wp:author_display_name>Asa</wp:author_display_name></wp:author>
"""
DIVISIONS = ["Teknis Penyelenggaraan", "Hukum dan Pengawasan", "Perencanaan, Data dan Informasi", "Sekretariat"]
TOPICS = ["Rapat Pleno", "Bimbingan Teknis", "Sosialisasi", "Pelantikan PPS", "Rapat Koordinasi", "Simulasi"]


def post(number):
    topic = TOPICS[number % len(TOPICS)]
    tags = "".join(
        f'<category domain="post_tag" nicename="tag-{t}"><![CDATA[Tag Uji {t}]]></category>'
        for t in (number % 200, (number * 7) % 200, (number * 13) % 200)
    )
    body = (
        "<!-- wp:paragraph --><p><strong>Kediri, kota-kediri.kpu.go.id</strong> – "
        f"{topic} nomor {number} digelar di aula kantor bersama PPK dan PPS.</p><!-- /wp:paragraph -->\n\n"
        '[caption id="attachment_1" width="800"]<img src="https://kota-kediri.kpu.go.id/wp-content/uploads/'
        f'2023/08/foto-{number}.jpg" alt="Foto"> Suasana kegiatan {number}[/caption]\n\n'
        + "Peserta membahas tahapan pemilu dan tata kerja badan ad hoc.\n\n"
        * 4
    )
    day = 1 + number % 28
    slug = topic.lower().replace(" ", "-")
    return f"""<item><title>{escape(topic)} Kota Kediri {number}</title>
<link>https://kota-kediri.kpu.go.id/?p={number}</link><dc:creator>asa</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[Ringkasan {number}.]]></excerpt:encoded>
<wp:post_id>{number}</wp:post_id><wp:post_date>2023-08-{day:02d} 15:00:00</wp:post_date>
<wp:post_date_gmt>2023-08-{day:02d} 08:00:00</wp:post_date_gmt><wp:post_name>{slug}-{number}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="d"><![CDATA[{DIVISIONS[number % 4]}]]></category>
<category domain="category" nicename="k"><![CDATA[Kegiatan]]></category>{tags}
<wp:postmeta><wp:meta_key>views</wp:meta_key><wp:meta_value>{number * 3}</wp:meta_value></wp:postmeta></item>
"""


def write_export(path, posts):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEAD)
        for number in range(1, posts + 1):
            handle.write(post(number))
        handle.write("</channel></rss>\n")


def timed(label, function):
    start = time.perf_counter()
    report = function()
    seconds = time.perf_counter() - start
    counts = report.counts
    print(
        f"{label}: {seconds:.1f} s ({counts['imported']} imported, {counts['updated']} updated, "
        f"{counts['skipped']} skipped, {counts['failed']} failed)"
    )
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from news.importers.report import ImportReport
    from news.importers.satker_lookup import satker_by_slug
    from news.importers.store import ArticleWriter
    from news.importers.wordpress import wxr_items
    from news.models import Article
    from satker.directory import build_directory, load_directory

    folder = tempfile.mkdtemp()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A file on disk, as in production, not the in-memory database tests use.
        settings.DATABASES["default"]["TEST"]["NAME"] = str(Path(folder) / "bench.sqlite3")
    settings.MEDIA_ROOT = Path(folder) / "media"
    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        load_directory(build_directory())
        satker = satker_by_slug("kota-kediri")
        if True:
            export = Path(folder) / "bench.xml"
            write_export(export, args.posts)
            size = export.stat().st_size / 1e6
            print(f"{args.posts} posts, {size:.0f} MB WXR, {connection.vendor}, Python {platform.python_version()}")

            def run():
                report = ImportReport()
                return ArticleWriter(report).write_all(wxr_items(export, satker=satker))

            first = timed("first import", run)
            again = timed("second import (all unchanged)", run)
            Article.objects.filter(satker=satker).update(title="Diubah")
            changed = timed("third import (all changed)", run)
        assert Article.objects.filter(satker=satker).count() == args.posts
        print(f"RESULT {connection.vendor} first={first:.1f}s unchanged={again:.1f}s changed={changed:.1f}s")
    finally:
        teardown_databases(old_config, verbosity=0)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
