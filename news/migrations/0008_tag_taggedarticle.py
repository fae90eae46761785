"""Articles' tags move from taggit's generic tables to news.Tag and news.TaggedArticle (taggit's
custom-models feature): an article's tags become a join of two tables on a real foreign key,
with no content type. Rows keep their ids, so tags keep their order and the API its ids."""

import django.db.models.deletion
import taggit.managers
from django.core.management.color import no_style
from django.db import migrations, models


def article_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="news", model="article")[0]


def move_rows(schema_editor, sql, params, models_with_new_ids):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # PostgreSQL's sequences do not see ids given explicitly (SQLite's AUTOINCREMENT does).
        for statement in connection.ops.sequence_reset_sql(no_style(), models_with_new_ids):
            cursor.execute(statement)


def from_taggit(apps, schema_editor):
    """Copy taggit's tags and its tagged items of articles, then delete them there."""
    OldTag, OldItem = apps.get_model("taggit", "Tag"), apps.get_model("taggit", "TaggedItem")
    Tag, TaggedArticle = apps.get_model("news", "Tag"), apps.get_model("news", "TaggedArticle")
    Article = apps.get_model("news", "Article")
    content_type = article_content_type(apps)
    quote = schema_editor.connection.ops.quote_name
    tag, item, article = (quote(m._meta.db_table) for m in (Tag, TaggedArticle, Article))
    old_tag, old_item = quote(OldTag._meta.db_table), quote(OldItem._meta.db_table)
    move_rows(schema_editor, f"INSERT INTO {tag} (id, name, slug) SELECT id, name, slug FROM {old_tag}", [], [Tag])
    move_rows(
        schema_editor,
        # An item of a deleted article (a generic key has no foreign key to keep it out) is dropped.
        f"INSERT INTO {item} (id, tag_id, content_object_id) SELECT id, tag_id, object_id FROM {old_item} "
        f"WHERE content_type_id = %s AND object_id IN (SELECT id FROM {article})",
        [content_type.pk],
        [TaggedArticle],
    )
    OldItem.objects.filter(content_type=content_type).delete()
    OldTag.objects.filter(taggit_taggeditem_items__isnull=True).delete()


def to_taggit(apps, schema_editor):
    """Copy the tags and tagged articles back into taggit's tables."""
    OldTag, OldItem = apps.get_model("taggit", "Tag"), apps.get_model("taggit", "TaggedItem")
    Tag, TaggedArticle = apps.get_model("news", "Tag"), apps.get_model("news", "TaggedArticle")
    content_type = article_content_type(apps)
    quote = schema_editor.connection.ops.quote_name
    tag, item = quote(Tag._meta.db_table), quote(TaggedArticle._meta.db_table)
    old_tag, old_item = quote(OldTag._meta.db_table), quote(OldItem._meta.db_table)
    OldItem.objects.filter(content_type=content_type).delete()
    OldTag.objects.filter(taggit_taggeditem_items__isnull=True).delete()
    move_rows(
        schema_editor,
        f"INSERT INTO {old_tag} (id, name, slug) SELECT id, name, slug FROM {tag} "
        f"WHERE id NOT IN (SELECT id FROM {old_tag})",
        [],
        [OldTag],
    )
    move_rows(
        schema_editor,
        f"INSERT INTO {old_item} (id, tag_id, content_type_id, object_id) "
        f"SELECT id, tag_id, %s, content_object_id FROM {item}",
        [content_type.pk],
        [OldItem],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0007_article_public_updated_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="nama")),
                ("slug", models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name="slug")),
            ],
            options={
                "verbose_name": "tag",
                "verbose_name_plural": "tag",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="TaggedArticle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="news.article",
                        verbose_name="artikel",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_articles",
                        to="news.tag",
                        verbose_name="tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "tag artikel",
                "verbose_name_plural": "tag artikel",
                "constraints": [
                    models.UniqueConstraint(fields=("tag", "content_object"), name="article_tag_once"),
                ],
            },
        ),
        migrations.AlterField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="Pisahkan dengan koma.",
                through="news.TaggedArticle",
                to="news.Tag",
                verbose_name="tag",
            ),
        ),
        migrations.RunPython(from_taggit, to_taggit),
    ]
