# Placeholder: filled in by the search work (issue 20).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("news", "0009_article_corrections")]

    operations = []
