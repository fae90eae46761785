"""schema.org NewsArticle JSON-LD for the article page, safe to place in a <script> block."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from news.links import absolute_url, site_root


def correction_jsonld(correction):
    return {"@type": "CorrectionComment", "text": correction.text, "datePublished": correction.noted_at.isoformat()}


def news_article_jsonld(article, canonical_url, corrections=()):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "mainEntityOfPage": canonical_url,
        "url": canonical_url,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.revised_at or article.published_at).isoformat() if article.published_at else None,
        "author": {"@type": "Organization", "name": article.satker.name, "url": site_root(article.satker)},
        "publisher": {"@type": "Organization", "name": "Komisi Pemilihan Umum", "url": site_root()},
        "inLanguage": "id",
    }
    if corrections:
        data["correction"] = [correction_jsonld(correction) for correction in corrections]
        changed = [article.revised_at or article.published_at, *(c.noted_at for c in corrections)]
        data["dateModified"] = max(filter(None, changed)).isoformat()
    if article.featured_image:
        data["image"] = [absolute_url(article.satker, article.featured_image.url)]
    # Escapes <, > and & so the text can never close the <script> element it stands in.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))
