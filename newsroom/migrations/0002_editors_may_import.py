"""Editors may start WordPress imports in the admin and read their reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_importrun", "view_importrun", "view_wordpressobject"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editor").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="newsroom", codename__in=CODENAMES)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsroom", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_wordpress_import"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
