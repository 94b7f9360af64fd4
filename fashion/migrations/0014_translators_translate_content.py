"""Translators also view and change the translated content and its parts (products, shows, campaigns, series,
ambassadors; features, materials, sizes, pictures, credits, gallery, quotes). The admin lets them change
translations only, on inlines too, and add or delete no row (core/admin_translations.py)."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

CONTENT = {
    "products": ["product", "collection", "feature", "productmaterial", "productsize", "productimage", "quote"],
    "campaigns": ["campaign", "campaignseries", "ambassador", "credit", "campaignimage"],
}


def codenames(models):
    return [f"{action}_{model}" for model in models for action in ("view", "change")]


def let_translators_translate_content(apps, schema_editor):
    ensure_permissions(apps)
    for app_label, models in CONTENT.items():
        grant(apps, "Translators", app_label, codenames(models))


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Translators"):
        for app_label, models in CONTENT.items():
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames(models))
            )


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0013_translators"),
        ("products", "0018_history_keeps_language_columns"),
        ("campaigns", "0013_ambassador_role_default"),
    ]

    operations = [migrations.RunPython(let_translators_translate_content, take_it_back)]
