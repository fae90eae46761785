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
