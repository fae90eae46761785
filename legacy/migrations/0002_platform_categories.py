from django.db import migrations

# The central platform's category ids, the same on every satker site.
CATEGORIES = [
    (104, "Berita Terkini", ""),
    (96, "KPU Dalam Berita", "jenis=berita"),
    (14, "Umum", ""),
]


def seed(apps, schema_editor):
    OldCategory = apps.get_model("legacy", "OldCategory")
    for category_id, name, query in CATEGORIES:
        OldCategory.objects.get_or_create(category_id=category_id, defaults={"name": name, "query": query})


class Migration(migrations.Migration):
    dependencies = [("legacy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
