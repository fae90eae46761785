from django.db import migrations

DIVISIONS = [
    ("Teknis Penyelenggaraan", "teknis-penyelenggaraan"),
    ("Hukum dan Pengawasan", "hukum-dan-pengawasan"),
    (
        "Sosialisasi, Pendidikan Pemilih, Partisipasi Masyarakat dan SDM",
        "sosialisasi-pendidikan-pemilih-partisipasi-masyarakat-dan-sdm",
    ),
    ("Perencanaan, Data dan Informasi", "perencanaan-data-dan-informasi"),
    ("SDM dan Penelitian Pengembangan", "sdm-dan-penelitian-pengembangan"),
    ("Sekretariat", "sekretariat"),
]


def seed_divisions(apps, schema_editor):
    Division = apps.get_model("news", "Division")
    for position, (name, slug) in enumerate(DIVISIONS, start=1):
        Division.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed_divisions, migrations.RunPython.noop)]
