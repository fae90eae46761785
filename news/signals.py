"""What news tells other apps when articles change: cached pages that show them must go
(pagecache), and status changes go to the audit trail (ops)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from ops.audit import log_status_change
from pagecache.generations import bump
from satker import directory_cache

from .models import Article, ArticleCorrection, Division, Revision, Status, Tag, TaggedArticle


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_changed(instance, **kwargs):
    bump([instance.satker_id])


# A correction shows on its article's page and feed entry: they must not stay cached without it.
@receiver(post_save, sender=ArticleCorrection)
@receiver(post_delete, sender=ArticleCorrection)
def correction_changed(instance, **kwargs):
    bump(Article.objects.filter(pk=instance.article_id).values_list("satker_id", flat=True))


# taggit adds tags with get_or_create (post_save per row) and removes them through a queryset
# (post_delete per row, as receivers are connected); m2m_changed misses a deleted tag.
@receiver(post_save, sender=TaggedArticle)
@receiver(post_delete, sender=TaggedArticle)
def tags_changed(instance, **kwargs):
    bump(Article.objects.filter(pk=instance.content_object_id).values_list("satker_id", flat=True))


# A renamed tag shows on every card and page of its articles, and its page moves with its slug.
# (A deleted tag's rows go first, each through tags_changed.)
@receiver(post_save, sender=Tag)
def tag_renamed(instance, **kwargs):
    bump(set(Article.objects.filter(tags=instance).values_list("satker_id", flat=True)))


# Divisions are national: their names show on articles, division pages and boards everywhere,
# like the directory's satker names, so every page goes the same way (one key every page has).
@receiver(post_save, sender=Division)
@receiver(post_delete, sender=Division)
def division_changed(**kwargs):
    directory_cache.bump_generation()


@receiver(m2m_changed, sender=Article.divisions.through)
def divisions_changed(instance, reverse, pk_set, **kwargs):
    if not reverse:
        bump([instance.satker_id])
    elif pk_set:
        bump(set(Article.objects.filter(pk__in=pk_set).values_list("satker_id", flat=True)))


def state_label(data):
    """What readers get, as the audit trail names it: the status, or "Ditarik" for a withdrawal."""
    if data.get("withdrawn_at"):
        return str(_("Ditarik"))
    value = data.get("status")
    try:
        return str(Status(value).label)
    except ValueError:
        return str(value or "-")


@receiver(post_save, sender=Revision, dispatch_uid="news_audit_status")
def revision_saved(sender, instance, created, **kwargs):
    """Status changes and withdrawals are read from the revision history
    (news/newsroom/revisions.py records one per admin save, workflow action and restore, naming
    the user), so every path that publishes, schedules, archives, withdraws or sends back an
    article reaches the audit trail."""
    if not created or not {"status", "withdrawn_at"} & set(instance.changed_fields):
        return
    previous = instance.article.revisions.exclude(pk=instance.pk).order_by("-created_at", "-id").first()
    log_status_change(
        article=instance.article,
        user=instance.author,
        before=state_label(previous.data) if previous else "-",
        after=state_label(instance.data),
        when=instance.data.get("withdrawn_at") or instance.data.get("published_at") or "",
    )
