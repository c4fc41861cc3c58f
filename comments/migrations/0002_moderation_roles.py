"""Create the one ModerationSettings row.

This step also gave the Moderator and Editor roles their comment
permissions; the roles now live in one table, newsroom/roles.py, applied by
newsroom/migrations/0004_editorial_roles.py.
"""

from django.db import migrations


def create_settings(apps, schema_editor):
    apps.get_model("comments", "ModerationSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_and_moderation_settings"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_settings, migrations.RunPython.noop)]
