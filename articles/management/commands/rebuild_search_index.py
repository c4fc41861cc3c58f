"""Recreate the full-text search trigger and index for the current site language.

Needed only after LANGUAGE_CODE changes on an existing PostgreSQL database.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from articles import search


class Command(BaseCommand):
    help = "Rebuild the PostgreSQL full-text search index in the site language's configuration."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: the search fallback needs no index.")
            return
        with connection.schema_editor() as schema_editor:
            search.install_index(schema_editor)
        self.stdout.write(f"Search index rebuilt ({search.text_search_config()}).")
