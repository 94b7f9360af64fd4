"""The moved tables take core's names, and their content types (so permissions and groups) follow them."""

from django.db import migrations

MODELS = ["exportlog", "sharelink", "contentversion"]


def move_content_types(apps, schema_editor, source="fashion", target="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A type created under the new label by an earlier partial run would clash: the old one carries the permissions.
    ContentType.objects.filter(app_label=target, model__in=MODELS).delete()
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def move_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="core", target="fashion")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("fashion", "0012_models_moved_to_core")]

    operations = [
        migrations.AlterModelTable("exportlog", None),
        migrations.AlterModelTable("sharelink", None),
        migrations.AlterModelTable("contentversion", None),
        migrations.RenameIndex(
            "sharelink", new_name="core_sharel_content_f50d33_idx", old_name="fashion_sha_content_c5944f_idx"
        ),
        migrations.RunPython(move_content_types, move_back),
    ]
