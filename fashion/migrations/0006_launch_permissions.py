"""Publishers schedule launches; Editors may look at them."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant


def grant_launches(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, "Publishers", "campaigns", ["add_launch", "change_launch", "delete_launch", "view_launch"])
    grant(apps, "Editors", "campaigns", ["view_launch"])


class Migration(migrations.Migration):
    dependencies = [("fashion", "0005_share_link_permissions"), ("campaigns", "0006_launch")]

    operations = [migrations.RunPython(grant_launches, migrations.RunPython.noop)]
