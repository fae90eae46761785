import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

WEB_URL = django.core.validators.URLValidator(
    message="Masukkan alamat web lengkap yang diawali http:// atau https://.", schemes=["http", "https"]
)

# National service links every satker site carries today (data/kpu-services/README.md);
# editors own them afterwards in the admin.
NATIONAL_LINKS = [
    ("Cek DPT Online", "https://cekdptonline.kpu.go.id/", 10),
    ("SP4N-LAPOR!", "https://lapor.go.id/", 20),
    ("Open Data KPU", "https://opendata.kpu.go.id/", 30),
]


def add_national_links(apps, schema_editor):
    ServiceLink = apps.get_model("satker", "ServiceLink")
    for label, url, order in NATIONAL_LINKS:
        ServiceLink.objects.get_or_create(satker=None, url=url, defaults={"label": label, "order": order})


def remove_national_links(apps, schema_editor):
    ServiceLink = apps.get_model("satker", "ServiceLink")
    ServiceLink.objects.filter(satker=None, url__in=[url for _, url, _ in NATIONAL_LINKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("satker", "0002_shared_news_and_service_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="satker",
            name="jdih_url",
            field=models.URLField(
                blank=True,
                help_text="Halaman JDIH satker. Diisi dari data bawaan bila kosong; isian Anda tidak akan ditimpa.",
                validators=[WEB_URL],
                verbose_name="alamat JDIH",
            ),
        ),
        migrations.AlterField(
            model_name="satker",
            name="ppid_url",
            field=models.URLField(
                blank=True,
                help_text="Situs PPID satker. Diisi dari data bawaan bila kosong; isian Anda tidak akan ditimpa.",
                validators=[WEB_URL],
                verbose_name="alamat PPID",
            ),
        ),
        migrations.CreateModel(
            name="ServiceLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=60, verbose_name="label")),
                ("url", models.URLField(max_length=300, validators=[WEB_URL], verbose_name="alamat")),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Kecil tampil lebih dulu.", verbose_name="urutan"
                    ),
                ),
                (
                    "satker",
                    models.ForeignKey(
                        blank=True,
                        help_text="Kosong: tautan nasional, tampil di situs semua satker.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_links",
                        to="satker.satker",
                        verbose_name="satker",
                    ),
                ),
            ],
            options={
                "verbose_name": "tautan layanan",
                "verbose_name_plural": "tautan layanan",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.RunPython(add_national_links, remove_national_links),
    ]
