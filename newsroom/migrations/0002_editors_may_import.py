"""Editors may start WordPress imports in the admin and read their reports.

The roles now live in one table, newsroom/roles.py, applied by
newsroom/migrations/0004_editorial_roles.py; this step is kept (as a no-op)
so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_wordpress_import"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
