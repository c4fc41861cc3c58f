"""Print how an article page with many comments performs: queries and milliseconds.

Everything it creates is rolled back; run it against a copy of production data
or an empty database alike (``DEBUG=true`` spares the need for collectstatic).
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Category
from comments.services import new_comment


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the article page with 0, 10 and 500 comments (queries, ms per page)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="0,10,500", help="comment counts, comma-separated")
        parser.add_argument("--repeat", type=int, default=10, help="pages timed per size")

    def handle(self, *args, sizes: str, repeat: int, **options):
        try:
            counts = [int(size) for size in sizes.split(",")]
        except ValueError as error:
            raise CommandError("--sizes takes whole numbers, e.g. 0,10,500") from error
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
        try:
            # The page cache would answer every request after the first; measure the render.
            with transaction.atomic(), override_settings(PAGE_CACHE_SECONDS=0):
                category = Category.objects.create(name="Benchmark", slug="benchmark-comments")
                for count in counts:
                    self.stdout.write(self.measure(category, count, repeat, host))
                raise Rollback
        except Rollback:
            pass
        cache.clear()

    def measure(self, category, count: int, repeat: int, host: str) -> str:
        article = Article.objects.create(
            title=f"Benchmark {count}",
            slug=f"benchmark-comments-{count}",
            teaser="Benchmark.",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=1),
        )
        start = timezone.now() - timedelta(hours=12)
        parent = None
        for n in range(count):
            # Threads four deep, then a new thread.
            parent = None if n % 4 == 0 else parent
            parent = new_comment(
                article,
                parent,
                name=f"Leser {n}",
                email=f"leser{n}@example.org",
                text=f"Kommentar {n} mit https://example.org/{n} und\nzwei Zeilen.",
                status="approved",
                created_at=start + timedelta(seconds=n),
            )
            parent.save()
        client = Client(HTTP_HOST=host)
        url = article.get_absolute_url()
        client.get(url)  # warm the template and widget caches
        # Count from an empty log, and before the next request empties it again.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries.captured_queries)
        begin = time.perf_counter()
        for _ in range(repeat):
            client.get(url)
        per_page = (time.perf_counter() - begin) / repeat * 1000
        return (
            f"{count:5d} comments: {query_count} queries, "
            f"{per_page:7.1f} ms per page, {len(response.content) // 1024} KiB "
            f"(status {response.status_code})"
        )
