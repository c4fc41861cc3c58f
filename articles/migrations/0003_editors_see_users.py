"""Editors manage author profiles, so they must be able to pick the profile's user.

The admin's user autocomplete asks for the view permission on users.

The roles now live in one table, newsroom/roles.py, applied by
newsroom/migrations/0004_editorial_roles.py; this step is kept (as a no-op)
so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_editorial_roles")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
