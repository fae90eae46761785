"""A commissioner changed: the satker's cached pages that name them (Komisioner, its history,
the division pages) must go."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache.generations import bump

from .models import Commissioner


@receiver(post_save, sender=Commissioner)
@receiver(post_delete, sender=Commissioner)
def commissioner_changed(instance, **kwargs):
    bump([instance.satker_id])
