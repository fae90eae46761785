# Corrections ("Ralat") and withdrawals of published articles (issue 18).
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0008_tag_taggedarticle")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="withdrawal_reason",
            field=models.TextField(
                blank=True,
                help_text="Tampil di halaman artikel yang ditarik, menggantikan isinya.",
                max_length=500,
                verbose_name="alasan penarikan",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="waktu ditarik"),
        ),
        migrations.CreateModel(
            name="ArticleCorrection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("noted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="waktu ralat")),
                (
                    "text",
                    models.TextField(
                        help_text="Apa yang salah dan apa yang benar, misalnya tanggal atau nama.",
                        max_length=1000,
                        verbose_name="ralat",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="news.article",
                        verbose_name="artikel",
                    ),
                ),
            ],
            options={"verbose_name": "ralat", "verbose_name_plural": "ralat", "ordering": ["noted_at", "id"]},
        ),
    ]
