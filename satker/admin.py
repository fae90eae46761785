import logging

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .accounts import assign_role, satker_accounts
from .forms import WebURLField
from .models import Membership, Role, Satker, ServiceLink
from .scoping import editable_satker, membership_of, readable_satker
from .twofactor import StaffLoginForm, twofactor_view

logger = logging.getLogger(__name__)
User = get_user_model()

# The admin login asks for the TOTP code of accounts that enrolled one (satker/twofactor.py).
admin.site.login_form = StaffLoginForm
admin.site.login_template = "admin/kpu_login.html"


def view_on_site(request, content_type_id, object_id):
    """The admin's "Lihat di situs" redirect (/admin/r/<type>/<id>/), for an object the user may
    see in the admin only. Django's own answers any staff user with the public URL of any object,
    so a draft's slug and existence leaked. Anything else, existing or not, is the same bare 404."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise Http404
    obj = model_admin.get_object(request, object_id)  # from the admin's scoped queryset; None if not there
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)


class AutocompleteSelect(widgets.AutocompleteSelect):
    """Django's, but a malformed id sent back (`?article=abc`, a forged POST) renders no choice
    instead of failing the page with a 500."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self.well_formed(v)], attr)

    def well_formed(self, value):
        target = self.field.target_field
        try:
            target.run_validators(target.to_python(value))  # the validators hold the column's range
        except ValidationError:
            return False
        return True


class TolerantAutocompleteAdmin(admin.ModelAdmin):
    """Autocomplete fields render with the AutocompleteSelect above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def holds(satker, obj):
    """Whether the satker queryset holds the object's satker."""
    return satker.filter(pk=obj.satker_id).exists()


class SatkerScopedAdmin(TolerantAutocompleteAdmin):
    """The admin of a model with a `satker` field: a staff user sees the rows of the satker it
    may read (a province also its kab/kota), changes or deletes only its own satker's, and saves
    every row under its own satker (a superadmin picks one in the form)."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(satker__in=readable_satker(request.user))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or holds(readable_satker(request.user), obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or holds(editable_satker(request.user), obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or holds(editable_satker(request.user), obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "satker":
            kwargs["queryset"] = editable_satker(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_display(self, request):
        # The satker column says nothing to someone who reads a single satker, and costs width.
        if readable_satker(request.user).count() > 1:
            return self.list_display
        return [name for name in self.list_display if name != "satker"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # A field pointing at this model (an old link's target, a stage's article) takes one of
            # the satker the user edits: a province's reach into its kab/kota is for reading only.
            queryset = queryset.filter(satker__in=editable_satker(request.user))
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        # Server-side fact: the row of a single-satker user is its own satker's, never the form's.
        if not request.user.is_superuser:
            membership = membership_of(request.user)
            if membership is None or (change and obj.satker_id != membership.satker_id):
                raise PermissionDenied
            obj.satker_id = membership.satker_id
        super().save_model(request, obj, form, change)


@admin.register(Satker)
class SatkerAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region_code", "time_zone", "domain"]
    list_filter = ["level", "time_zone"]
    search_fields = ["name", "slug", "domain", "region_code"]
    list_select_related = ["parent"]
    readonly_fields = ["slug", "level", "parent", "region_code"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "level", "parent", "region_code", "time_zone"]}),
        (_("Web"), {"fields": ["domain", "alias_domains", "logo"]}),
        (_("Kontak"), {"fields": ["address", "phone", "email"]}),
        (_("Media sosial"), {"fields": ["facebook_url", "instagram_url", "x_url", "youtube_url"]}),
        (_("Layanan"), {"fields": ["ppid_url", "jdih_url"]}),
    ]
    formfield_overrides = {models.URLField: {"form_class": WebURLField}}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=editable_satker(request.user))

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceLink)
class ServiceLinkAdmin(SatkerScopedAdmin):
    """Footer service links. Staff manage their own satker's; the national ones (no satker) are
    a superadmin's, shown read-only to the rest so an editor sees what its site inherits."""

    list_display = ["label", "url", "owner", "order"]
    list_select_related = ["satker"]
    search_fields = ["label", "url"]
    autocomplete_fields = ["satker"]
    formfield_overrides = {models.URLField: {"form_class": WebURLField}}

    @admin.display(description=_("satker"), ordering="satker__name")
    def owner(self, obj):
        return obj.satker or _("Nasional (semua situs)")

    def get_queryset(self, request):
        return super().get_queryset(request) | self.model.objects.filter(satker__isnull=True)

    def get_fields(self, request, obj=None):
        fields = ["label", "url", "order"]
        return ["satker", *fields] if request.user.is_superuser else fields  # others: their own satker

    def has_view_permission(self, request, obj=None):
        national = obj is not None and obj.satker_id is None
        return super().has_view_permission(request, None if national else obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.satker_id is None:
            return request.user.is_active and request.user.is_superuser
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.satker_id is None:
            return request.user.is_active and request.user.is_superuser
        return super().has_delete_permission(request, obj)


@admin.register(Membership)
class MembershipAdmin(TolerantAutocompleteAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker__level"]
    list_select_related = ["user", "satker"]
    autocomplete_fields = ["satker"]
    search_fields = ["user__username", "satker__name"]

    def get_queryset(self, request):
        # Superadmins only (no role holds its permissions); scoped all the same, so an id out of
        # reach answers as a missing one on every page (history, delete).
        return super().get_queryset(request).filter(satker__in=readable_satker(request.user))

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: twofactor_view(request, self))
        return [path("dua-faktor/", view, name="satker_membership_twofactor"), *super().get_urls()]


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(label=_("peran"), choices=Role.choices, initial=Role.WRITER)


class SatkerUserCreationForm(RoleFormMixin, AdminUserCreationForm):
    pass


class SatkerUserChangeForm(RoleFormMixin, UserChangeForm):
    pass


class SatkerUserAdmin(UserAdmin):
    """Accounts: a superadmin manages all; an Admin satker only those of its own satker, with a role.

    The satker of an account an Admin satker creates is its own, set here; superuser, staff and
    permission flags are out of its reach.
    """

    list_display = ["username", "first_name", "last_name", "email", "satker", "role", "is_active", "last_login"]
    list_select_related = ["membership__satker"]

    @admin.display(description=_("satker"))
    def satker(self, obj):
        membership = getattr(obj, "membership", None)
        return membership.satker if membership else "—"

    @admin.display(description=_("peran"))
    def role(self, obj):
        membership = getattr(obj, "membership", None)
        return membership.get_role_display() if membership else (_("Superadmin") if obj.is_superuser else "—")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=satker_accounts(request.user))

    def has_module_permission(self, request):
        return request.user.is_superuser or satker_accounts(request.user).exists()

    def has_view_permission(self, request, obj=None):
        return self.may_manage(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_manage(request, obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self.may_manage(request, None) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def may_manage(self, request, obj):
        if request.user.is_superuser:
            return True
        membership = membership_of(request.user)
        if membership is None or membership.role != Role.ADMIN:
            return False
        return obj is None or satker_accounts(request.user).filter(pk=obj.pk).exists()

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = SatkerUserCreationForm if obj is None else SatkerUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return [(None, {"fields": ["username", "usable_password", "password1", "password2", "role"]})]
        return [
            (None, {"fields": ["username", "password", "role"]}),
            (_("Data pribadi"), {"fields": ["first_name", "last_name", "email", "is_active"]}),
        ]

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "role": Role.WRITER}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform").form if context.get("adminform") else None
        if form is not None and obj is not None and "role" in form.fields and hasattr(obj, "membership"):
            form.fields["role"].initial = obj.membership.role
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if request.user.is_superuser:
            return super().save_model(request, obj, form, change)
        membership = membership_of(request.user)
        if membership is None or membership.role != Role.ADMIN:
            raise PermissionDenied
        if change and not satker_accounts(request.user).filter(pk=obj.pk).exists():
            logger.warning("Refused change of account %s by %s", obj.pk, request.user)
            raise PermissionDenied
        obj.is_superuser = False
        obj.is_staff = True
        super().save_model(request, obj, form, change)
        assign_role(obj, membership.satker, form.cleaned_data["role"])


admin.site.unregister(User)
admin.site.register(User, SatkerUserAdmin)


class StaffTOTPDeviceAdmin(TOTPDeviceAdmin):
    """django-otp's, but its key and QR code views answer an unknown device with a 404 like a
    device out of reach, not a 500 (its own `objects.get`)."""

    def config_view(self, request, pk):
        self.device_or_404(request, pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        self.device_or_404(request, pk)
        return super().qrcode_view(request, pk)

    def device_or_404(self, request, pk):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if self.get_object(request, str(pk)) is None:
            raise Http404


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, StaffTOTPDeviceAdmin)
