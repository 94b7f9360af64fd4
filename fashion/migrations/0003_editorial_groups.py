"""Editors (write content, cannot publish) and Publishers (also publish, schedule and delete)."""

from django.db import migrations

from fashion.roles import ensure_permissions, grant

CONTENT = {
    "products": ["brand", "collection", "category", "colorway", "size", "material", "product", "productmaterial",
                 "feature", "variant", "productimage", "quote"],
    "campaigns": ["ambassador", "campaignseries", "campaign", "campaignproduct", "credit", "campaignimage"],
}
PUBLISHABLE = {"products": ["collection", "product"], "campaigns": ["ambassador", "campaignseries", "campaign"]}


def codenames(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    for app_label, models in CONTENT.items():
        # Child rows (variants, images, credits…) are deleted from their parent's form.
        children = [model for model in models if model not in PUBLISHABLE[app_label]]
        editorial = codenames(("view", "add", "change"), models) + codenames(("delete",), children)
        grant(apps, "Editors", app_label, editorial)
        publishing = codenames(("publish", "delete"), PUBLISHABLE[app_label])
        grant(apps, "Publishers", app_label, editorial + publishing)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0002_exporters_group"),
        ("products", "0003_alter_collection_options_alter_product_options"),
        ("campaigns", "0004_alter_ambassador_options_alter_campaign_options_and_more"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
