"""Create the editorial roles: Author, Editor and Moderator.

Permissions are normally created after all migrations ran; create them
here first so the groups can be given them on a fresh database.

The roles now live in one table, newsroom/roles.py, applied by
newsroom/migrations/0004_editorial_roles.py; this step is kept (as a no-op)
so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
