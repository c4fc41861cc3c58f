"""Benchmark: one issue to N generated subscribers through a local SMTP sink.

Not a test. Prints messages per second and the worker's peak memory (VmHWM).

    .venv/bin/python benchmarks/newsletter_send.py              # 20,000 on a temporary SQLite file
    .venv/bin/python benchmarks/newsletter_send.py --subscribers 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python benchmarks/newsletter_send.py          # an existing, empty database

The SMTP sink (aiosmtpd) runs in its own process and only counts what it
accepts; the worker is the real ``manage.py db_worker`` in batch mode.
"""

import argparse
import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_sink(port: int, counter, ready) -> None:
    from aiosmtpd.controller import Controller

    class Counting:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.sleep(10**6))
    finally:
        controller.stop()


def peak_memory_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=6)
    parser.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only",
        "USE_HTTPS": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "SITE_URL": "https://news.example.org",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )

    import django

    django.setup()
    from django.utils import timezone

    from articles.models import Article, Category
    from newsletter import tasks
    from newsletter.models import NewsletterIssue, Subscriber

    started = time.perf_counter()
    category = Category.objects.create(name="Benchmark", slug=f"bench-{int(time.time())}")
    issue = NewsletterIssue.objects.create(subject="Die Woche", intro="Das Wichtigste in Kürze.")
    for n in range(args.articles):
        article = Article.objects.create(
            title=f"Artikel {n}",
            slug=f"{category.slug}-artikel-{n}",
            teaser="Ein Vorspann von zwei Sätzen. Er sagt, worum es geht.",
            category=category,
            status="published",
            published_at=timezone.now(),
        )
        issue.entries.create(article=article, position=n)
    batch = []
    for n in range(args.subscribers):
        batch.append(Subscriber(email=f"reader{n}@bench.example", status="confirmed"))
        if len(batch) == 5000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)
    print(f"set up {args.subscribers} subscribers in {time.perf_counter() - started:.1f} s")

    counter = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)

    tasks.enqueue_send(issue)
    django.db.connections.close_all()
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "--interval",
                "0",
                "--queue-name",
                "*",
                "-v0",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(args.workers)
    ]
    peak = 0
    while True:
        peak = max([peak] + [peak_memory_kib(worker.pid) or 0 for worker in workers])
        issue.refresh_from_db()
        if issue.status == NewsletterIssue.Status.SENT:
            break
        if all(worker.poll() is not None for worker in workers):
            break
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(60)
    sink.terminate()

    sent = issue.deliveries.filter(status="sent").count()
    print(f"database:            {django.db.connection.vendor}")
    print(f"subscribers:         {args.subscribers}")
    print(f"workers:             {args.workers}")
    print(f"messages accepted:   {counter.value} (deliveries marked sent: {sent})")
    print(f"time:                {elapsed:.1f} s")
    print(f"messages per second: {counter.value / elapsed:.0f}")
    print(f"worker peak memory:  {peak / 1024:.0f} MiB (VmHWM, largest worker)")


if __name__ == "__main__":
    main()
