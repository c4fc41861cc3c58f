"""Erase commenters' IP addresses after a while; meant to run daily (cron, a scheduler)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.services import erase_ip_addresses


class Command(BaseCommand):
    help = "Erase the IP addresses of comments older than --days days (default: 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.COMMENTS_IP_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        erased = erase_ip_addresses(days)
        self.stdout.write(f"Erased the IP address of {erased} comment(s).")
