"""Which satker a staff user may read and edit: decided here, and only here."""

from .models import Level, Role, Satker


def membership_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "membership", None)


def editable_satker(user):
    """Satker whose articles the user may change: all for a superadmin, else the own one."""
    if user.is_active and user.is_superuser:
        return Satker.objects.all()
    membership = membership_of(user)
    if membership is None or not user.is_active:
        return Satker.objects.none()
    return Satker.objects.filter(pk=membership.satker_id)


def readable_satker(user):
    """Satker whose articles the user may see in the admin: a province also reads its kab/kota."""
    if user.is_active and user.is_superuser:
        return Satker.objects.all()
    membership = membership_of(user)
    if membership is None or not user.is_active:
        return Satker.objects.none()
    if membership.satker.level == Level.PROVINSI:
        return Satker.objects.with_descendants(membership.satker)
    return Satker.objects.filter(pk=membership.satker_id)


def role_of(user):
    """The user's role at its satker, or None (superadmins have none: they can do everything)."""
    membership = membership_of(user)
    return Role(membership.role) if membership else None
