"""Give the Editor role the newsletter; Authors and Moderators get nothing of it.

The roles now live in one table, newsroom/roles.py, applied by
newsroom/migrations/0004_editorial_roles.py; this step is kept (as a no-op)
so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
