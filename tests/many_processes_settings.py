"""Settings of the servers tests/test_many_processes.py starts: production's, plus one header.

Outermost, so that pages served from the page cache name their worker too.
"""

from newsroom.settings import *  # noqa: F403

MIDDLEWARE = ["tests.served_by.ServedByMiddleware", *MIDDLEWARE]  # noqa: F405
