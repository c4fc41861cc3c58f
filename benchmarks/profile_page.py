"""Profile a page-cache miss of one page, with DEBUG off, in this process.

Widgets and navigation stay warm (as on a running site); only the page
itself is made again, by giving every request a new query string. Prints
CPU ms per render and the functions that cost the most (cProfile).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench DEBUG=false \\
    SECRET_KEY=anything-long .venv/bin/python benchmarks/profile_page.py /politik/bericht-10/

Run it against a database the benchmark has filled (manage.py benchmark --no-load).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", help="address to render (default: the 11th newest)")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative")
    arguments = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    path = arguments.path
    if path is None:
        path = Article.objects.published().order_by("-published_at")[10].get_absolute_url()
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False, STORAGES=storages):
        client = Client(HTTP_USER_AGENT="Mozilla/5.0 newsroom-profile")
        counter = iter(range(10**9))

        def render() -> None:
            response = client.get(f"{path}?miss={next(counter)}")
            assert response.status_code == 200, response.status_code

        for _ in range(20):  # warm templates, widgets, connections
            render()
        cpu = []
        for _ in range(arguments.repeat):
            began = time.process_time()
            render()
            cpu.append((time.process_time() - began) * 1000)
        print(
            f"{path}: median CPU {statistics.median(cpu):.2f} ms a render, DEBUG={settings.DEBUG}"
        )
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(arguments.repeat):
            render()
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats(arguments.sort).print_stats(arguments.top)


if __name__ == "__main__":
    main()
