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
    "news.view_articlecorrection",
    # Pages (news/pages): the same workflow as articles; publishing them is news.publish_article.
    "pages.view_page",
    "pages.add_page",
    "pages.change_page",
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    "news.delete_article",
    "news.publish_article",
    # Corrections ("Ralat") go on published articles, which only editors change.
    "news.add_articlecorrection",
    "news.change_articlecorrection",
    "news.delete_articlecorrection",
    "legacy.view_oldlink",
    "legacy.add_oldlink",
    "legacy.change_oldlink",
    "legacy.delete_oldlink",
    # Footer service links of the own satker (national ones: superadmins only, satker/admin.py).
    "satker.view_servicelink",
    "satker.add_servicelink",
    "satker.change_servicelink",
    "satker.delete_servicelink",
    # The satker's commissioners and its own local elections' stages (news/commissioners, news/elections).
    *[f"commissioners.{action}_commissioner" for action in ("view", "add", "change", "delete")],
    *[f"elections.{action}_election" for action in ("view", "add", "change", "delete")],
    *[f"elections.{action}_stage" for action in ("view", "add", "change", "delete")],
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
