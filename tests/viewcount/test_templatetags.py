"""{% view_beacon article %}: the markup the article page includes."""

import pytest
from django.template import Context, Template
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def render(article):
    return Template("{% load viewcount %}{% view_beacon article %}").render(Context({"article": article}))


def test_the_beacon_loads_views_js_deferred_with_the_article_in_data_attributes():
    article = ArticleFactory()
    html = render(article)
    assert f'src="{static("js/views.js")}" defer' in html
    assert f'data-view-url="{reverse("viewcount:record")}"' in html
    assert f'data-article="{article.pk}"' in html


def test_the_beacon_has_no_inline_script_for_a_strict_csp():
    html = render(ArticleFactory())
    assert "></script>" in html and html.count("<script") == 1
    assert "onload" not in html and "javascript:" not in html


def test_readers_without_javascript_load_the_counting_pixel():
    article = ArticleFactory()
    html = render(article)
    assert f'<noscript><img src="{reverse("viewcount:pixel")}?artikel={article.pk}"' in html
