"""Add demo comments (approved threads and a few held ones) to the demo articles."""

from django.core.management.base import BaseCommand

from demo.comments import seed_comments


class Command(BaseCommand):
    help = "Add approved threaded comments and a few held ones to published articles."

    def handle(self, *args, **options):
        made = seed_comments()
        self.stdout.write(f"Made {made} demo comment(s).")
