"""Test data builders. Satker come from the real directory, loaded once per test session."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from news.models import Article, Division, Status
from satker.accounts import create_satker_user
from satker.models import Satker

PASSWORD = "uji-rahasia-2024"


def hourly_articles(count, title, start_days_ago, drafts=0, satker_slug="kota-kediri"):
    """`count` published articles one hour apart, newest first (title.format(n=0) newest),
    then `drafts` drafts: bulk-created, for listings deep enough to page through."""
    base = timezone.now() - timedelta(days=start_days_ago)
    unit = satker(satker_slug)
    Article.objects.bulk_create(
        Article(
            satker=unit,
            title=title.format(n=n),
            slug=f"{slugify(title.format(n=n))}-{n}",
            body="<p>Isi.</p>",
            status=Status.PUBLISHED if n < count else Status.DRAFT,
            published_at=base - timedelta(hours=n),
        )
        for n in range(count + drafts)
    )


def satker(slug):
    return Satker.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


def staff_user(username, satker_slug, role):
    """A staff account bound to one satker with a role, as create_satker_user makes it."""
    return create_satker_user(username, satker(satker_slug), role, PASSWORD)


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    name = factory.Sequence(lambda n: f"Divisi Uji {n}")
    slug = factory.Sequence(lambda n: f"divisi-uji-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    satker = factory.LazyFunction(lambda: satker("kota-kediri"))
    title = factory.Sequence(lambda n: f"Rapat Pleno Terbuka Nomor {n}")
    lead = "Rapat pleno membahas daftar pemilih."
    body = "<p>Isi berita.</p>"
    dateline = "Kediri"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))

    @factory.post_generation
    def divisions(self, create, extracted, **kwargs):
        if create and extracted:
            self.divisions.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
