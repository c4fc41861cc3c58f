"""ImportRun and WordPressObject now belong to the ``wordpress`` app.

The tables stay where they are (``wordpress.0001_initial`` took the models over
with the same table names); only newsroom's migration state lets go of them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_editors_may_import"),
        ("wordpress", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImportRun"),
                migrations.DeleteModel(name="WordPressObject"),
            ],
            database_operations=[],
        ),
    ]
