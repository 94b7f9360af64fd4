"""ExportLog, ShareLink and ContentVersion now belong to `core` (core 0001 takes over their tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("fashion", "0011_product_size_permissions"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("ExportLog"),
                migrations.DeleteModel("ShareLink"),
                migrations.DeleteModel("ContentVersion"),
            ]
        )
    ]
