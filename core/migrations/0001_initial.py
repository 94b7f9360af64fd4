"""The export log, share links and the content version move from `fashion` (now the site layer) to `core`.

The tables already exist (fashion 0001, 0004, 0007): this takes them into core's state only; 0002 renames them.
"""

import core.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('fashion', '0011_product_size_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ContentVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.BigIntegerField(default=0)),
                ],
                options={
                    'verbose_name': 'content version',
                    'db_table': 'fashion_contentversion',
                },
            ),
            migrations.CreateModel(
                name='ExportLog',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                    ('actor', models.CharField(help_text='The username, or the system account for the command line.', max_length=150, verbose_name='who')),
                    ('source', models.CharField(choices=[('admin', 'Admin'), ('command', 'Command line')], max_length=10, verbose_name='from')),
                    ('dataset', models.CharField(max_length=40, verbose_name='dataset')),
                    ('file_format', models.CharField(max_length=10, verbose_name='format')),
                    ('filters', models.JSONField(blank=True, default=dict, verbose_name='filters')),
                    ('rows', models.PositiveIntegerField(default=0, verbose_name='rows')),
                    ('duration', models.FloatField(default=0, verbose_name='duration (s)')),
                    ('completed', models.BooleanField(default=False, help_text='False when the download was interrupted or failed.', verbose_name='completed')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ],
                options={
                    'verbose_name': 'export',
                    'db_table': 'fashion_exportlog',
                    'verbose_name_plural': 'export log',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='ShareLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField()),
                    ('note', models.CharField(blank=True, help_text='Who the link is for, e.g. “PR agency”.', max_length=120, verbose_name='for')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('expires_at', models.DateTimeField(default=core.models.default_share_expiry, verbose_name='expires')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ],
                options={
                    'verbose_name': 'share link',
                    'db_table': 'fashion_sharelink',
                    'verbose_name_plural': 'share links',
                    'ordering': ['-created_at'],
                    'indexes': [models.Index(fields=['content_type', 'object_id'], name='fashion_sha_content_c5944f_idx')],
                },
            ),
            ],
        ),
    ]
