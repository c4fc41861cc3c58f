"""Full-text search vector, first publication time and the table of old addresses.

The trigger and GIN index that maintain and serve ``search_vector`` exist on
PostgreSQL only (articles/search.py); on SQLite the column simply stays empty.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def install_search_index(apps, schema_editor):
    from articles import search

    search.install_index(schema_editor)


def remove_search_index(apps, schema_editor):
    from articles import search

    search.remove_index(schema_editor)


def backfill_first_published(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="published").update(first_published_at=models.F("published_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_editors_see_users"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                help_text="The last part of the address. If it changes later, the old address leads here.",
                max_length=200,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published"
            ),
        ),
        migrations.RunPython(backfill_first_published, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(install_search_index, remove_search_index),
        migrations.CreateModel(
            name="OldPath",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(max_length=500, unique=True, verbose_name="old address")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="old_paths", to="articles.article", verbose_name="article")),
            ],
            options={
                "verbose_name": "old address",
                "verbose_name_plural": "old addresses",
                "ordering": ["path"],
            },
        ),
    ]
