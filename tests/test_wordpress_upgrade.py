"""Upgrading a database whose WordPress import still lived in ``newsroom``."""

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wordpress.models import ImportRun, WordPressObject

from .conftest import make_user

IMPORT_PERMISSIONS = {"add_importrun", "view_importrun", "view_wordpressobject"}
# The last migration of the import inside the project package.
LAST_IN_NEWSROOM = ("newsroom", "0002_editors_may_import")


def migrate_to_before_the_move():
    """Migrate back to main before the move: newsroom at 0002, no wordpress app yet.

    The other apps (foundation included) keep their latest migrations: none of
    them depends on the move, and a plan may not go backwards and forwards at once.
    Returns the historical models of that state.
    """
    executor = MigrationExecutor(connection)
    state = executor.migrate([LAST_IN_NEWSROOM, ("wordpress", None)])
    executor.loader.build_graph()
    applied = set(executor.loader.applied_migrations)
    assert LAST_IN_NEWSROOM in applied
    assert not {node for node in applied if node[0] == "wordpress"}
    assert ("newsroom", "0003_wordpress_moves_out") not in applied
    return state.apps


def migrate_to_the_latest(*, stop_at=None):
    executor = MigrationExecutor(connection)
    executor.migrate(stop_at or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def editor_permissions(group_model, app_label: str) -> set[str]:
    editors = group_model.objects.get(name="Editor")
    return set(
        editors.permissions.filter(content_type__app_label=app_label).values_list(
            "codename", flat=True
        )
    )


@pytest.mark.django_db
def test_fresh_database_has_the_import_in_its_own_app():
    from django.contrib.auth.models import Group

    assert ContentType.objects.get_for_model(ImportRun).app_label == "wordpress"
    assert not ContentType.objects.filter(app_label="newsroom", model="importrun").exists()
    assert editor_permissions(Group, "wordpress") >= IMPORT_PERMISSIONS
    assert ImportRun._meta.db_table == "newsroom_importrun"
    assert WordPressObject._meta.db_table == "newsroom_wordpressobject"


@pytest.mark.django_db(transaction=True)
def test_upgrade_keeps_imports_records_and_the_editors_permissions():
    try:
        old = migrate_to_before_the_move()
        assert editor_permissions(old.get_model("auth", "Group"), "newsroom") >= (
            IMPORT_PERMISSIONS
        )
        old_types = old.get_model("contenttypes", "ContentType").objects
        run_type = old_types.get(app_label="newsroom", model="importrun")
        run = old.get_model("newsroom", "ImportRun").objects.create(
            export_file="", status="done", report={"post": {"imported": 1}}
        )
        record = old.get_model("newsroom", "WordPressObject").objects.create(
            site="https://alt.example.org",
            kind="post",
            wp_id="7",
            content_type=old_types.get(app_label="articles", model="article"),
            object_id=42,
            url="https://alt.example.org/?p=7",
            checksum="abc",
        )
    finally:
        migrate_to_the_latest()

    run = ImportRun.objects.get(pk=run.pk)
    assert (run.status, run.report) == ("done", {"post": {"imported": 1}})
    record = WordPressObject.objects.get(pk=record.pk)
    assert (record.wp_id, record.object_id, record.content_type.model) == ("7", 42, "article")
    assert ContentType.objects.get_for_model(ImportRun).pk == run_type.pk  # moved, not new
    assert not ContentType.objects.filter(app_label="newsroom").exists()
    editor = make_user("chefin", role="Editor")
    assert editor.has_perms([f"wordpress.{codename}" for codename in IMPORT_PERMISSIONS])


@pytest.mark.django_db(transaction=True)
def test_upgrade_that_stopped_halfway_keeps_one_content_type_per_model():
    """``migrate wordpress 0001`` runs post_migrate, which adds wordpress content types."""
    try:
        migrate_to_before_the_move()
        migrate_to_the_latest(stop_at=[("wordpress", "0001_initial")])
        ContentType.objects.clear_cache()  # other tests leave content types in it
        create_permissions(apps.get_app_config("wordpress"), verbosity=0)
        assert ContentType.objects.filter(model="importrun").count() == 2
    finally:
        migrate_to_the_latest()

    assert ContentType.objects.filter(model="importrun").count() == 1
    editor = make_user("chefin", role="Editor")
    assert editor.has_perms([f"wordpress.{codename}" for codename in IMPORT_PERMISSIONS])
