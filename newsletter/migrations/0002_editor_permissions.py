"""Give the Editor role the newsletter; Authors and Moderators get nothing of it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "view_subscriber",
    "change_subscriber",
    "delete_subscriber",
    "view_newsletterissue",
    "add_newsletterissue",
    "change_newsletterissue",
    "delete_newsletterissue",
    "send_newsletterissue",
    "view_issuearticle",
    "add_issuearticle",
    "change_issuearticle",
    "delete_issuearticle",
    "view_delivery",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsletter", codename__in=EDITOR_PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsletter")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
