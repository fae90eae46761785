"""The staff roles as Django groups, kept in sync with their permissions after every migrate."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from .models import Role

WRITER_PERMISSIONS = [
    "news.view_article",
    "news.add_article",
    "news.change_article",
    "news.view_articleimage",
    "news.add_articleimage",
    "news.change_articleimage",
    "news.delete_articleimage",
    "news.view_division",
    "news.view_tag",
    "news.add_tag",
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    "news.delete_article",
    "news.publish_article",
    "legacy.view_oldlink",
    "legacy.add_oldlink",
    "legacy.change_oldlink",
    "legacy.delete_oldlink",
]
ADMIN_PERMISSIONS = EDITOR_PERMISSIONS + ["auth.view_user", "auth.add_user", "auth.change_user"]

ROLE_PERMISSIONS = {
    Role.WRITER: WRITER_PERMISSIONS,
    Role.EDITOR: EDITOR_PERMISSIONS,
    Role.ADMIN: ADMIN_PERMISSIONS,
}
ROLE_GROUP_NAMES = {Role.WRITER: _("Penulis"), Role.EDITOR: _("Editor"), Role.ADMIN: _("Admin satker")}


def group_for(role):
    return Group.objects.get_or_create(name=str(ROLE_GROUP_NAMES[Role(role)]))[0]


def permissions_for(codes):
    pairs = [code.split(".", 1) for code in codes]
    found = Permission.objects.filter(content_type__app_label__in={app for app, _ in pairs}).select_related(
        "content_type"
    )
    wanted = set(map(tuple, pairs))
    return [perm for perm in found if (perm.content_type.app_label, perm.codename) in wanted]


def sync_role_groups(**kwargs):
    for role, codes in ROLE_PERMISSIONS.items():
        group_for(role).permissions.set(permissions_for(codes))
