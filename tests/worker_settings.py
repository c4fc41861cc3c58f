"""Settings for a real `manage.py db_worker` started by a test: short timeouts for a quick test."""

from .settings import *  # noqa: F403

# Notice a killed worker after two seconds instead of five minutes.
NEWSLETTER_STALL_SECONDS = 2
NEWSLETTER_RUN_SECONDS = 5
