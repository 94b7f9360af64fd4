"""pg_trgm for typo-tolerant site search. Does nothing on SQLite (CreateExtension checks the vendor)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0007_content_version"),
    ]

    operations = [TrigramExtension()]
