"""Fill the database with the demo newsroom; optionally many more articles and demo logins.

It composes the demo's articles and logins (demo/articles.py, with the words in
demo/content.py) and its comments (demo/comments.py).
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import articles as demo_articles
from demo import comments as demo_comments


class Command(BaseCommand):
    help = "Create the demo newsroom (idempotent); --articles N adds N more, --admin prints logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Also create N extra articles quickly (bulk inserts), e.g. for benchmarks.",
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Create or reset the superuser 'admin' and the demo staff; print their logins.",
        )

    def handle(self, *args, articles: int = 0, admin: bool = False, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        started = time.perf_counter()
        report = demo_articles.seed()
        if report.created:
            made = ", ".join(f"{count} {kind}" for kind, count in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo newsroom: created {made}."))
        else:
            self.stdout.write("Demo newsroom: already complete, nothing to do.")
        comments = demo_comments.seed_comments()
        if comments:
            self.stdout.write(self.style.SUCCESS(f"Demo comments: created {comments}."))
        self.stdout.write(f"  ({time.perf_counter() - started:.1f} s)")

        if articles:
            started = time.perf_counter()
            created = demo_articles.bulk_articles(articles)
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"Created {created} extra articles in {elapsed:.1f} s.")
            )

        if admin:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Logins for {settings.SITE_URL}/admin/ :"))
            for username, password, role in demo_articles.reset_logins():
                self.stdout.write(f"  {username:<10} {password:<20} ({role})")
            self.stdout.write("Passwords are new each time this runs.")
