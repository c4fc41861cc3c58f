"""The WordPress import's models, taken over from the project package as they are.

Until now ``newsroom`` owned ImportRun and WordPressObject. Their tables keep
their names (``db_table``), so this migration changes the migration state only;
``newsroom.0003_wordpress_moves_out`` drops them from newsroom's state. On a
fresh database ``newsroom.0001_wordpress_import`` still creates the tables.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import wordpress.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("newsroom", "0002_editors_may_import"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "export_file",
                            models.FileField(
                                upload_to=wordpress.models.export_upload_to,
                                verbose_name="WordPress export (.xml)",
                            ),
                        ),
                        (
                            "dry_run",
                            models.BooleanField(
                                default=False,
                                help_text="Only report what would happen; write nothing.",
                                verbose_name="dry run",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("done", "Done"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "report",
                            models.JSONField(blank=True, default=dict, verbose_name="report"),
                        ),
                        ("error", models.TextField(blank=True, verbose_name="error")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="started"),
                        ),
                        (
                            "finished_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="started by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "WordPress import",
                        "verbose_name_plural": "WordPress imports",
                        "db_table": "newsroom_importrun",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="WordPressObject",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("site", models.CharField(max_length=200, verbose_name="WordPress site")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("author", "author"),
                                    ("category", "category"),
                                    ("tag", "tag"),
                                    ("post", "post"),
                                    ("comment", "comment"),
                                ],
                                max_length=10,
                                verbose_name="kind",
                            ),
                        ),
                        ("wp_id", models.CharField(max_length=200, verbose_name="WordPress ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        (
                            "url",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="old address"
                            ),
                        ),
                        ("checksum", models.CharField(blank=True, max_length=64)),
                        (
                            "imported_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="imported"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "imported WordPress object",
                        "verbose_name_plural": "imported WordPress objects",
                        "db_table": "newsroom_wordpressobject",
                        "indexes": [
                            models.Index(
                                fields=["content_type", "object_id"], name="wp_object_target_idx"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("site", "kind", "wp_id"), name="wp_object_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
