"""A generation number that moves whenever an article is saved or deleted.

Anything cached from articles (listing counts, later whole pages) puts the generation in its
key, so a change shows at once instead of when a timeout runs out.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

GENERATION_KEY = "news:generation"


def content_generation():
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def bump(**kwargs):
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender="news.Article")
@receiver(post_delete, sender="news.Article")
@receiver(post_save, sender="taggit.TaggedItem")
@receiver(post_delete, sender="taggit.TaggedItem")
def article_changed(**kwargs):
    bump()


@receiver(m2m_changed, sender="news.Article_divisions")
def divisions_changed(**kwargs):
    bump()
