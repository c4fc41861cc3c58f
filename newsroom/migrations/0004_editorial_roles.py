"""The editorial roles as newsroom/roles.py defines them (Author, Editor, Moderator).

The earlier data migrations of the apps granted parts of them; from here on
the one table in newsroom/roles.py is the truth.
"""

from django.db import migrations

from newsroom.roles import apply_roles


def forwards(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_wordpress_moves_out"),
        ("articles", "0007_publishing_history"),
        ("comments", "0002_moderation_roles"),
        ("newsletter", "0002_editor_permissions"),
        ("wordpress", "0002_content_types_from_newsroom"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
