"""A published article whose slug changes keeps its old URL as a redirect, by itself."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .links import remember


@receiver(pre_save, sender="news.Article")
def note_old_slug(instance, **kwargs):
    instance._old_path = None
    if instance.pk and getattr(instance, "_was_public", False):
        old = type(instance).objects.filter(pk=instance.pk).values_list("slug", "satker__slug").first()
        if old and old[0] != instance.slug:
            instance._old_path = f"/berita/{old[1]}/{old[0]}/"


@receiver(post_save, sender="news.Article")
def keep_old_path(instance, **kwargs):
    if getattr(instance, "_old_path", None):
        remember(instance, instance._old_path)
