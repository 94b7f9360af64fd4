"""Translators: view and change the translated reference data (categories, colorways, sizes, materials); the
admin lets them change translations only (core/admin_translations.py)."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

MODELS = ["category", "colorway", "size", "material"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("view", "change")]


def create_translators(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, "Translators", "products", CODENAMES)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0012_models_moved_to_core"),
        ("products", "0014_translation_status"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
