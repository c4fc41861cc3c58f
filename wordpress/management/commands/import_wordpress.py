"""``manage.py import_wordpress EXPORT.xml``: move a WordPress site's content over."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wordpress.importer import WordPressImporter
from wordpress.wxr import WXRError


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): authors, categories, tags and posts."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file from WordPress's Tools → Export")
        parser.add_argument(
            "--media-dir",
            help="a copy of wp-content/uploads, where featured images are looked up",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen, write nothing"
        )

    def handle(self, *args, export, media_dir=None, dry_run=False, **options):
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(
                _("The media folder “%(path)s” does not exist.") % {"path": media_dir}
            )
        progress = self._progress if self.stdout.isatty() else None
        importer = WordPressImporter(
            export, media_dir=media_dir, dry_run=dry_run, progress=progress
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(str(error)) from None
        if progress:
            self.stdout.write("")
        for line in report.note_lines():
            self.stdout.write(f"  {line}")
        if report.notes_left_off:
            self.stdout.write(_("  … and %(count)d more notes") % {"count": report.notes_left_off})
        for image in report.missing_images:
            self.stdout.write(
                _("  missing image for post %(wp_id)s: %(path)s (%(reason)s)") % image
            )
        for line in report.summary_lines():
            self.stdout.write(line)

    def _progress(self, done: int, total: int) -> None:
        share = done * 100 // total if total else 100
        bar = "#" * (share // 5)
        self.stdout.write(f"\r{_('Posts')} [{bar:<20}] {done}/{total} ({share} %)", ending="")
        self.stdout.flush()
