"""Helpers for the migrations that create the editorial groups (Editors, Publishers, Exporters).

Django creates permissions after all migrations have run (post_migrate), so a
data migration on a fresh database must create them first.
"""


def ensure_permissions(apps):
    """Create the permissions of every model in the migration's state (`apps`), not of today's code: a model
    may have moved to another app since the migration was written (ShareLink went from fashion to core)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant(apps, group_name, app_label, codenames):
    """Give `group_name` (created if missing) these permissions of `app_label`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    return group
