"""Editors (write content, cannot publish) and Publishers (also publish, schedule and delete)."""

from django.db import migrations

CONTENT = {
    "products": ["brand", "collection", "category", "colorway", "size", "material", "product", "productmaterial",
                 "feature", "variant", "productimage", "quote"],
    "campaigns": ["ambassador", "campaignseries", "campaign", "campaignproduct", "credit", "campaignimage"],
}
PUBLISHABLE = {"products": ["collection", "product"], "campaigns": ["ambassador", "campaignseries", "campaign"]}


def codenames(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(app_label, names):
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=names)

    editors, _ = Group.objects.get_or_create(name="Editors")
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    for app_label, models in CONTENT.items():
        # Child rows (variants, images, credits…) are deleted from their parent's form.
        children = [model for model in models if model not in PUBLISHABLE[app_label]]
        editorial = codenames(("view", "add", "change"), models) + codenames(("delete",), children)
        editors.permissions.add(*permissions(app_label, editorial))
        publishing = codenames(("publish", "delete"), PUBLISHABLE[app_label])
        publishers.permissions.add(*permissions(app_label, editorial + publishing))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0002_exporters_group"),
        ("products", "0003_alter_collection_options_alter_product_options"),
        ("campaigns", "0004_alter_ambassador_options_alter_campaign_options_and_more"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
