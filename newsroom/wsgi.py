import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()


def _read_change_stamps() -> None:
    """Read the change stamps as the worker starts, so its first request does not wait."""
    from django.db import DatabaseError, connections

    from foundation.stamps import book

    try:
        book.check()
    except DatabaseError:
        pass  # not migrated yet, or the database is away: the first request reads them
    finally:
        connections.close_all()


_read_change_stamps()
