"""Markets (products 0019): Editors and Publishers set prices in markets like the rest of a variant and see the
markets; Publishers, who decide what the site shows, also add and change markets (a market that stops showing
prices changes every page of it). Exporters see them, for the price columns of their files."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

PRICES = [f"{action}_marketprice" for action in ("view", "add", "change", "delete")]
MARKETS = [f"{action}_market" for action in ("view", "add", "change", "delete")]
RIGHTS = {
    "Editors": [*PRICES, "view_market"],
    "Publishers": [*PRICES, *MARKETS],
    "Exporters": ["view_market", "view_marketprice"],
}


def grant_market_rights(apps, schema_editor):
    ensure_permissions(apps)
    for group, codenames in RIGHTS.items():
        grant(apps, group, "products", codenames)


def revoke_market_rights(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=list(RIGHTS)):
        codenames = RIGHTS[group.name]
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="products", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0014_translators_translate_content"),
        ("products", "0019_markets"),
    ]

    operations = [migrations.RunPython(grant_market_rights, revoke_market_rights)]
