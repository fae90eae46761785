from django.db import migrations

from news.pages.starter import create_starter_pages


def forwards(apps, schema_editor):
    """The satker that exist already get the starter pages (new ones by news/pages/signals.py)."""
    Page = apps.get_model("pages", "Page")
    Satker = apps.get_model("satker", "Satker")
    create_starter_pages(Page, list(Satker.objects.values_list("pk", flat=True)))


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
