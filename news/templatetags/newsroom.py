"""Template tags of the admin newsroom (never used on public pages)."""

from django import template

from news.models import Article, Status
from news.newsroom.oversight import overseen_satker
from news.newsroom.workflow import can_publish
from satker.scoping import editable_satker

register = template.Library()


@register.inclusion_tag("newsroom/shortcuts.html", takes_context=True)
def newsroom_shortcuts(context):
    """The admin home's box: what waits for review, and the newsroom's own pages."""
    user = context["request"].user
    waiting = (
        Article.objects.filter(status=Status.REVIEW, satker__in=editable_satker(user)).count()
        if can_publish(user)
        else 0
    )
    return {"waiting": waiting, "oversees": overseen_satker(user) is not None}
