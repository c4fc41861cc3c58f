"""Settings come from the environment only: each case loads them in a fresh process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

SHOW = """
import json
from django.conf import settings
names = {names!r}
print(json.dumps({{name: getattr(settings, name) for name in names}}, default=str))
"""


def clean_env(**env) -> dict:
    """The process environment without any of our variables, plus ``env``."""
    base = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    base["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    base.update(env)
    return base


def load(*names: str, **env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + SHOW.format(names=names)],
        cwd=PROJECT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fails(**env) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    return result.stderr


def test_secret_key_is_required_without_debug():
    assert "SECRET_KEY must be set" in fails()
    assert load("SECRET_KEY", DEBUG="true")["SECRET_KEY"]  # a local key for development


def test_local_defaults_are_sqlite_german_and_berlin():
    values = load("DATABASES", "LANGUAGE_CODE", "TIME_ZONE", "EMAIL_BACKEND", DEBUG="true")
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(PROJECT / "db.sqlite3")
    assert values["LANGUAGE_CODE"] == "de"
    assert values["TIME_ZONE"] == "Europe/Berlin"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_selects_postgresql():
    database = load(
        "DATABASES", DEBUG="true", DATABASE_URL="postgres://news:geheim@db.example:6543/zeitung"
    )["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "zeitung",
        "news",
        "geheim",
    )
    assert (database["HOST"], database["PORT"]) == ("db.example", 6543)
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "smtp://mailer:p%40ss@mail.example:2525?tls=1",
            {
                "EMAIL_HOST": "mail.example",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://mail.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("submission://mail.example", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        ("smtp://localhost", {"EMAIL_PORT": 25, "EMAIL_USE_TLS": False}),
    ],
)
def test_email_url_configures_smtp(url, expected):
    from newsroom.settings import email_settings

    values = email_settings(url)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert {name: values[name] for name in expected} == expected


def test_email_url_reaches_the_settings():
    values = load("EMAIL_BACKEND", "EMAIL_HOST", DEBUG="true", EMAIL_URL="smtp://mx.example:25")
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mx.example",
    }


def test_unknown_email_scheme_is_an_error():
    assert "EMAIL_URL has an unknown scheme" in fails(DEBUG="true", EMAIL_URL="pigeon://roof")


def test_https_is_on_by_default_in_production():
    values = load(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "DEBUG",
        "ALLOWED_HOSTS",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="news.example, www.news.example",
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["ALLOWED_HOSTS"] == ["news.example", "www.news.example"]


@pytest.mark.parametrize(
    "value, default, expected",
    [("false", True, False), ("0", True, False), ("off", True, False), ("yes", False, True),
     ("", True, True), (None, False, False)],
)  # fmt: skip
def test_boolean_variables_read_common_spellings(monkeypatch, value, default, expected):
    from newsroom.settings import env_bool

    if value is None:
        monkeypatch.delenv("NEWSROOM_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("NEWSROOM_TEST_FLAG", value)
    assert env_bool("NEWSROOM_TEST_FLAG", default) is expected


def test_use_https_false_serves_plain_http():
    values = load(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        SECRET_KEY="x" * 60,
        USE_HTTPS="false",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_language_and_cache_follow_the_environment():
    values = load("LANGUAGE_CODE", "CACHES", DEBUG="true", LANGUAGE_CODE="en",
                  REDIS_URL="redis://127.0.0.1:6379/3")  # fmt: skip
    assert values["LANGUAGE_CODE"] == "en"
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=clean_env(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="news.example",
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
