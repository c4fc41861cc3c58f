"""The test suite's environment: the real settings module, fed test values.

Only variables that are not set already are filled in, so
``DATABASE_URL=postgres://... bin/test`` runs the suite on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("USE_HTTPS", "false")
os.environ.setdefault("EMAIL_URL", "locmem:")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("LANGUAGE_CODE", "de")

from newsroom.settings import *  # noqa: E402, F403

# Hashing test passwords slowly only slows the suite down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest storage needs collectstatic; tests of production serving run it themselves.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Views are written at once: a timer thread writing later would reach into other
# tests' transactions. tests/test_popular_and_related.py and test_production.py
# check the buffered writing that production uses.
VIEWS_FLUSH_SECONDS = 0

# Stamps are read again when the change signal moves, not also every second:
# a timed read would add a query to whichever request happens to cross it, and
# the suite pins query counts. tests/test_many_processes.py runs the real setting.
CHANGES_RECHECK_SECONDS = 0

# A file, not memory: tests that start the real background worker share the database with it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test run, so two runs in one checkout do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}  # noqa: F405

# client.login() in tests authenticates without a request; see tests/logins.py.
AUTHENTICATION_BACKENDS = [
    "tests.logins.AxesBackendForTheTestClient",
    *AUTHENTICATION_BACKENDS[1:],  # noqa: F405
]
