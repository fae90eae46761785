"""Creating staff accounts bound to one satker."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import Membership, Role
from .roles import group_for


@transaction.atomic
def create_satker_user(username, satker, role, password, email=""):
    """Create (or update) a staff account bound to `satker` with `role`. Returns the user.

    The password is checked by the project's validators first; a ValidationError leaves
    nothing changed.
    """
    role = Role(role)
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    validate_password(password, user)
    user.email = email or user.email
    user.is_staff = True
    user.set_password(password)
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"satker": satker, "role": role})
    user.groups.set([group_for(role)])
    return user


def assign_role(user, satker, role):
    """Bind an existing account to `satker` with `role`: staff flag, membership and group in one go."""
    role = Role(role)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    Membership.objects.update_or_create(user=user, defaults={"satker": satker, "role": role})
    user.groups.set([group_for(role)])
    return user


def satker_accounts(user):
    """Accounts the user may manage: all for a superadmin; for an Admin satker, its own satker's
    accounts (never a superadmin's); none for anyone else."""
    User = get_user_model()
    if user.is_active and user.is_superuser:
        return User.objects.all()
    membership = getattr(user, "membership", None)
    if membership is None or not user.is_active or membership.role != Role.ADMIN:
        return User.objects.none()
    return User.objects.filter(membership__satker_id=membership.satker_id, is_superuser=False)
