"""The XSS corpus through every way text enters the site (the article form's every text field,
the WordPress and text importers) never comes out executable on a public page, in a feed or a
sitemap of the running site."""

import io
from xml.sax.saxutils import escape

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from news.models import Article
from satker.models import Role
from tests.factories import staff_user
from tests.news.newsroom.conftest import article_form_data
from tests.ops.conftest import TIMEOUT, csrf_token, sign_in
from tests.ops.executable import executable_in_feed, executable_in_html
from tests.ops.xss import CORPUS

pytestmark = pytest.mark.django_db(transaction=True)

TEXT_FIELDS = ["title", "dateline", "lead", "body", "featured_image_alt", "featured_image_caption", "editor_credit"]
FEEDS = ["news:feed", "news:feed_atom"]


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (163, 20, 28)).save(buffer, "JPEG")
    return buffer.getvalue()


def publish_through_the_editor(http, base, number, payload):
    add = base + reverse("admin:news_article_add")
    token = csrf_token(http.get(add, timeout=TIMEOUT).text)
    fields = {name: payload for name in TEXT_FIELDS}
    fields["title"] = f"Uji XSS {number} {payload}"[:250]
    data = article_form_data(**fields, tags=f"uji-xss, {payload}", status="published", csrfmiddlewaretoken=token)
    data["_save"] = "Simpan"

    def post():
        files = {"featured_image": ("foto.jpg", jpeg(), "image/jpeg")}
        return http.post(add, data=data, files=files, headers={"Referer": add}, timeout=TIMEOUT, allow_redirects=False)

    response = post()
    if response.status_code == 200 and "Tag “" in response.text:
        # A tag with markup, hidden characters or no letters is refused with a message naming it.
        data["tags"] = f"uji-xss, xss-{number}"
        response = post()
    assert response.status_code == 302, f"not saved: {payload!r}\n{response.text[:3000]}"


def public_pages_of(articles):
    """(kind, path) of every public page and feed the articles appear on."""
    pages = [("html", reverse("home")), ("html", reverse("news:article_list"))]
    pages += [("html", reverse("news:article_list") + "?page=2"), ("html", reverse("news:search") + "?q=Uji")]
    pages += [("feed", reverse(name)) for name in FEEDS]
    pages += [("feed", reverse("news:satker_feed", args=["kota-kediri"])), ("feed", reverse("news_sitemap"))]
    pages += [("feed", reverse("sitemap_section", args=["berita"]))]
    for article in articles:
        pages.append(("html", article.get_absolute_url()))
        for tag in article.tags.all():
            pages += [
                ("html", reverse("news:tag_detail", args=[tag.slug])),
                ("feed", reverse("news:tag_feed", args=[tag.slug])),
            ]
    return pages


def executable_on_public_pages(http, base, articles):
    found = []
    for kind, path in dict.fromkeys(public_pages_of(articles)):
        response = http.get(base + path, timeout=TIMEOUT)
        assert response.status_code == 200, path
        finder = executable_in_feed if kind == "feed" else executable_in_html
        found += finder(response.text, path)
    return found


def test_the_xss_corpus_in_every_text_field_of_the_editor_never_runs_on_public_pages(live_server, directory, settings):
    settings.PAGE_CACHE_SECONDS = 0
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    with requests.Session() as editor, requests.Session() as reader:
        sign_in(editor, live_server.url, "editor-kediri", settings)
        for number, payload in enumerate(CORPUS):
            publish_through_the_editor(editor, live_server.url, number, payload)
        articles = list(Article.objects.filter(title__startswith="Uji XSS"))
        assert len(articles) == len(CORPUS)
        assert executable_on_public_pages(reader, live_server.url, articles) == []


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wxr(payloads):
    items = "".join(
        f"""<item><title>{cdata(f"Impor XSS {n} {payload}")}</title>
<link>https://kota-kediri.kpu.go.id/?p={900 + n}</link>
<dc:creator>{cdata(payload)}</dc:creator>
<content:encoded>{cdata(f"<p>Kediri, kota-kediri.kpu.go.id - Isi {n}.</p>{payload}<p>{payload}</p>")}</content:encoded>
<excerpt:encoded>{cdata(payload)}</excerpt:encoded>
<wp:post_id>{900 + n}</wp:post_id><wp:post_date_gmt>2024-05-0{1 + n % 9} 08:00:00</wp:post_date_gmt>
<wp:post_name>{escape(f"impor-xss-{n}")}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="x">{cdata(payload)}</category>
<category domain="post_tag" nicename="impor-xss">{cdata("impor-xss")}</category>
<category domain="post_tag" nicename="t{n}">{cdata(payload)}</category>
</item>"""
        for n, payload in enumerate(payloads)
    )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>KPU Kota Kediri</title>
<link>https://kota-kediri.kpu.go.id</link><wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"""


def saved_page(n, payload):
    return "\n".join(
        [
            "Berita Terkini",
            "Senin, 6 Mei 2024",
            f"Impor Teks XSS {n} {payload}",
            f"Kediri, kota-kediri.kpu.go.id - {payload}",
            "",
            f"Paragraf kedua {payload}",
            f"(humas/ed: {payload})",
        ]
    )


def test_the_xss_corpus_through_both_importers_never_runs_on_public_pages(live_server, directory, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    export = tmp_path / "kota-kediri.xml"
    export.write_text(wxr(CORPUS), encoding="utf-8")
    call_command("import_wordpress", str(export), satker="kota-kediri", stdout=io.StringIO(), stderr=io.StringIO())
    pages = tmp_path / "teks"
    pages.mkdir()
    for n, payload in enumerate(CORPUS):
        (pages / f"{n}.txt").write_text(saved_page(n, payload), encoding="utf-8")
    try:
        call_command("import_text", str(pages), satker="kota-kediri", stdout=io.StringIO(), stderr=io.StringIO())
    except Exception as exc:  # a page the importer refuses is fine; one it imports must be safe
        print(f"import_text reported: {exc}")
    imported = list(Article.objects.filter(title__startswith="Impor"))
    assert len([a for a in imported if a.title.startswith("Impor XSS")]) == len(CORPUS)
    assert len([a for a in imported if a.title.startswith("Impor Teks XSS")]) >= len(CORPUS) - 3
    with requests.Session() as reader:
        assert executable_on_public_pages(reader, live_server.url, imported) == []
