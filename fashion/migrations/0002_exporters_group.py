"""The "Exporters" group: view and export products, variants, campaigns and ambassadors."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

EXPORTABLE = [("products", "product"), ("products", "variant"), ("campaigns", "campaign"), ("campaigns", "ambassador")]


def create_exporters_group(apps, schema_editor):
    ensure_permissions(apps)
    for app_label, model in EXPORTABLE:
        grant(apps, "Exporters", app_label, [f"view_{model}", f"export_{model}"])


def remove_exporters_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Exporters").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("products", "0002_alter_product_options_alter_variant_options"),
        ("campaigns", "0003_alter_ambassador_options_alter_campaign_options"),
    ]

    operations = [migrations.RunPython(create_exporters_group, remove_exporters_group)]
