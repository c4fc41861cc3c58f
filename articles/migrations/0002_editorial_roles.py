"""Create the editorial roles: Author, Editor and Moderator.

Permissions are normally created after all migrations ran; create them
here first so the groups can be given them on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Author": [
        ("articles", "view_article"),
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_category"),
        ("articles", "view_authorprofile"),
        ("taggit", "view_tag"),
        ("taggit", "add_tag"),
    ],
    "Editor": [
        ("articles", "view_article"),
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "delete_article"),
        ("articles", "publish_article"),
        ("articles", "edit_any_article"),
        ("articles", "view_category"),
        ("articles", "add_category"),
        ("articles", "change_category"),
        ("articles", "delete_category"),
        ("articles", "view_authorprofile"),
        ("articles", "add_authorprofile"),
        ("articles", "change_authorprofile"),
        ("taggit", "view_tag"),
        ("taggit", "add_tag"),
        ("taggit", "change_tag"),
        ("taggit", "delete_tag"),
    ],
    # The comments app gives this role its permissions in its own migration.
    "Moderator": [],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
