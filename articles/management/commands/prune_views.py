"""Delete view counts that "Popular now" no longer looks at."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.popularity import prune_views


class Command(BaseCommand):
    help = "Delete hourly view counts older than the popularity window (or --keep-hours)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-hours",
            type=int,
            default=None,
            help="Hours of counts to keep; default: twice POPULAR_WINDOW_HOURS.",
        )

    def handle(self, *args, keep_hours=None, **options):
        keep_hours = keep_hours or 2 * settings.POPULAR_WINDOW_HOURS
        if keep_hours < 1:
            raise CommandError("--keep-hours must be at least 1.")
        deleted = prune_views(keep_hours)
        self.stdout.write(f"Deleted {deleted} hourly view counts older than {keep_hours} hours.")
