"""Every URL the admin exposes, walked as each staff role, against the unpublished articles of a
satker the role may not read: none of their titles, slugs or file names shows, and an existing
id answers exactly as a missing one.

The URLs come from the admin site itself (its registry, each ModelAdmin's URL patterns, list
filters, actions and autocomplete fields), so a model admin added later is walked without
editing this file.
"""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from legacy.models import OldLink
from news.models import Article, ArticleImage, Revision, Status, Tag
from news.newsroom import revisions
from ops.models import Action, AuditEvent
from satker.models import Membership, Role
from tests.factories import satker, staff_user
from tests.news.newsroom.conftest import image_bytes

pytestmark = pytest.mark.django_db

# The hidden rows get ids this large, so putting MISSING in their place in a page changes
# nothing else (a "3" would also turn up in dates and counts).
FIRST_ID = 7_000_000
MISSING = 7_999_999  # an id no row has; every probed id answers as this one
MISSING_2 = 7_999_998  # the second id of a route with two (an article's revision)
# Not posted: a 30-digit id in a many-to-many field overflows SQLite inside Django's form
# (ModelMultipleChoiceField's `__in` query); PostgreSQL just finds no row.
MALFORMED = ["bukan-angka", "9" * 30]
STANDARD_VIEWS = {"changelist", "add", "history", "delete", "change"}
# (satker, role) of each walker; None: a staff account with no satker at all.
ROLES = {
    "penulis": ("kota-kediri", Role.WRITER),
    "editor": ("kota-kediri", Role.EDITOR),
    "admin_satker": ("kota-kediri", Role.ADMIN),
    "admin_provinsi": ("prov-jawa-timur", Role.ADMIN),
    "tanpa_satker": None,
}
# Kota Ambon (Maluku) is another satker for every walker; Kota Malang is a kab/kota of Jawa Timur,
# so the province reads it by design and only the others must not.
HIDDEN = {
    "kota-ambon": set(ROLES),
    "kota-malang": set(ROLES) - {"admin_provinsi"},
}
STATES = {
    "draf": {"status": Status.DRAFT, "published_at": None},
    "terjadwal": {"status": Status.PUBLISHED, "published_at": timezone.timedelta(days=3)},
    "arsip": {"status": Status.ARCHIVED, "published_at": timezone.timedelta(days=-30)},
}


class World:
    """The hidden rows of one satker and the strings that must never show."""

    def __init__(self, slug, first_id):
        self.satker = satker(slug)
        self.secrets = []
        self.rows = {}  # model -> pks, for models no lookup reaches
        self.revision_of = {}
        city = slug.split("-", 1)[1]
        next_id = iter(range(first_id, first_id + 1000))
        User = get_user_model()
        author = User.objects.create(pk=next(next_id), username=f"penulis-{city}", is_staff=True)
        Membership.objects.create(pk=next(next_id), user=author, satker=self.satker, role=Role.WRITER)
        self.articles = []
        for label, state in STATES.items():
            article = self.article(next(next_id), city, label, state, author)
            revision = revisions.record(article, author)
            Revision.objects.filter(pk=revision.pk).update(id=next(next_id))
            self.revision_of[article.pk] = Revision.objects.get(article=article).pk
            OldLink.objects.create(
                pk=next(next_id),
                satker=self.satker,
                old_url=f"/lama/{label}/",
                key=f"path:/lama/{label}/",
                article=article,
            )
            AuditEvent.objects.create(
                pk=next(next_id),
                action=Action.STATUS,
                user=author,
                satker=self.satker,
                article=article,
                detail=article.title,
            )
            LogEntry.objects.log_actions(author.pk, [article], ADDITION)
            self.articles.append(article)
        tag = Tag.objects.create(pk=next(next_id), name=f"embargotag-{city}-zulu", slug=f"embargotag-{city}-zulu")
        self.articles[0].tags.add(tag)
        self.secrets.append(tag.name)

    def article(self, pk, city, label, state, author):
        published_at = state["published_at"] and timezone.now() + state["published_at"]
        article = Article(
            pk=pk,
            satker=self.satker,
            title=f"Embargo {label.title()} {city.title()} Zulu",
            slug=f"embargo-{label}-{city}-zulu-slug",
            lead="Ringkasan.",
            body="<p>Isi.</p>",
            status=state["status"],
            published_at=published_at,
            author=author,
            featured_image_alt="Foto",
        )
        article.featured_image.save(f"foto-{label}-{city}-zulu.jpg", ContentFile(image_bytes()), save=False)
        article.attachment.save(f"lampiran-{label}-{city}-zulu.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        article.save()
        image = ArticleImage(article=article, alt_text="Foto galeri", position=1)
        image.image.save(f"galeri-{label}-{city}-zulu.jpg", ContentFile(image_bytes()), save=False)
        image.save()
        self.secrets += [
            article.title,
            article.slug,
            Path(article.attachment.name).name,
            Path(article.featured_image.name).name,
            Path(image.image.name).name,
        ]
        return article


LOOKUPS = [
    "pk__in",  # the article itself
    "satker",
    "article__satker",
    "content_object__satker",
    "membership__satker",
    "user__membership__satker",
    "tagged_articles__content_object__satker",
]


def hidden_pks(model, world):
    """Pks of `model`'s rows that belong to the world's satker, found by the first lookup that fits."""
    if model is Article:
        return [article.pk for article in world.articles]
    if model._meta.label == "satker.Satker":
        return [world.satker.pk]
    for lookup in LOOKUPS[1:]:
        try:
            rows = model._default_manager.filter(**{lookup: world.satker})
            return sorted(set(rows.values_list("pk", flat=True)))
        except FieldError:
            continue
    return []


@pytest.fixture
def worlds():
    return {slug: World(slug, first_id=FIRST_ID + n * 100_000) for n, slug in enumerate(HIDDEN)}


def walker(name):
    if ROLES[name] is None:
        return get_user_model().objects.create(username="staf-tanpa-satker", is_staff=True)
    slug, role = ROLES[name]
    return staff_user(f"{name}-walk", slug, role)


def filter_links(model_admin, superuser):
    """The query strings of every list filter's choices, as the superadmin sees them (all satker),
    and each related filter's parameter; the walker then opens them with its own rights."""
    request = RequestFactory().get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    links, related = [], []
    for spec in changelist.filter_specs:
        links += [choice["query_string"] for choice in spec.choices(changelist)]
        if isinstance(spec, RelatedFieldListFilter):
            related.append((spec.lookup_kwarg, spec.field.related_model))
    return links, related


def walk(pools, superuser):
    """(key, probe id, method, url, data): every URL of every registered model admin. Requests
    with an id are built for MISSING too; `key` groups a URL with its MISSING twin."""
    probes = []

    def probe(method, url, data=None, ids=(), second=None):
        probes.append((method + url, MISSING, method, url, data))
        for pk in ids:
            filled = url.replace(str(MISSING), str(pk)).replace(str(MISSING_2), str((second or {}).get(pk, MISSING_2)))
            filled_data = {key: pk if value == MISSING else value for key, value in (data or {}).items()}
            probes.append((method + url, pk, method, filled, filled_data))

    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        ids = pools.get(model, [])
        changelist = reverse(f"{name}_changelist")
        for query in ["", "?_facets=1", "?q=Zulu", "?_popup=1"]:
            probe("GET", changelist + query)
        links, related = filter_links(model_admin, superuser)
        for link in links:
            probe("GET", changelist + link)
        for param, target in related:
            probe("GET", f"{changelist}?{param}={MISSING}", ids=pools.get(target, []))
        for _function, action, _description in model_admin._get_base_actions():
            data = {"action": action, "_selected_action": [MISSING], "index": 0}
            probes.append(("POST" + changelist + action, MISSING, "POST", changelist, data))
            if ids:  # all hidden rows at once
                data = {"action": action, "_selected_action": ids, "index": 0}
                probes.append(("POST" + changelist + action, ids[0], "POST", changelist, data))
        add = reverse(f"{name}_add")
        probe("GET", add)
        for field in opts.get_fields():
            if field.is_relation and field.concrete and field.related_model is not None:
                target_ids = pools.get(field.related_model, [])
                probe("GET", f"{add}?{field.name}={MISSING}", ids=target_ids)
                probe("POST", add, {field.name: MISSING}, ids=target_ids)
                for malformed in MALFORMED:
                    probe("GET", f"{add}?{field.name}={malformed}")
                probe("POST", add, {field.name: MALFORMED[0]})
        for view in ["change", "history", "delete"]:
            probe("GET", reverse(f"{name}_{view}", args=[MISSING]), ids=ids)
        probe("GET", changelist + f"{MISSING}/", ids=ids)
        ct = ContentType.objects.get_for_model(model)
        probe("GET", reverse("admin:view_on_site", args=[ct.pk, MISSING]), ids=ids)
        for field_name in model_admin.autocomplete_fields:
            for term in ["", "Zulu", "embargo"]:
                query = f"app_label={opts.app_label}&model_name={opts.model_name}&field_name={field_name}&term={term}"
                probe("GET", f"{reverse('admin:autocomplete')}?{query}")
        for pattern in model_admin.get_urls():
            view = (pattern.name or "").removeprefix(f"{opts.app_label}_{opts.model_name}_")
            if not pattern.name or view in STANDARD_VIEWS:
                continue
            params = list(pattern.pattern.converters)
            url = reverse(f"admin:{pattern.name}", kwargs=dict(zip(params, [MISSING, MISSING_2], strict=False)))
            second = pools.get("second")
            if params:
                for query in ["", f"?a={MISSING_2}&b={MISSING_2}"]:
                    probe("GET", url + query, ids=ids, second=second)
                probe("POST", url, {}, ids=ids, second=second)
            else:
                for slug in HIDDEN:
                    probe("GET", f"{url}?satker={slug}")
                for query in ["", "?format=csv", "?urut=-terakhir"]:
                    probe("GET", url + query)
    return probes


def normalized(response, pk):
    """Status, redirect and page with the probed id and the form's CSRF token taken out."""
    if response.streaming:
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    location = response.get("Location", "")
    if pk != MISSING:
        body, location = (re.sub(rf"\b{pk}\b", str(MISSING), text) for text in (body, location))
    return response.status_code, location, body


@pytest.mark.parametrize("role", list(ROLES))
def test_no_admin_url_shows_another_satkers_unpublished_article(client, settings, worlds, role):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    superuser = get_user_model().objects.create_superuser("superadmin-walk", "ri@kpu.go.id", "x")
    hidden = [world for slug, world in worlds.items() if role in HIDDEN[slug]]
    pools = {}
    for model in [*admin.site._registry, Article, get_user_model()]:
        pools[model] = [pk for world in hidden for pk in hidden_pks(model, world)]
    pools["second"] = {pk: rev for world in hidden for pk, rev in world.revision_of.items()}
    secrets = [secret.lower() for world in hidden for secret in world.secrets]
    client.force_login(walker(role))

    answers, leaks, differ = {}, [], []
    for key, pk, method, url, data in walk(pools, superuser):
        response = client.get(url) if method == "GET" else client.post(url, data)
        client.cookies.pop("messages", None)  # a message of one request must not show on the next
        assert response.status_code < 500, f"{method} {url}"
        answer = normalized(response, pk)
        text = f"{answer[1]} {response.get('Content-Disposition', '')} {answer[2]}".lower()
        leaks += [f"{method} {url}: {secret}" for secret in secrets if secret in text]
        if pk == MISSING:
            answers[key] = answer
        elif pk >= FIRST_ID and answers[key] != answer:  # satker ids are the public directory's
            differ.append(f"{method} {url} ({answer[0]}) vs id {MISSING} ({answers[key][0]})")
    assert not leaks, "\n".join(leaks)
    assert not differ, "\n".join(differ)
