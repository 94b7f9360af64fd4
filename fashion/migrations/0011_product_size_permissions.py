"""Editors and Publishers edit a product's sizes and dimensions (products 0011) like its other parts."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

CODENAMES = ["view_productsize", "add_productsize", "change_productsize", "delete_productsize"]


def grant_size_rights(apps, schema_editor):
    ensure_permissions(apps)
    for group in ("Editors", "Publishers"):
        grant(apps, group, "products", CODENAMES)


def revoke_size_rights(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="products", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0010_product_search_index_with_terms"),
        ("products", "0011_dimensions_per_product_size"),
    ]

    operations = [migrations.RunPython(grant_size_rights, revoke_size_rights)]
