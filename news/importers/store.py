"""Writes `ArticleRecord`s, idempotent by `source_key`: each article is written whole or not at all.

Articles go in batches of `batch_size`, one transaction per batch, so the commit (and its disk
sync) happens once per batch instead of once per article:

- new articles without images: one INSERT per table for the whole batch, in a savepoint; if
  any row breaks it, the savepoint is rolled back and each article is written in its own
  savepoint, so only the faulty one fails, exactly as when written one by one;
- changed articles, and new ones with images (renditions come from `Article.save()`): one
  savepoint each, through `Article.save()`;
- unchanged articles: compared against four queries made for the whole batch; no write;
- old addresses (`legacy.OldLink`, see `old_links.py`): read with one query per batch, the
  missing ones inserted in the same savepoint as their article, so they come and go with it.

A crash mid-batch loses that batch's work, never half of an article; the next run redoes it.
A dry run does all of this in one transaction that is rolled back at the end.
"""

from itertools import islice
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.utils.text import Truncator, slugify

from news.models import Article, ArticleImage, Status, TaggedArticle, first_free_slug, slug_base
from news.sanitize import clean_html

from .media import MissingMedia, copy_into_storage
from .old_links import OldLinks
from .records import Failure, Skip
from .taxonomy import Taxonomy, UnknownDivision

TITLE_MAX = Article._meta.get_field("title").max_length


class ItemError(Exception):
    """An article that cannot be written as it is; the message says why, for the report."""


def fit(text, field, model=Article):
    """`text` cut at a word to the column's length (leads, captions, credits)."""
    limit = model._meta.get_field(field).max_length
    return Truncator(text).chars(limit) if text and len(text) > limit else text


class ArticleWriter:
    def __init__(self, report, *, dry_run=False, division_map=None, allow_missing_media=False, batch_size=500):
        self.report = report
        self.dry_run = dry_run
        self.taxonomy = Taxonomy(report, division_map)
        self.allow_missing_media = allow_missing_media
        self.batch_size = batch_size
        self.slugs = {}  # satker id -> slugs taken
        self.keys = {}  # satker id -> {source_key: article id}
        self.unkeyed = {}  # satker id -> {slug: article id} of articles not imported
        self.links = OldLinks(report)  # old addresses -> legacy.OldLink, in the articles' savepoints

    def write_all(self, items, progress=None):
        """Write every record; Skip and Failure items only go into the report."""
        items = iter(items)
        with transaction.atomic():  # a dry run rolls back the whole run at the end
            while batch := list(islice(items, self.batch_size)):
                with transaction.atomic():
                    self.write_batch(batch)
                if progress:
                    progress(self.report)
            if self.dry_run:
                transaction.set_rollback(True)
        return self.report

    def write_batch(self, batch):
        prepared = []
        for item in batch:
            if isinstance(item, Skip):
                self.report.skipped(item.label, item.reason)
            elif isinstance(item, Failure):
                self.report.failed(item.label, item.reason)
            else:
                try:
                    prepared.append((item, self.prepare(item)))
                    for warning in item.warnings:
                        self.report.warn(item.label, warning)
                except (ItemError, MissingMedia) as exc:
                    self.report.failed(item.label, str(exc))
                except (DatabaseError, OSError, ValueError) as exc:
                    self.report.failed(item.label, f"not saved ({type(exc).__name__}: {exc})")
        existing = self.existing_articles(prepared)
        self.links.load([record for record, _plan in prepared])
        new = []
        for record, plan in prepared:
            article = existing.get(self.existing_pk(record))
            values = plan["values"]
            if article is not None or plan["gallery"] or values["featured_image"] or values["attachment"]:
                self.write_one(record, plan, article)  # images: renditions come from Article.save()
            else:
                new.append((record, plan))
        if new:
            self.insert_many(new)

    def existing_pk(self, record):
        pk = self.keys[record.satker.pk].get(record.source_key)
        if pk is None and record.source_key.startswith("portal:"):
            # An article written in this portal, exported and imported back: same slug, no key.
            pk = self.unkeyed[record.satker.pk].get(record.source_key.removeprefix("portal:"))
        return pk

    def existing_articles(self, prepared):
        """The batch's already imported articles, each with `links`: its division ids, tag ids
        and gallery as sets and lists. Four queries for the batch, so an unchanged article
        costs none (related managers would build a queryset per article, even prefetched)."""
        pks = {self.existing_pk(record) for record, _plan in prepared} - {None}
        if not pks:
            return {}
        articles = {article.pk: article for article in Article.objects.filter(pk__in=pks)}
        for article in articles.values():
            article.links = {"divisions": set(), "tags": set(), "gallery": []}
        through = Article.divisions.through.objects.filter(article_id__in=pks)
        for article_id, division_id in through.values_list("article_id", "division_id"):
            articles[article_id].links["divisions"].add(division_id)
        tagged = TaggedArticle.objects.filter(content_object_id__in=pks)
        for article_id, tag_id in tagged.values_list("content_object_id", "tag_id"):
            articles[article_id].links["tags"].add(tag_id)
        images = ArticleImage.objects.filter(article_id__in=pks).order_by("position", "id")
        for article_id, name, caption, alt in images.values_list("article_id", "image", "caption", "alt_text"):
            articles[article_id].links["gallery"].append((name, caption, alt))
        return articles

    def changes(self, record, plan, article):
        """What the source changed in `article`: field names, plus divisions, tags, gallery."""
        values = plan["values"]
        changed = [name for name, value in values.items() if self.current(article, name) != value]
        if record.view_count > article.view_count:  # counting went on in the portal: never go back
            changed.append("view_count")
        links = article.links
        if links["divisions"] != {division.pk for division in plan["divisions"]}:
            changed.append("divisions")
        if links["tags"] != {tag.pk for tag in plan["tags"]}:
            changed.append("tags")
        if links["gallery"] != [(g["name"], g["caption"], g["alt"]) for g in plan["gallery"]]:
            changed.append("gallery")
        if self.links.missing(record):  # e.g. imported before old links were recorded
            changed.append("old_links")
        return changed

    def write_one(self, record, plan, article=None):
        """One article in its own savepoint: all of it is written, or none of it."""
        changed = self.changes(record, plan, article) if article is not None else None
        if changed == []:
            self.written(record, article, "unchanged")
            return
        try:
            with transaction.atomic():
                outcome, article = self.save(record, plan, article, changed)
                links = self.links.insert([(article, record)])
        except (DatabaseError, ValidationError, OSError, ValueError) as exc:
            self.report.failed(record.label, f"not saved ({type(exc).__name__}: {exc})")
            return
        self.links.inserted(links)
        self.written(record, article, outcome)

    def insert_many(self, new):
        """New articles without images, inserted with one statement per table for the batch.

        All rows are in one savepoint; if any article breaks it (a slug taken meanwhile, a
        duplicate key in the file), the savepoint is rolled back and each article is written
        in its own, so only the faulty one fails, as when written one by one.
        """
        articles = [self.new_article(record, plan) for record, plan in new]
        try:
            with transaction.atomic():
                Article.objects.bulk_create(articles)
                if any(article.pk is None for article in articles):
                    raise DatabaseError("the database returned no ids for the batch")
                Article.divisions.through.objects.bulk_create(
                    Article.divisions.through(article_id=article.pk, division_id=division.pk)
                    for article, (_record, plan) in zip(articles, new, strict=True)
                    for division in plan["divisions"]
                )
                TaggedArticle.objects.bulk_create(
                    TaggedArticle(tag=tag, content_object_id=article.pk)
                    for article, (_record, plan) in zip(articles, new, strict=True)
                    for tag in plan["tags"]
                )
                pairs = [(article, record) for article, (record, _plan) in zip(articles, new, strict=True)]
                links = self.links.insert(pairs)
        except (DatabaseError, ValueError):  # ValueError: e.g. psycopg2 refusing a NUL character
            for record, plan in new:
                # An earlier one may have been the same item (a post twice in a file): update it.
                self.write_one(record, plan, self.existing_articles([(record, plan)]).get(self.existing_pk(record)))
            return
        self.links.inserted(links)
        for article, (record, _plan) in zip(articles, new, strict=True):
            # bulk_create sends no signals; receivers (cache generations...) still hear of each article.
            post_save.send(
                Article, instance=article, created=True, update_fields=None, raw=False, using=article._state.db
            )
            self.written(record, article, "imported")

    def written(self, record, article, outcome):
        self.slugs[record.satker.pk].add(article.slug)
        self.keys[record.satker.pk][record.source_key] = article.pk
        if outcome == "imported":
            self.report.imported(record.label)
        elif outcome == "updated":
            self.report.updated(record.label)
        else:
            self.report.skipped(record.label, "unchanged since the last import")

    def prepare(self, record):
        """Everything decided before the article's savepoint: checks, media, divisions, tags."""
        if not record.title.strip():
            raise ItemError("no title")
        if len(record.title) > TITLE_MAX:
            raise ItemError(f"title longer than {TITLE_MAX} characters")
        self.load_satker(record.satker)
        body, featured, gallery, attachment = self.copy_media(record)
        values = {
            "kind": record.kind,
            "title": record.title.strip(),
            "dateline": fit(record.dateline, "dateline"),
            "lead": fit(record.lead, "lead"),
            "body": clean_html(body),
            "featured_image": featured.get("name", ""),
            "featured_image_alt": fit(featured.get("alt", ""), "featured_image_alt"),
            "featured_image_caption": fit(featured.get("caption", ""), "featured_image_caption"),
            "editor_credit": fit(record.editor_credit, "editor_credit"),
            "status": record.status,
            "published_at": record.published_at,
            "source_url": record.source_url if len(record.source_url) <= 500 else "",
            "share_down": record.share_down,
            "attachment": attachment,
        }
        if record.status == Status.PUBLISHED and record.published_at is None:
            raise ItemError("published, but no publication time")
        try:
            divisions = self.taxonomy.divisions_for(record, values)
        except UnknownDivision as exc:
            raise ItemError(str(exc)) from None
        tags = self.taxonomy.tags_for(record.tags)
        return {"values": values, "divisions": divisions, "tags": tags, "gallery": gallery}

    def new_article(self, record, plan):
        if "slug" not in plan:  # kept, so a retry after a failed batch insert gets the same slug
            plan["slug"] = self.free_slug(record)
        return Article(
            satker=record.satker,
            slug=plan["slug"],
            source_key=record.source_key,
            view_count=record.view_count,
            **plan["values"],
        )

    def save(self, record, plan, article=None, changed=None):
        """Insert a new article, or apply `changed` (from `changes()`) to an existing one."""
        values = plan["values"]
        if article is None:
            article = self.new_article(record, plan)
            article.save()
            Article.divisions.through.objects.bulk_create(
                Article.divisions.through(article_id=article.pk, division_id=division.pk)
                for division in plan["divisions"]
            )
            TaggedArticle.objects.bulk_create(
                TaggedArticle(tag=tag, content_object_id=article.pk) for tag in plan["tags"]
            )
            self.save_gallery(article, plan["gallery"])
            return "imported", article
        fields = [name for name in changed if name in values]
        for name in fields:
            setattr(article, name, values[name])
        if "view_count" in changed:
            article.view_count = record.view_count
        if fields or "view_count" in changed:
            article.save()
        if "divisions" in changed:
            article.divisions.set(plan["divisions"])
        if "tags" in changed:
            article.tags.set(plan["tags"])
        if "gallery" in changed:
            article.images.all().delete()
            self.save_gallery(article, plan["gallery"])
        return "updated", article

    @staticmethod
    def current(article, name):
        value = getattr(article, name)
        return value.name or "" if name in ("featured_image", "attachment") else value

    @staticmethod
    def save_gallery(article, gallery):
        for position, image in enumerate(gallery):
            ArticleImage(
                article=article, image=image["name"], caption=image["caption"], alt_text=image["alt"], position=position
            ).save()

    def load_satker(self, satker):
        if satker.pk not in self.slugs:
            rows = Article.objects.filter(satker=satker).values_list("pk", "slug", "source_key")
            self.slugs[satker.pk] = {slug for _pk, slug, _key in rows}
            self.keys[satker.pk] = {key: pk for pk, _slug, key in rows if key}
            self.unkeyed[satker.pk] = {slug: pk for pk, slug, key in rows if not key}

    def free_slug(self, record):
        """The old site's slug when free in this satker, else with -2, -3... (the model's rule,
        over the satker's slugs this writer holds, since a batch is inserted without save())."""
        base = slug_base(slugify(unquote(record.slug or "")) or record.title)
        taken = self.slugs[record.satker.pk]
        slug = first_free_slug(base, taken)
        taken.add(slug)  # reserved at once: two posts of one batch may share a title
        return slug

    def copy_media(self, record):
        """(body with inline images pointing at storage, featured image, gallery, PDF name):
        files copied before the savepoint; a missing file fails the article unless
        --allow-missing-media."""
        body = record.body
        featured = {}
        gallery = []
        if record.media_root is None:
            return body, featured, gallery, ""
        for url, relative in record.inline_images.items():
            name = self.copy(record, relative)
            if name:
                body = body.replace(url, default_storage.url(name))
        if record.featured_image:
            name = self.copy(record, record.featured_image.path)
            if name:
                image = record.featured_image
                featured = {"name": name, "alt": image.alt, "caption": image.caption}
        for image in record.gallery:
            name = self.copy(record, image.path)
            if name:
                alt = fit(image.alt, "alt_text", ArticleImage)
                gallery.append({"name": name, "alt": alt, "caption": fit(image.caption, "caption", ArticleImage)})
        attachment = self.copy(record, record.attachment, pdf=True) if record.attachment else ""
        return body, featured, gallery, attachment or ""

    def copy(self, record, relative, pdf=False):
        try:
            name = copy_into_storage(
                record.satker,
                record.media_root,
                relative,
                dry_run=self.dry_run,
                pdf=pdf,
                keep_name=record.keep_media_names,
            )
        except MissingMedia as exc:
            if not self.allow_missing_media:
                raise MissingMedia(f"{exc} (give --allow-missing-media to import without it)") from None
            self.report.warn(record.label, f"{exc}; imported without it")
            return None
        if self.dry_run and not default_storage.exists(name):
            return None  # found but, in a run that saves nothing, not copied: nothing to attach
        return name
