"""The import's content types move from ``newsroom`` to ``wordpress``.

Permissions hang on content types, so moving the two rows keeps every grant,
among them the Editor group's (``newsroom.0002_editors_may_import``), and the
admin's history of imports.
"""

from django.db import migrations

MODELS = ["importrun", "wordpressobject"]


def relabel(apps, schema_editor, old_label: str, new_label: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    permissions = Permission.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        moving = content_types.filter(app_label=old_label, model=model).first()
        if moving is None:
            continue
        duplicate = content_types.filter(app_label=new_label, model=model).first()
        if duplicate is not None:
            # Made by post_migrate when a migrate stopped between the two apps'
            # steps: its grants go over to the permissions that keep the history.
            for permission in permissions.filter(content_type=duplicate):
                keeper = permissions.filter(
                    content_type=moving, codename=permission.codename
                ).first()
                if keeper is not None:
                    keeper.group_set.add(*permission.group_set.all())
                    keeper.user_set.add(*permission.user_set.all())
            duplicate.delete()
        moving.app_label = new_label
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def to_wordpress(apps, schema_editor):
    relabel(apps, schema_editor, "newsroom", "wordpress")


def to_newsroom(apps, schema_editor):
    relabel(apps, schema_editor, "wordpress", "newsroom")


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_wordpress, to_newsroom)]
