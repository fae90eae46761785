"""An election or stage changed: the Tahapan pages, calendars and API answers that show it
must go. A national election is KPU RI's content, shown on every site: bumping KPU RI moves
every site's generation (pagecache.generations.sites_showing includes the units below)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache.generations import bump
from satker.directory_cache import satker_by_slug

from .models import Election, Stage

NATIONAL_OWNER = "ri"


def owner_id(election):
    if election.satker_id:
        return election.satker_id
    national = satker_by_slug(NATIONAL_OWNER)
    return national.pk if national else None


@receiver(post_save, sender=Election)
@receiver(post_delete, sender=Election)
def election_changed(instance, **kwargs):
    bump([owner_id(instance)])


@receiver(post_save, sender=Stage)
@receiver(post_delete, sender=Stage)
def stage_changed(instance, **kwargs):
    try:
        election = instance.election
    except Election.DoesNotExist:  # deleted with its election, which bumped already
        return
    bump([owner_id(election)])
