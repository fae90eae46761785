"""The audit trail: logins, failed logins and publishing actions, read-only in the admin; the
superadmin sees everything, a satker admin only its own satker's events."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from news.models import Status
from ops.models import Action, AuditEvent
from satker.models import Role
from tests.factories import PASSWORD, ArticleFactory, satker, staff_user
from tests.news.newsroom.conftest import article_form_data

pytestmark = pytest.mark.django_db


def log_in(client, username, password=PASSWORD):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.9",
    )  # fmt: skip


def test_logins_and_failed_logins_are_recorded_with_satker_and_address(client):
    staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    log_in(client, "editor-kediri", "salah-sandi-1")
    log_in(client, "editor-kediri")
    failed, login = AuditEvent.objects.order_by("id")
    assert (failed.action, failed.username, failed.ip_address) == (Action.LOGIN_FAILED, "editor-kediri", "203.0.113.9")
    assert login.action == Action.LOGIN and login.satker == satker("kota-kediri")


def test_publishing_through_the_admin_is_recorded(client):
    editor = staff_user("editor-kediri", "kota-kediri", Role.EDITOR)
    client.force_login(editor)
    article = ArticleFactory(title="Pleno DPT", status=Status.DRAFT, published_at=None)
    client.post(
        reverse("admin:news_article_changelist"), {"action": "publish_action", "_selected_action": [article.pk]}
    )
    event = AuditEvent.objects.get(action=Action.STATUS)
    assert (event.user, event.article, event.satker) == (editor, article, article.satker)
    assert "Terbit" in event.detail


def test_saving_the_form_with_a_new_status_is_recorded_but_a_plain_edit_is_not(client):
    client.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    client.post(reverse("admin:news_article_add"), article_form_data(status="draft"))
    article = AuditEvent.objects.get(action=Action.STATUS).article  # created: - -> Draf
    client.post(reverse("admin:news_article_change", args=[article.pk]), article_form_data(title="Ubah judul"))
    client.post(reverse("admin:news_article_change", args=[article.pk]), article_form_data(status="published"))
    details = list(AuditEvent.objects.filter(action=Action.STATUS).order_by("id").values_list("detail", flat=True))
    assert len(details) == 2 and "Draf → Terbit" in details[1]


def test_a_satker_admin_sees_only_its_satkers_events_and_cannot_change_them():
    admin_kediri = staff_user("admin-kediri", "kota-kediri", Role.ADMIN)
    staff_user("editor-bandung", "kota-bandung", Role.EDITOR)
    Client().post(reverse("admin:login"), {"username": "editor-bandung", "password": "salah-sandi-1"})
    Client().post(reverse("admin:login"), {"username": "admin-kediri", "password": "salah-sandi-1"})
    client = Client()
    client.force_login(admin_kediri)
    page = client.get(reverse("admin:ops_auditevent_changelist")).content.decode()
    assert "admin-kediri" in page and "editor-bandung" not in page
    bandung = AuditEvent.objects.get(username="editor-bandung")
    assert client.get(reverse("admin:ops_auditevent_change", args=[bandung.pk])).status_code in (302, 404)
    mine = AuditEvent.objects.filter(username="admin-kediri").first()
    assert client.post(reverse("admin:ops_auditevent_delete", args=[mine.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:ops_auditevent_add")).status_code == 403


def test_the_superadmin_sees_every_event_and_an_editor_sees_none():
    get_user_model().objects.create_superuser("superadmin", "ri@kpu.go.id", PASSWORD)
    Client().post(reverse("admin:login"), {"username": "siapa-saja", "password": "x"})
    superadmin, editor = Client(), Client()
    superadmin.force_login(get_user_model().objects.get(username="superadmin"))
    assert "siapa-saja" in superadmin.get(reverse("admin:ops_auditevent_changelist")).content.decode()
    editor.force_login(staff_user("editor-kediri", "kota-kediri", Role.EDITOR))
    assert editor.get(reverse("admin:ops_auditevent_changelist")).status_code == 403
