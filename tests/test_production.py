"""Production smoke test: collectstatic, then gunicorn as the Procfile starts it, DEBUG off."""

import re
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest

from .servers import BIN, PROJECT, fetch, listening_address, manage, production_env

SEED = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
category = Category.objects.create(name="Technik", slug="technik")
for n in (1, 2):
    Article.objects.create(
        title=f"Meldung {n}", slug=f"meldung-{n}", teaser="Kurz gesagt.",
        body="<p>Text.</p>", category=category, status="published",
        published_at=timezone.now() - timedelta(hours=n),
    )
"""


class Server(NamedTuple):
    url: str
    process: subprocess.Popen
    database: Path


@pytest.fixture
def extra_env() -> dict:
    """More environment for the server; a test overrides it with ``parametrize``."""
    return {}


@pytest.fixture
def production_server(tmp_path, extra_env):
    env = production_env(tmp_path, **extra_env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "shell", "-c", SEED)
    # Port 0: the system picks a free port, gunicorn reports it.
    server = subprocess.Popen(
        [BIN / "gunicorn", "newsroom.wsgi", "--bind", "127.0.0.1:0", "--workers", "2"],
        cwd=PROJECT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        address = listening_address(server.stderr)
        assert address, "gunicorn did not start"
        yield Server(address, server, tmp_path / "db.sqlite3")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_site_works_under_gunicorn_with_debug_off(production_server):
    production_server = production_server.url
    status, _headers, body = fetch(production_server + "/")
    assert status == 200
    home = body.decode()
    assert "Meldung 1" in home

    status, _headers, body = fetch(production_server + "/technik/meldung-1/")
    assert status == 200
    assert '<h1 id="article-title">Meldung 1</h1>' in body.decode()

    # The stylesheet under its hashed name, compressed, cached for a long time.
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
    assert css, "the page links the hashed stylesheet"
    status, headers, body = fetch(production_server + css.group(1), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "max-age=315360000" in headers.get("Cache-Control", "")
    assert "immutable" in headers.get("Cache-Control", "")

    status, _headers, body = fetch(production_server + "/gibt-es-nicht/")
    assert status == 404
    assert "Wir konnten diese Seite nicht finden" in body.decode()

    status, _headers, body = fetch(production_server + "/healthz")
    assert (status, body) == (200, b"ok")
    # Load balancers ask by IP address, which is not among ALLOWED_HOSTS.
    status, _headers, body = fetch(production_server + "/healthz", Host="10.1.2.3:8000")
    assert (status, body) == (200, b"ok")


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def count_view(server: Server, article_slug: str) -> int:
    with sqlite3.connect(server.database) as db:
        (article_id,) = db.execute(
            "SELECT id FROM articles_article WHERE slug = ?", [article_slug]
        ).fetchone()
    address = f"{server.url}/views/{article_id}/"
    request = urllib.request.Request(  # noqa: S310 (our own server)
        address, data=b"", method="POST", headers={"User-Agent": BROWSER}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server)
        return response.status


def written_views(server: Server) -> int:
    with sqlite3.connect(server.database) as db:
        return db.execute("SELECT COALESCE(SUM(views), 0) FROM articles_articleviews").fetchone()[0]


@pytest.mark.parametrize("extra_env", [{"VIEWS_FLUSH_SECONDS": "1"}])
def test_views_counted_by_a_gunicorn_worker_are_written_within_the_flush_interval(
    production_server,
):
    assert count_view(production_server, "meldung-1") == 204
    deadline = time.monotonic() + 15
    while written_views(production_server) == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert written_views(production_server) == 1


@pytest.mark.parametrize("extra_env", [{"VIEWS_FLUSH_SECONDS": "600"}])
def test_views_waiting_in_gunicorn_workers_are_written_when_they_stop(production_server):
    assert count_view(production_server, "meldung-1") == 204
    assert count_view(production_server, "meldung-2") == 204
    assert written_views(production_server) == 0, "still waiting in the workers"
    production_server.process.terminate()  # as a deploy or a restart does
    production_server.process.wait(timeout=30)
    assert written_views(production_server) == 2


def test_procfile_release_needs_nothing_but_python():
    # Platforms that read the Procfile rarely have GNU gettext; compilemessages
    # would fail there without msgfmt. The compiled catalogues are committed.
    lines = dict(
        line.split(": ", 1) for line in (PROJECT / "Procfile").read_text().splitlines() if line
    )
    assert lines["release"] == (
        "python manage.py migrate --noinput && python manage.py collectstatic --noinput"
    )
    assert lines["web"].startswith("gunicorn newsroom.wsgi ")
    assert lines["worker"].startswith("python manage.py db_worker")
