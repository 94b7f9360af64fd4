"""The "Exporters" group: view and export products, variants, campaigns and ambassadors."""

from django.db import migrations

EXPORTABLE = [("products", "product"), ("products", "variant"), ("campaigns", "campaign"), ("campaigns", "ambassador")]


def create_exporters_group(apps, schema_editor):
    # Permissions are normally created after all migrations run (post_migrate);
    # a fresh database has none yet, so create them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Exporters")
    codenames = [f"{action}_{model}" for _, model in EXPORTABLE for action in ("view", "export")]
    permissions = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in EXPORTABLE}, codename__in=codenames
    )
    group.permissions.add(*permissions)


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
