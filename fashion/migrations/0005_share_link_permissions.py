"""Editors and Publishers may create, list and revoke share links."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant


def grant_share_links(apps, schema_editor):
    ensure_permissions(apps)
    for group in ("Editors", "Publishers"):
        grant(apps, group, "fashion", ["add_sharelink", "change_sharelink", "view_sharelink"])


class Migration(migrations.Migration):
    dependencies = [("fashion", "0004_sharelink"), ("fashion", "0003_editorial_groups")]

    operations = [migrations.RunPython(grant_share_links, migrations.RunPython.noop)]
