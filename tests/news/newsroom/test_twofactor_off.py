"""Turning two-factor login off asks for a current code from the authenticator app: a session
left open on a shared computer, or stolen, is not enough."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="ponsel", confirmed=True)


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def current_token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def turn_off(client, **fields):
    return client.post(reverse("admin:satker_membership_twofactor"), {"remove": "1", **fields})


def test_the_page_asks_for_a_code_to_turn_it_off(signed_in, device):
    page = signed_in.get(reverse("admin:satker_membership_twofactor"))
    assert page.status_code == 200 and 'name="token"' in page.text


def test_without_a_code_two_factor_stays_on(signed_in, device):
    response = turn_off(signed_in)
    assert response.status_code == 200
    assert "Isi kode dari aplikasi untuk mematikan verifikasi dua langkah." in response.text
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_with_a_wrong_code_two_factor_stays_on(signed_in, device):
    wrong = "000000" if current_token(device) != "000000" else "111111"
    response = turn_off(signed_in, token=wrong)
    assert response.status_code == 200
    assert "Kode salah atau sudah dipakai. Verifikasi dua langkah tetap aktif." in response.text
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


@pytest.mark.parametrize("token", ["1" * 100_000, "abc\x00def"])
def test_a_hostile_code_is_a_form_error(signed_in, device, token):
    response = turn_off(signed_in, token=token)
    assert response.status_code == 200 and 'class="errorlist' in response.text
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_with_the_current_code_two_factor_is_turned_off(signed_in, device):
    response = turn_off(signed_in, token=current_token(device))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=device.user).exists()


def test_a_code_already_used_to_sign_in_does_not_turn_it_off(client, editor, device):
    token = current_token(device)
    login = {"username": "editor-kediri", "password": PASSWORD, "otp_token": token}
    client.post(reverse("admin:login"), {**login, "next": reverse("admin:index")})
    assert "_auth_user_id" in client.session
    assert turn_off(client, token=token).status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
