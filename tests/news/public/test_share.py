"""Share links and the metadata that makes a shared link look good in WhatsApp and Facebook."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TITLE = 'Rapat "Pleno" & Evaluasi — Pemilu Serentak, Kédiri 100%'


def share_hrefs(page):
    return {name: unescape(href) for name, href in re.findall(r'class="share-(\w+)" href="([^"]+)"', page)}


def test_share_links_carry_the_canonical_url_percent_encoded(client):
    article = ArticleFactory(title=TITLE)
    page = client.get(article.get_absolute_url()).text
    canonical = article.get_canonical_url()
    links = share_hrefs(page)
    assert set(links) == {"facebook", "x", "whatsapp", "telegram"}
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [canonical]}
    assert parse_qs(urlsplit(links["x"]).query) == {"text": [TITLE], "url": [canonical]}
    assert parse_qs(urlsplit(links["telegram"]).query) == {"url": [canonical], "text": [TITLE]}
    assert parse_qs(urlsplit(links["whatsapp"]).query) == {"text": [f"{TITLE} {canonical}"]}
    for href in links.values():
        assert " " not in href and '"' not in href and "+" not in urlsplit(href).query


def test_share_links_open_in_a_new_tab_without_opener(client):
    page = client.get(ArticleFactory().get_absolute_url()).text
    assert page.count('target="_blank" rel="noopener noreferrer"') == 4


def test_copy_and_native_share_buttons_wait_for_javascript(client):
    page = client.get(ArticleFactory().get_absolute_url()).text
    assert re.search(r'<button type="button" class="share-copy" data-url="[^"]+" hidden>', page)
    assert "js/share.js" in page


def test_open_graph_and_twitter_tags(client, image_file):
    article = ArticleFactory(
        title=TITLE, lead="Ringkasan untuk pratinjau.", featured_image=image_file(1200, 630), featured_image_alt="Foto"
    )
    page = client.get(article.get_absolute_url()).text
    meta = {
        key: unescape(value) for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)
    }
    assert meta["og:title"] == TITLE
    assert meta["og:type"] == "article"
    assert meta["og:description"] == "Ringkasan untuk pratinjau."
    assert meta["og:url"] == article.get_canonical_url()
    assert meta["og:image"].startswith("https://kota-kediri.kpu.go.id/media/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["article:published_time"] == article.published_at.astimezone().isoformat()
    assert meta["twitter:card"] == "summary_large_image"
    assert f"<title>{unescape(TITLE)}" in unescape(page)


def test_news_article_json_ld(client):
    article = ArticleFactory(title="Judul </script><script>alert(1)</script>")
    page = client.get(article.get_absolute_url()).text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["mainEntityOfPage"] == article.get_canonical_url()
    assert "<script>alert" not in page
