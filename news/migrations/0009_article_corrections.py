# Placeholder: filled in by the corrections / withdrawal work (issue 18).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("news", "0008_tag_taggedarticle")]

    operations = []
