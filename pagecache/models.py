from django.db import models
from django.utils import timezone


class PendingPurge(models.Model):
    """A tag one Varnish did not take when it was purged (pagecache/purgers.py): sent again until
    it is taken. Nothing else is kept here; a delivered purge leaves no row."""

    target = models.CharField(max_length=200)  # the Varnish's URL, as in EDGE_VARNISH_URLS
    tag = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)  # of the latest failure of this tag

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "tag"], name="pending_purge_once")]

    def __str__(self):
        return f"{self.tag} @ {self.target}"
