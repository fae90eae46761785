"""PostgreSQL keeps news_article.search_vector current with a trigger, for every write path
(admin saves, importers' bulk inserts, raw SQL), and searches it through a GIN index.
SQLite keeps its own index (migration 0010, news/search_index.py); there this column stays empty."""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION news_article_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('indonesian', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('indonesian', coalesce(NEW.lead, '')), 'B') ||
    setweight(to_tsvector('indonesian', regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS news_article_search_vector_update ON news_article;
CREATE TRIGGER news_article_search_vector_update
  BEFORE INSERT OR UPDATE OF title, lead, body ON news_article
  FOR EACH ROW EXECUTE FUNCTION news_article_search_vector();

UPDATE news_article SET title = title;
CREATE INDEX IF NOT EXISTS news_article_search_vector_gin ON news_article USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS news_article_search_vector_gin;
DROP TRIGGER IF EXISTS news_article_search_vector_update ON news_article;
DROP FUNCTION IF EXISTS news_article_search_vector();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("news", "0005_flow_down_attachment_version_search")]

    operations = [migrations.RunPython(create, drop)]
