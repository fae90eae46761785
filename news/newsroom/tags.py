"""Keeping tags tidy: merging duplicates ("Pemilu 2024" and "pemilu 2024" are one tag)."""

from django.db import transaction
from taggit.models import TaggedItem

from news.models import Article
from pagecache import generations


@transaction.atomic
def merge_tags(target, others):
    """Move every article of `others` to `target`, then delete `others`. Returns articles moved."""
    others = [tag for tag in others if tag.pk != target.pk]
    items = TaggedItem.objects.filter(tag__in=others)
    already = set(TaggedItem.objects.filter(tag=target).values_list("content_type_id", "object_id"))
    moved = 0
    for item in items.select_for_update():
        if (item.content_type_id, item.object_id) in already:
            item.delete()
        else:
            item.tag = target
            item.save(update_fields=["tag"])
            already.add((item.content_type_id, item.object_id))
            moved += 1
    for tag in others:
        tag.delete()
    article_ids = [object_id for _type, object_id in already]
    generations.bump(set(Article.objects.filter(pk__in=article_ids).values_list("satker_id", flat=True)))
    return moved
