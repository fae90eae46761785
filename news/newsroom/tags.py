"""Keeping tags tidy: merging duplicates ("Pemilu 2024" and "pemilu 2024" are one tag)."""

from django.db import transaction

from news.models import Article, TaggedArticle
from pagecache import generations


@transaction.atomic
def merge_tags(target, others):
    """Move every article of `others` to `target`, then delete `others`. Returns articles moved."""
    others = [tag for tag in others if tag.pk != target.pk]
    tagged = set(Article.objects.filter(tags__in=others).values_list("pk", flat=True))
    moving = tagged - set(Article.objects.filter(tags=target).values_list("pk", flat=True))
    # One INSERT however many articles move; a tag added meanwhile by an editor is kept as it is.
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(tag=target, content_object_id=pk) for pk in moving], ignore_conflicts=True
    )
    for tag in others:
        tag.delete()
    generations.bump(set(Article.objects.filter(tags=target).values_list("satker_id", flat=True)))
    return len(moving)
