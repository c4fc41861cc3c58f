"""Background work for imports started in the admin (run by ``manage.py db_worker``)."""

import shutil
import tempfile
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from .importer import WordPressImporter
from .models import ImportRun
from .wxr import WXRError


@task()
def run_import(run_id: int) -> str:
    """Import the uploaded export of ``ImportRun`` ``run_id`` and store its report."""
    run = ImportRun.objects.get(pk=run_id)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    try:
        with tempfile.TemporaryDirectory() as folder:
            # The reader needs a local file; storages need not have one.
            local = Path(folder) / "export.xml"
            with run.export_file.open("rb") as source, local.open("wb") as target:
                shutil.copyfileobj(source, target)
            report = WordPressImporter(local, dry_run=run.dry_run).run()
    except WXRError as error:
        run.status, run.error = ImportRun.Status.FAILED, str(error)
    except Exception as error:
        run.status, run.error = ImportRun.Status.FAILED, repr(error)
        raise
    else:
        run.status, run.report = ImportRun.Status.DONE, report.as_dict()
    finally:
        # The export holds e-mail addresses; once read, only the report is kept.
        run.export_file.delete(save=False)
        run.finished_at = timezone.now()
        run.save(update_fields=["export_file", "status", "report", "error", "finished_at"])
    return run.status
