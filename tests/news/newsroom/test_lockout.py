"""The login lock-out (satker/lockout.py): by username and address together, longer each time.

Every request comes through the same nginx (REMOTE_ADDR is the proxy), which names the reader in
X-Real-IP, as docs/deployment.md sets it up.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
OFFICE = "203.0.113.9"  # the editor's office in Kediri
GUESSER = "198.51.100.66"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.KPU_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def login(client, address, password, username="editor-kediri"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP=address,
    )


def fail(client, address, times):
    return [login(client, address, "salah-sandi-123").status_code for _ in range(times)]


def test_five_wrong_passwords_from_one_address_lock_that_address_out(client, editor, clock):
    assert fail(client, GUESSER, 5) == [200, 200, 200, 200, 429]
    response = login(client, GUESSER, PASSWORD)
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.text and "dikunci selama 1 menit" in response.text
    assert "_auth_user_id" not in client.session


def test_the_editor_still_signs_in_from_the_office_while_a_guesser_is_locked_out(client, editor, clock):
    fail(client, GUESSER, 5)
    assert login(client, OFFICE, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_guesser_cannot_lock_the_editor_out_by_spreading_failures_over_addresses(client, editor, clock):
    for n in range(10):
        fail(client, f"198.51.100.{n}", 4)
    assert login(client, OFFICE, PASSWORD).status_code == 302


def test_colleagues_behind_the_same_office_address_are_not_locked_out(client, editor, writer, clock):
    fail(client, OFFICE, 5)
    assert login(client, OFFICE, PASSWORD, username="penulis-kediri").status_code == 302


def test_the_first_lock_out_ends_after_a_minute(client, editor, clock):
    fail(client, GUESSER, 5)
    clock.shift(timedelta(seconds=50))
    assert login(client, GUESSER, PASSWORD).status_code == 429
    clock.shift(timedelta(seconds=15))
    assert login(client, GUESSER, PASSWORD).status_code == 302


def test_a_second_lock_out_from_the_same_address_lasts_longer(client, editor, clock):
    fail(client, GUESSER, 5)
    clock.shift(timedelta(minutes=1, seconds=5))
    response = login(client, GUESSER, "salah-sandi-123")
    assert response.status_code == 429 and "dikunci selama 5 menit" in response.text
    clock.shift(timedelta(minutes=4))
    assert login(client, GUESSER, PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=1, seconds=5))
    assert login(client, GUESSER, PASSWORD).status_code == 302


def test_repeated_lock_outs_grow_to_half_an_hour_and_no_further(client, editor, clock):
    fail(client, GUESSER, 5)
    shown = []
    for wait in (1, 5, 15, 30, 30):
        clock.shift(timedelta(minutes=wait, seconds=5))
        response = login(client, GUESSER, "salah-sandi-123")
        assert response.status_code == 429
        shown.append(next(m for m in (5, 15, 30) if f"dikunci selama {m} menit" in response.text))
    assert shown == [5, 15, 30, 30, 30]


def test_tries_during_a_lock_out_do_not_make_it_longer(client, editor, clock):
    fail(client, GUESSER, 5)
    clock.shift(timedelta(seconds=30))
    assert fail(client, GUESSER, 3) == [429, 429, 429]
    clock.shift(timedelta(seconds=35))
    assert login(client, GUESSER, PASSWORD).status_code == 302


def test_failures_more_than_half_an_hour_apart_do_not_add_up(client, editor, clock):
    fail(client, GUESSER, 4)
    clock.shift(timedelta(minutes=31))
    assert fail(client, GUESSER, 4) == [200, 200, 200, 200]
    assert login(client, GUESSER, PASSWORD).status_code == 302


def test_a_right_password_after_a_lock_out_starts_the_count_over(client, editor, clock):
    fail(client, GUESSER, 5)
    clock.shift(timedelta(minutes=1, seconds=5))
    assert login(client, GUESSER, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, GUESSER, 5) == [200, 200, 200, 200, 429]
