"""TOTP two-factor login for staff: verified at the admin login, mandatory when KPU_REQUIRE_2FA is on."""

import base64
import logging

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

# Pages a signed-in staff user without a verified second factor may still open.
OPEN_PATHS = ("admin:satker_membership_twofactor", "admin:logout", "admin:login", "admin:jsi18n")


def two_factor_required():
    return getattr(settings, "KPU_REQUIRE_2FA", False)


class RequireTwoFactorMiddleware:
    """When 2FA is mandatory, sends staff without a verified TOTP device to the enrolment page.

    Runs after django_otp's OTPMiddleware, which sets `request.user.is_verified()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_enrol(request):
            return redirect("admin:satker_membership_twofactor")
        return self.get_response(request)

    def must_enrol(self, request):
        user = getattr(request, "user", None)
        if not two_factor_required() or user is None or not user.is_authenticated or not user.is_staff:
            return False
        if not request.path.startswith(reverse("admin:index")) and not request.path.startswith("/ckeditor/"):
            return False
        if request.path in {reverse(name) for name in OPEN_PATHS}:
            return False
        return not user.is_verified()


# Longer than any password manager makes; a longer one is refused before it is hashed.
PASSWORD_MAX_LENGTH = 4096


class StaffLoginForm(AdminAuthenticationForm):
    """The admin login with a TOTP code, asked of every account that has enrolled a device.

    Over-long fields are form errors, checked before authentication: Django's login form sets the
    username's maxlength attribute only, so 100,000 characters reached django-axes, whose username
    column holds 255 (a 500 on PostgreSQL).
    """

    otp_token = forms.CharField(
        label=_("Kode verifikasi (aplikasi autentikator)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Isi bila akun Anda memakai verifikasi dua langkah."),
    )

    def clean_username(self):
        return within_length(self.cleaned_data["username"], self.username_field.max_length)

    def clean_password(self):
        return within_length(self.cleaned_data["password"], PASSWORD_MAX_LENGTH)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user_has_device(user):
            return
        token = (self.cleaned_data.get("otp_token") or "").replace(" ", "")
        device = match_token(user, token) if token else None
        if device is None:
            logger.warning("Wrong or missing TOTP code for %s", user)
            raise ValidationError(_("Kode verifikasi salah atau belum diisi."), code="otp_invalid")
        user.otp_device = device  # django_otp's login signal keeps it in the session


def within_length(value, max_length):
    if len(value) > max_length:
        raise ValidationError(
            _("Isian ini terlalu panjang: paling banyak %(max)d karakter."),
            code="max_length",
            params={"max": max_length},
        )
    return value


def enrolment_device(user):
    """The user's unconfirmed TOTP device to enrol, made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)


def qr_svg(url):
    return segno.make(url, error="m").svg_inline(scale=4)


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(label=_("Kode 6 angka dari aplikasi"), max_length=8)


class RemoveDeviceForm(forms.Form):
    """Turning two-factor off asks for a current code: a borrowed or stolen session alone must not."""

    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Isi kode dari aplikasi untuk mematikan verifikasi dua langkah.")},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        # verify_token refuses a code already used (the login's own) and throttles wrong guesses.
        if not self.device.verify_token(self.cleaned_data["token"].replace(" ", "")):
            raise ValidationError(
                _("Kode salah atau sudah dipakai. Verifikasi dua langkah tetap aktif."), code="otp_invalid"
            )
        return self.cleaned_data["token"]


def twofactor_view(request, model_admin):
    """Enrol (or remove) a TOTP authenticator for the signed-in staff user."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    remove_form = RemoveDeviceForm(request.POST if request.POST.get("remove") else None, device=confirmed)
    if request.method == "POST" and request.POST.get("remove") and confirmed:
        if two_factor_required():
            messages.error(request, _("Verifikasi dua langkah wajib; perangkat tidak dapat dihapus."))
            return redirect("admin:satker_membership_twofactor")
        if remove_form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
            return redirect("admin:satker_membership_twofactor")
    device = None if confirmed else enrolment_device(user)
    form = ConfirmDeviceForm(request.POST or None)
    if device and request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Verifikasi dua langkah aktif. Kode akan diminta setiap kali masuk."))
            return redirect("admin:index")
        form.add_error("token", _("Kode salah. Periksa jam ponsel Anda dan coba lagi."))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Verifikasi dua langkah"),
        "confirmed": confirmed,
        "required": two_factor_required(),
        "device": device,
        "secret": base64.b32encode(device.bin_key).decode() if device else "",
        "qr": mark_safe(qr_svg(device.config_url)) if device else "",  # segno's own SVG, no user text
        "form": form,
        "remove_form": remove_form,
    }
    return TemplateResponse(request, "newsroom/twofactor.html", context)
