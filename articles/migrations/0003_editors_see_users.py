"""Editors manage author profiles, so they must be able to pick the profile's user.

The admin's user autocomplete asks for the view permission on users.
"""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="auth", codename="view_user"
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name="Editor"):
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="auth", codename="view_user")
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_editorial_roles")]

    operations = [migrations.RunPython(grant, revoke)]
