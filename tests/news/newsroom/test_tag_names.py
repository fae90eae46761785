"""Tag names get a title's checks: a writer's tag heads a public page (#name) once the article is
published, so control characters, markup, overlong or letterless names are refused with an
Indonesian message naming the tag, in the article form and in the tag admin (issue 15)."""

import pytest
from django.urls import reverse

from news.models import Article, Tag
from news.newsroom.tag_forms import TAG_NAME_MAX_LENGTH, TagForm
from tests.factories import ArticleFactory
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db


def post_article(client, user, tags, article=None):
    client.force_login(user)
    data = article_form_data(title="Rapat Pleno Bertag", tags=tags)
    if article is None:
        return client.post(reverse("admin:news_article_add"), data)
    data.update(title=article.title, slug=article.slug, loaded_version=article.version)
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def tag_errors(response):
    assert response.status_code == 200, "the form was saved"
    return response.context["adminform"].form.errors["tags"]


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        ('pemilu, "<b>rahasia</b>"', ["<b>rahasia</b>", "< atau >"]),
        ('"a<script>alert(1)</script>"', ["tidak boleh memuat"]),
        ("pemilu, " + "x" * (TAG_NAME_MAX_LENGTH + 1), ["terlalu panjang", str(TAG_NAME_MAX_LENGTH)]),
        ("pemilu, jadwal\x07pleno", ["karakter kendali", "jadwal\N{REPLACEMENT CHARACTER}pleno"]),
        ("pemilu, \u202egnuk", ["karakter kendali"]),
        ("pemilu, ab\u200bcd", ["karakter kendali"]),
        ("!!!", ["huruf latin", "“!!!”"]),
        ("ééé", ["huruf latin"]),
    ],
    ids=["markup", "script", "long", "bell", "rtl-override", "zero-width", "symbols", "accents"],
)
def test_a_bad_tag_is_refused_with_an_indonesian_message_naming_it(client, writer, tags, words):
    errors = tag_errors(post_article(client, writer, tags))
    assert all(any(word in error for error in errors) for word in words), errors
    assert not Article.objects.filter(title="Rapat Pleno Bertag").exists()
    assert not Tag.objects.exclude(name="pemilu").exists()


def test_each_bad_tag_gets_its_own_message(client, writer):
    errors = tag_errors(post_article(client, writer, '"<i>satu</i>", "' + "y" * 60 + '", baik'))
    assert len(errors) == 2


def test_tag_names_are_tidied_and_kept_once(client, writer):
    response = post_article(client, writer, '"  Pleno   Terbuka ", "pleno\tterbuka", Rekapitulasi')
    assert response.status_code == 302
    article = Article.objects.get(title="Rapat Pleno Bertag")
    assert sorted(tag.name for tag in article.tags.all()) == ["Pleno Terbuka", "Rekapitulasi"]


def test_a_tag_of_the_longest_allowed_name_is_saved(client, writer):
    name = "p" * TAG_NAME_MAX_LENGTH
    assert post_article(client, writer, f"pemilu, {name}").status_code == 302
    assert Tag.objects.filter(name=name).exists()


def test_an_article_keeps_an_older_long_tag_it_already_carries(client, editor):
    long_name = "Tag lama dari situs WordPress yang namanya panjang sekali melebihi batas"
    article = ArticleFactory(tags=[long_name])
    response = post_article(client, editor, f'"{long_name}", pleno', article=article)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sorted(tag.name for tag in article.tags.all()) == [long_name, "pleno"]


def test_a_long_tag_another_article_carries_is_still_refused(client, writer):
    long_name = "Tag lama dari situs WordPress yang namanya panjang sekali melebihi batas"
    ArticleFactory(tags=[long_name])
    assert "terlalu panjang" in tag_errors(post_article(client, writer, f'"{long_name}"'))[0]


@pytest.mark.parametrize(
    ("name", "slug", "field", "word"),
    [
        ("<b>Pemilu</b>", "pemilu", "name", "< atau >"),
        ("Pemilu\x00", "pemilu", "name", None),
        ("Pemilu\x1b", "pemilu", "name", "karakter kendali"),
        ("x" * 51, "x", "name", "terlalu panjang"),
        ("%%%", "persen", "name", "huruf latin"),
        ("Pemilu", "pémilu", "slug", "huruf latin"),
        ("pemilu 2024", "pemilu-2024", "name", "sudah ada"),
    ],
)
def test_the_tag_admin_form_refuses_what_the_article_form_refuses(name, slug, field, word):
    Tag.objects.create(name="Pemilu 2024", slug="pemilu-2024-lama")
    form = TagForm({"name": name, "slug": slug})
    assert not form.is_valid()
    assert field in form.errors
    if word:
        assert any(word in error for error in form.errors[field]), form.errors


def test_the_tag_admin_form_saves_a_tidy_name():
    form = TagForm({"name": "  Rapat   Pleno ", "slug": "rapat-pleno"})
    assert form.is_valid(), form.errors
    assert form.save().name == "Rapat Pleno"


def test_renaming_a_tag_keeps_its_own_name_free():
    tag = Tag.objects.create(name="Pemilu", slug="pemilu")
    form = TagForm({"name": "pemilu", "slug": "pemilu"}, instance=tag)
    assert form.is_valid(), form.errors
