from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("viewcount", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecentView",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("visitor", models.CharField(max_length=32, verbose_name="pengunjung (hash)")),
                ("article_id", models.BigIntegerField(verbose_name="artikel")),
                ("counted_at", models.BigIntegerField(db_index=True, verbose_name="dihitung (detik Unix)")),
            ],
            options={
                "verbose_name": "kunjungan terbaru",
                "verbose_name_plural": "kunjungan terbaru",
                "constraints": [
                    models.UniqueConstraint(fields=("visitor", "article_id"), name="recentview_one_per_visitor")
                ],
            },
        ),
    ]
