"""Accounts: lock-out, two-factor login, strong passwords, and Admin satker managing its own staff."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from satker.models import Membership, Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def login(client, username, password, token=""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": token, "next": reverse("admin:index")},
    )


def current_token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(client, editor):
    for _attempt in range(5):
        login(client, "editor-kediri", "salah-sandi-123")
    response = login(client, "editor-kediri", PASSWORD)
    assert response.status_code == 429
    assert "dikunci" in response.text
    assert "_auth_user_id" not in client.session


def test_a_right_password_signs_in_after_a_few_mistakes(client, editor):
    for _attempt in range(3):
        login(client, "editor-kediri", "salah-sandi-123")
    assert login(client, "editor-kediri", PASSWORD).status_code == 302


def test_a_weak_password_is_refused_for_a_new_account(client, satker_admin):
    client.force_login(satker_admin)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "baru",
            "usable_password": "true",
            "password1": "12345678",
            "password2": "12345678",
            "role": "writer",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="baru").exists()


def test_an_admin_satker_creates_an_account_for_the_own_satker(client, satker_admin):
    client.force_login(satker_admin)
    password = "Pemilu-Jujur-Adil-2029"
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "penulis-baru",
            "usable_password": "true",
            "password1": password,
            "password2": password,
            "role": "editor",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="penulis-baru")
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert (user.membership.satker.slug, user.membership.role) == ("kota-kediri", Role.EDITOR)
    assert user.has_perm("news.publish_article")


def test_an_admin_satker_sees_only_the_own_satkers_accounts(client, satker_admin, editor, bandung_editor, superadmin):
    client.force_login(satker_admin)
    listed = {u.username for u in client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list}
    assert listed == {"admin-kediri", "editor-kediri"}


def test_an_admin_satker_cannot_open_or_change_another_satkers_account(client, satker_admin, bandung_editor):
    client.force_login(satker_admin)
    url = reverse("admin:auth_user_change", args=[bandung_editor.pk])
    assert client.get(url).status_code == 302
    client.post(url, {"username": "dibajak", "role": "writer", "is_active": ""})
    bandung_editor.refresh_from_db()
    assert (bandung_editor.username, bandung_editor.is_active) == ("editor-bandung", True)


def test_an_admin_satker_cannot_touch_a_superadmin(client, satker_admin, superadmin):
    client.force_login(satker_admin)
    assert client.get(reverse("admin:auth_user_change", args=[superadmin.pk])).status_code == 302
    response = client.post(
        reverse("admin:auth_user_password_change", args=[superadmin.pk]),
        {"password1": "Baru-Sekali-2029x", "password2": "Baru-Sekali-2029x"},
    )
    assert response.status_code in (302, 403, 404)
    superadmin.refresh_from_db()
    assert superadmin.check_password(PASSWORD)


@pytest.mark.parametrize("role", ["writer", "editor"])
def test_writers_and_editors_cannot_manage_accounts(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403


def test_an_admin_satker_changes_a_colleagues_role(client, satker_admin, writer):
    client.force_login(satker_admin)
    response = client.post(
        reverse("admin:auth_user_change", args=[writer.pk]),
        {
            "username": writer.username,
            "role": "editor",
            "is_active": "on",
            "first_name": "",
            "last_name": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=writer).role == Role.EDITOR


class TestTwoFactor:
    @pytest.fixture
    def device(self, editor):
        return TOTPDevice.objects.create(user=editor, name="ponsel", confirmed=True)

    def test_an_enrolled_account_needs_its_code(self, client, editor, device):
        response = login(client, "editor-kediri", PASSWORD)
        assert response.status_code == 200 and "Kode verifikasi salah" in response.text
        assert login(client, "editor-kediri", PASSWORD, token=current_token(device)).status_code == 302

    def test_a_wrong_code_does_not_sign_in(self, client, editor, device):
        response = login(client, "editor-kediri", PASSWORD, token="000000")
        assert response.status_code == 200 and "Kode verifikasi salah" in response.text
        assert "_auth_user_id" not in client.session

    def test_an_account_without_a_device_signs_in_with_its_password(self, client, editor):
        assert login(client, "editor-kediri", PASSWORD).status_code == 302

    def test_an_editor_enrols_a_device(self, client, editor):
        client.force_login(editor)
        url = reverse("admin:satker_membership_twofactor")
        page = client.get(url)
        assert page.status_code == 200 and "<svg" in page.text
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
        assert client.post(url, {"token": current_token(device)}).status_code == 302
        device.refresh_from_db()
        assert device.confirmed

    def test_a_wrong_code_does_not_enrol(self, client, editor):
        client.force_login(editor)
        url = reverse("admin:satker_membership_twofactor")
        client.get(url)
        assert "Kode salah" in client.post(url, {"token": "000000"}).text
        assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()

    def test_when_mandatory_staff_without_a_device_are_sent_to_enrol(self, client, editor, settings):
        settings.KPU_REQUIRE_2FA = True
        client.force_login(editor)
        response = client.get(reverse("admin:news_article_changelist"))
        assert response.status_code == 302 and response["Location"] == reverse("admin:satker_membership_twofactor")
        assert client.get(reverse("admin:satker_membership_twofactor")).status_code == 200

    def test_when_mandatory_a_verified_login_reaches_the_newsroom(self, client, editor, device, settings):
        settings.KPU_REQUIRE_2FA = True
        login(client, "editor-kediri", PASSWORD, token=current_token(device))
        assert client.get(reverse("admin:news_article_changelist")).status_code == 200

    def test_when_mandatory_the_device_cannot_be_removed(self, client, editor, device, settings):
        settings.KPU_REQUIRE_2FA = True
        login(client, "editor-kediri", PASSWORD, token=current_token(device))
        client.post(reverse("admin:satker_membership_twofactor"), {"remove": "1"})
        assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_session_ends_with_the_browser_and_after_eight_hours(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
