"""``manage.py benchmark``: build a large newsroom and print how fast its pages are.

See docs/performance.md for what it measures and how to read the table.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import Article, ArticleViews
from demo import benchmark, benchmark_comments  # noqa: F401 - registers the comments' builder

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) newsroom-benchmark"

BEACON_REPEAT_LUA = """
wrk.method = "POST"
wrk.headers["User-Agent"] = "%(ua)s"
wrk.headers["X-Forwarded-For"] = "198.51.100.1"
"""

# Every request from a new address: every view counts, so every request writes.
BEACON_COUNTED_LUA = """
wrk.method = "POST"
request = function()
  local address = string.format("10.%%d.%%d.%%d",
    math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format(nil, nil, {["User-Agent"] = "%(ua)s", ["X-Forwarded-For"] = address})
end
"""

# A new query string on every request: always a page-cache miss, same article.
UNCACHED_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  local address = wrk.path .. "?miss=" .. os.time() .. "-" .. tid .. "-" .. n
  return wrk.format(nil, address, {["User-Agent"] = "%(ua)s"})
end
"""


class Command(BaseCommand):
    help = (
        "Build a large demo newsroom in an EMPTY database (use a separate one), then print "
        "queries and timings per page, uncached and cached, and requests per second under "
        "gunicorn against a hello-world view. See docs/performance.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default="1000,20000",
            help="Article counts to measure at, growing in between (default 1000,20000).",
        )
        parser.add_argument("--repeat", type=int, default=30, help="Requests per page and mode.")
        parser.add_argument("--duration", type=int, default=8, help="Seconds per wrk run.")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections.")
        parser.add_argument("--port", type=int, default=0, help="gunicorn port (0: a free one).")
        parser.add_argument("--no-load", action="store_true", help="Skip the gunicorn/wrk part.")
        parser.add_argument(
            "--flush", action="store_true", help="Empty the database first (destroys its data!)."
        )

    def handle(self, *args, **options):
        sizes = sorted(int(size) for size in options["sizes"].split(",") if size.strip())
        if not sizes or sizes[0] < 20:
            raise CommandError("--sizes needs article counts of at least 20, e.g. 1000,20000.")
        # Without collectstatic, WhiteNoise warns about the in-process run; harmless.
        warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
        self._prepare_database(options["flush"])
        wrk = shutil.which("wrk")
        if not options["no_load"] and not wrk:
            self.stderr.write(
                "wrk is not installed, so the requests-per-second part is skipped. "
                "Install it (Debian: apt-get install -y wrk) and run again."
            )
        load = not options["no_load"] and wrk
        static_root = Path(tempfile.mkdtemp(prefix="newsroom-bench-static-"))
        if load:
            self._collectstatic(static_root)

        newsroom = benchmark.start()
        results = {}
        for size in sizes:
            began = time.perf_counter()
            benchmark.grow(newsroom, size)
            self.stdout.write(
                f"Built {newsroom.size} articles in {time.perf_counter() - began:.1f} s "
                f"({ArticleViews.objects.count()} hourly view counts)."
            )
            pages = self._pages(newsroom)
            results[size] = {"pages": self._measure_pages(pages, options["repeat"])}
            if load:
                results[size]["load"] = self._measure_load(pages, newsroom, static_root, options)
            self._print_size(size, results[size])
        self._print_growth(sizes, results)
        shutil.rmtree(static_root, ignore_errors=True)

    # --- Setting up ---------------------------------------------------------------

    def _prepare_database(self, flush: bool) -> None:
        self._ensure_database()
        call_command("migrate", verbosity=0)
        if Article.objects.exists():
            if not flush:
                raise CommandError(
                    "This database already holds articles. Run the benchmark on a database of "
                    "its own, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench "
                    "(created if missing), or pass --flush to empty this one."
                )
            call_command("flush", interactive=False, verbosity=0)
        cache.clear()

    def _ensure_database(self) -> None:
        """Create a missing PostgreSQL database: the benchmark wants one of its own."""
        from django.db.utils import OperationalError

        try:
            connection.ensure_connection()
            return
        except OperationalError:
            if connection.vendor != "postgresql":
                raise
        import psycopg

        params = connection.get_connection_params()
        name = params.pop("dbname")
        params["dbname"] = "postgres"
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')  # noqa: S608 - our own setting
        self.stdout.write(f"Created database {name}.")

    def _collectstatic(self, static_root: Path) -> None:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            check=True,
            cwd=settings.BASE_DIR,
            env=self._server_env(static_root),
        )

    def _pages(self, newsroom) -> list[tuple[str, str]]:
        pages = []
        for label, address_of in benchmark.PAGES:
            address = address_of(newsroom)
            if address is None:
                self.stdout.write(f"  ({label}: no such page on this site yet, skipped)")
                continue
            pages.append((label, address))
        return pages

    # --- In-process timings -------------------------------------------------------

    def _measure_pages(self, pages, repeat: int) -> dict:
        results = {}
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        # In process there is no collectstatic manifest and no HTTPS proxy.
        with override_settings(ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False, STORAGES=storages):
            client = Client(HTTP_USER_AGENT=USER_AGENT)
            for label, address in pages:
                cache.clear()
                response = client.get(address)
                if response.status_code != 200:
                    self.stdout.write(f"  ({label}: {address} answered {response.status_code})")
                    continue
                uncached_queries = self._queries(client, address, clear=True)
                uncached = self._timings(client, address, repeat, clear=True)
                client.get(address)
                cached_queries = self._queries(client, address, clear=False)
                cached = self._timings(client, address, repeat, clear=False)
                # An address with a parameter the page cache ignores: the page is
                # made every time, its parts and widgets come from the cache (a
                # page whose tag was stamped by a change elsewhere, on a running site).
                miss = address + ("&" if "?" in address else "?") + "benchmark-miss=1"
                miss_queries = self._queries(client, miss, clear=False)
                missed = self._timings(client, miss, repeat, clear=False)
                results[label] = {
                    "address": address,
                    "queries": uncached_queries,
                    "cached_queries": cached_queries,
                    "miss_queries": miss_queries,
                    "uncached": uncached,
                    "cached": cached,
                    "miss": missed,
                }
        return results

    @staticmethod
    def _queries(client, address, clear) -> int:
        if clear:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        return len(queries)

    @staticmethod
    def _timings(client, address, repeat, clear) -> tuple[float, float, float]:
        """Median and 95th percentile wall time, and median CPU time of this process, in ms.

        The CPU time leaves out waiting (for the database, or for a busy
        machine's other processes): a steadier measure of the Python work.
        """
        samples, cpu = [], []
        for _ in range(repeat):
            if clear:
                cache.clear()
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(address)
            samples.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        p95 = statistics.quantiles(samples, n=20)[18] if len(samples) >= 2 else samples[0]
        return statistics.median(samples), p95, statistics.median(cpu)

    # --- Load under gunicorn --------------------------------------------------------

    def _server_env(self, static_root: Path) -> dict:
        env = dict(os.environ)
        env.update(
            DEBUG="false",
            BENCHMARK_HELLO="true",
            USE_HTTPS="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECRET_KEY=settings.SECRET_KEY,
            STATIC_ROOT=str(static_root),
            CLIENT_IP_HEADER="X-Forwarded-For",
            LOG_LEVEL="WARNING",
            DATABASE_URL=os.environ.get("DATABASE_URL", ""),
        )
        # Each worker keeps its own local-memory cache: the benchmark never
        # touches a Redis that other programs may share.
        env.pop("REDIS_URL", None)
        if not env["DATABASE_URL"]:
            env.pop("DATABASE_URL")
        return env

    def _measure_load(self, pages, newsroom, static_root, options) -> dict:
        port = options["port"] or _free_port()
        base = f"http://127.0.0.1:{port}"
        article_address = dict(pages)["article"]
        article = Article.objects.get(slug=article_address.rstrip("/").rsplit("/", 1)[-1])
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=self._server_env(static_root),
        )
        try:
            _wait_for(f"{base}/healthz")
            for _ in range(4):  # every worker renders and stores its copy
                _get(f"{base}{article_address}")
            figures = {}
            with tempfile.TemporaryDirectory() as scripts:
                hello = f"{base}/benchmark/hello/"
                beacon = f"{base}/views/{article.pk}/"
                targets = [
                    ("cached article", f"{base}{article_address}", None),
                    ("uncached article", f"{base}{article_address}", UNCACHED_LUA),
                    ("beacon (repeat reader)", beacon, BEACON_REPEAT_LUA),
                    ("beacon (every view counted)", beacon, BEACON_COUNTED_LUA),
                ]
                for label, url, lua in targets:
                    # Hello world right before each figure: a shared machine's load
                    # drifts, and each ratio should compare like with like.
                    figures[f"hello before {label}"] = self._wrk(options, hello)
                    if label == "beacon (every view counted)":
                        writes_before, views_before = _write_counters()
                    figures[label] = self._wrk(options, url, lua and _script(scripts, lua))
                figures["hello"] = statistics.median(
                    figures[f"hello before {label}"] for label, _, _ in targets
                )
        finally:
            server.terminate()
            server.wait(timeout=20)
        # The workers' database sessions report their statistics when they end.
        time.sleep(1)
        writes_after, views_after = _write_counters()
        counted = views_after - views_before
        figures["counted views"] = counted
        if writes_before is not None and counted:
            figures["row writes"] = writes_after - writes_before
            figures["writes per counted view"] = (writes_after - writes_before) / counted
        return figures

    def _wrk(self, options, url, script=None) -> float:
        command = [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(options["connections"]),
            "--duration",
            f"{options['duration']}s",
            "--header",
            f"User-Agent: {USER_AGENT}",
        ]
        if script:
            command += ["--script", script]
        output = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=True
        ).stdout
        match = re.search(r"Requests/sec:\s+([\d.]+)", output)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if errors:
            self.stdout.write(f"  warning: {url}: {errors.group(1)} non-2xx answers")
        return float(match.group(1)) if match else 0.0

    # --- Output ------------------------------------------------------------------

    def _print_size(self, size: int, result: dict) -> None:
        out = self.stdout.write
        out("")
        out(f"### {size:,} articles ({connection.vendor})")
        out("")
        out(
            "| page | queries | cached queries | uncached median/p95 ms | uncached CPU ms "
            "| cached median/p95 ms | cached CPU ms | page-cache miss: queries "
            "| miss median/p95 ms | miss CPU ms |"
        )
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, figures in result["pages"].items():
            out(
                f"| {label} | {figures['queries']} | {figures['cached_queries']} "
                f"| {figures['uncached'][0]:.1f} / {figures['uncached'][1]:.1f} "
                f"| {figures['uncached'][2]:.1f} "
                f"| {figures['cached'][0]:.2f} / {figures['cached'][1]:.2f} "
                f"| {figures['cached'][2]:.2f} "
                f"| {figures['miss_queries']} "
                f"| {figures['miss'][0]:.1f} / {figures['miss'][1]:.1f} "
                f"| {figures['miss'][2]:.1f} |"
            )
        load = result.get("load")
        if load:
            out("")
            out(
                "| under gunicorn (2 sync workers) | requests/s | hello world just before "
                "| share of hello world |"
            )
            out("|---|---:|---:|---:|")
            for label in (
                "cached article",
                "uncached article",
                "beacon (repeat reader)",
                "beacon (every view counted)",
            ):
                hello = load[f"hello before {label}"] or 1
                out(f"| {label} | {load[label]:.0f} | {hello:.0f} | {load[label] / hello:.0%} |")
            writes = load.get("writes per counted view")
            out("")
            out(
                f"Counted views in the counted-beacon run: {load['counted views']}; database "
                "writes per counted view: "
                + (
                    f"{writes:.4f} ({load['row writes']} row writes)"
                    if writes is not None
                    else "n/a (PostgreSQL only)"
                )
            )

    def _print_growth(self, sizes, results) -> None:
        if len(sizes) < 2:
            return
        small, large = sizes[0], sizes[-1]
        out = self.stdout.write
        out("")
        out(f"### Growth from {small:,} to {large:,} articles")
        out("")
        out(
            "| page | queries | uncached median ms | ratio | uncached CPU ms | ratio "
            "| cached median ms | ratio | miss CPU ms | ratio |"
        )
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, before in results[small]["pages"].items():
            after = results[large]["pages"].get(label)
            if not after:
                continue
            out(
                f"| {label} | {before['queries']} → {after['queries']} "
                f"| {before['uncached'][0]:.1f} → {after['uncached'][0]:.1f} "
                f"| {after['uncached'][0] / before['uncached'][0]:.2f}× "
                f"| {before['uncached'][2]:.1f} → {after['uncached'][2]:.1f} "
                f"| {after['uncached'][2] / (before['uncached'][2] or 1):.2f}× "
                f"| {before['cached'][0]:.2f} → {after['cached'][0]:.2f} "
                f"| {after['cached'][0] / before['cached'][0]:.2f}× "
                f"| {before['miss'][2]:.1f} → {after['miss'][2]:.1f} "
                f"| {after['miss'][2] / (before['miss'][2] or 1):.2f}× |"
            )
        if results[small].get("load") and results[large].get("load"):
            out("")
            out("| under gunicorn | requests/s | ratio |")
            out("|---|---:|---:|")
            for label in ("hello", "cached article", "uncached article", "beacon (repeat reader)",
                          "beacon (every view counted)"):  # fmt: skip
                before, after = results[small]["load"][label], results[large]["load"][label]
                out(f"| {label} | {before:.0f} → {after:.0f} | {after / (before or 1):.2f}× |")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if _get(url) == 200:
                return
        except OSError:
            if time.monotonic() > deadline:
                raise CommandError(f"gunicorn did not answer at {url}") from None
        time.sleep(0.2)


def _script(folder: str, template: str) -> str:
    path = Path(folder) / f"script-{abs(hash(template))}.lua"
    path.write_text(template % {"ua": USER_AGENT})
    return str(path)


def _write_counters() -> tuple[int | None, int]:
    """Rows written to the view counts table so far (PostgreSQL), and the views they hold."""
    views = ArticleViews.objects.aggregate(total=Sum("views"))["total"] or 0
    if connection.vendor != "postgresql":
        return None, views
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = %s",
            [ArticleViews._meta.db_table],
        )
        return cursor.fetchone()[0], views
