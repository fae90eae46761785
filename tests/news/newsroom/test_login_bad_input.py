"""Hostile input on the admin login: an Indonesian form error, never a 500, and nothing stored.

Django's login form checked no length, so a 100,000-character username reached django-axes, whose
username column holds 255 characters: a DataError (500) on PostgreSQL. Run on both databases.
"""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from ops.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOO_LONG = "Isian ini terlalu panjang"


def login(client, **fields):
    data = {"username": "editor-kediri", "password": PASSWORD, "otp_token": "", "next": reverse("admin:index")}
    return client.post(reverse("admin:login"), {**data, **fields})


def assert_refused(response, message):
    assert response.status_code == 200
    assert message in response.text
    assert "_auth_user_id" not in response.wsgi_request.session


@pytest.mark.parametrize("length", [151, 256, 100_000])
def test_an_over_long_username_is_a_form_error_and_nothing_is_stored(client, editor, length):
    assert_refused(login(client, username="a" * length, password="salah-sandi-123"), TOO_LONG)
    assert not AccessAttempt.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_over_long_password_is_a_form_error(client, editor):
    assert_refused(login(client, password="x" * 100_000), TOO_LONG)


def test_an_over_long_code_is_a_form_error(client, editor):
    assert_refused(login(client, otp_token="1" * 100_000), "paling banyak 8 karakter")


def test_a_username_with_a_null_character_is_a_form_error(client, editor):
    assert_refused(login(client, username="editor\x00kediri"), "Karakter null tidak diizinkan")


def test_the_longest_allowed_username_is_an_ordinary_failed_login(client, editor):
    response = login(client, username="a" * 150, password="salah-sandi-123")
    assert response.status_code == 200 and TOO_LONG not in response.text
    assert AccessAttempt.objects.get().username == "a" * 150


def test_five_over_long_usernames_lock_nobody_out(client, editor):
    for _ in range(5):
        login(client, username="editor-kediri" + "x" * 1000, password="salah-sandi-123")
    assert login(client).status_code == 302


def test_a_right_login_still_works(client, editor):
    assert login(client).status_code == 302
