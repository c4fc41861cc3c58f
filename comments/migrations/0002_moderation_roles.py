"""Give the Moderator role the comment permissions (and nothing else); Editors too.

Editors also tune the moderation rules. Permissions are created here first,
as in articles.0002, so that a fresh database gets them before the groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATE = ["view_comment", "change_comment", "moderate_comment"]
ROLES = {
    "Moderator": MODERATE,
    "Editor": [
        *MODERATE,
        "delete_comment",
        "view_moderationsettings",
        "change_moderationsettings",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
        )
    apps.get_model("comments", "ModerationSettings").objects.get_or_create(pk=1)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="comments"))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_and_moderation_settings"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
