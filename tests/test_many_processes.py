"""One truth for every reader, whichever process or server answers.

gunicorn runs as the Procfile's ``web`` line starts it, with three workers; in
one variant two such servers share the database and Redis. First every worker
keeps every page in its cache; then an editor changes something in the admin
(handled by one worker of the first server) and the very next requests, spread
over every worker, must all show the change. The comment limit must hold across
workers, and junk addresses must not fill Redis.

The variant without Redis runs on SQLite and on PostgreSQL; the Redis variants
are slower and run in the PostgreSQL pass only (``DATABASE_URL=postgres://…``).
Each answer names its worker (``X-Served-By``, tests/many_processes_settings.py).

    .venv/bin/python -m pytest tests/test_many_processes.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom \
        .venv/bin/python -m pytest tests/test_many_processes.py   # Redis at 127.0.0.1:6379
"""

import json
import os
import random
import re
import secrets
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

import pytest

from .servers import Answer, ProcfileWeb, manage, production_env, request

if TYPE_CHECKING:
    import redis

WORKERS = 3  # per server
THREADS = 12  # requests in flight at once
CHECKS = 20  # answers, at least, after each change
COMMENT_LIMIT = 5  # comments/views.py: RATE_LIMIT, per client and 10 minutes
JUNK_REQUESTS = 3000
REDIS_GROWTH_ALLOWED = 25  # keys; the junk must not leave one per request
PASSWORD = "a-long-editor-password"
SETTINGS = "tests.many_processes_settings"
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class Variant(NamedTuple):
    servers: int
    redis_db: int | None  # a database of the local Redis, emptied before and after


VARIANTS = {
    "local-memory": Variant(servers=1, redis_db=None),
    "redis": Variant(servers=1, redis_db=13),
    "two-servers": Variant(servers=2, redis_db=14),
}
POSTGRES_PASS_ONLY = pytest.mark.skipif(
    not ON_POSTGRES, reason="slow: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)"
)
pytestmark = pytest.mark.parametrize(
    "site",
    [
        pytest.param("local-memory"),
        pytest.param("redis", marks=POSTGRES_PASS_ONLY),
        pytest.param("two-servers", marks=POSTGRES_PASS_ONLY),
    ],
    indirect=True,
    scope="module",
)

SEED = f"""
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles import publishing
from articles.models import Article, AuthorProfile, Byline, Category
from comments import services

editor = User.objects.create_user("chefin", password="{PASSWORD}", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
ada = AuthorProfile.objects.create(
    user=User.objects.create_user("ada"), display_name="Ada Autorin", slug="ada"
)
technik = Category.objects.create(name="Technik", slug="technik")
articles = {{}}
for hours, (slug, title, status) in enumerate([
    ("meldung-eins", "Meldung Eins", "published"),
    ("meldung-zwei", "Meldung Zwei", "published"),
    ("eilmeldung", "Eilmeldung Nordlicht", "draft"),
    ("rueckruf", "Rückruf Wasserkocher", "published"),
    ("debatte", "Debatte Stadtpark", "published"),
    ("affaere", "Affäre Hafenamt", "published"),
    ("forum", "Forum Leserbriefe", "published"),
], start=1):
    article = Article.objects.create(
        title=title, slug=slug, teaser="Kurz gesagt.", body="<p>Text.</p>", category=technik,
    )
    if status == "published":
        publishing.publish(article, at=timezone.now() - timedelta(hours=hours))
    article.tags.add("Energie")
    Byline.objects.create(article=article, author=ada)
    articles[slug] = article
for slug, name, text, status in [
    ("debatte", "Paula Park", "Der Stadtpark braucht mehr Bänke", "pending"),
    ("debatte", "Rolf Raus", "Dieser Satz muss wieder verschwinden", "approved"),
    ("affaere", "Hanna Hafen", "Das Hafenamt schweigt zu lange", "approved"),
]:
    services.new_comment(
        articles[slug], None, name=name, email=name.split()[0].lower() + "@example.org",
        url="", text=text, notify_on_reply=False, created_at=timezone.now(), status=status,
    ).save()
services.refresh_counts(article.pk for article in articles.values())
"""
LISTINGS = ["/", "/technik/", "/tag/energie/", "/author/ada/"]
SLUGS = ["meldung-eins", "meldung-zwei", "eilmeldung", "rueckruf", "debatte", "affaere", "forum"]
PAGES = [*LISTINGS, *(f"/technik/{slug}/" for slug in SLUGS)]


def requirement_missing(reason: str):
    """Skip, or fail when CI=true: CI must never pass by skipping these tests."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} CI=true, so the tests across processes must run.", pytrace=False)
    pytest.skip(reason)


# --- The site: fresh database, migrated and seeded, gunicorn warm in every worker ---


@dataclass
class Site:
    variant: str
    servers: list[ProcfileWeb]
    database_url: str
    redis: "redis.Redis | None"
    env: dict[str, str]
    stamps: dict[int, tuple[str, float]] = field(default_factory=dict)

    @property
    def processes(self) -> set[str]:
        return set().union(*(server.worker_pids() for server in self.servers))

    def query(self, sql: str, *params) -> list[tuple]:
        if self.database_url.startswith("sqlite:///"):
            path = self.database_url.removeprefix("sqlite:///")
            with closing(sqlite3.connect(path)) as database:
                return database.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as database:
            return database.execute(sql, params).fetchall()

    def article_id(self, slug: str) -> int:
        return self.query("SELECT id FROM articles_article WHERE slug = %s", slug)[0][0]

    def comment_id(self, text: str) -> int:
        return self.query("SELECT id FROM comments_comment WHERE text = %s", text)[0][0]

    @cached_property
    def editor(self) -> "Editor":
        return Editor(self.servers[0].url)

    def fetch_stamp(self, article_id: int) -> None:
        """Ask for a comment form's stamp (as static/comments/reply.js does); it starts to age."""
        answer = request(f"{self.servers[0].url}/comments/stamp/{article_id}/")
        assert answer.status == 200, f"harness: no form stamp ({answer.status})"
        self.stamps[article_id] = (json.loads(answer.text)["stamp"], time.monotonic())

    def form_stamp(self, article_id: int) -> str:
        """A comment form's stamp, old enough to pass the minimum time (COMMENTS_MIN_SECONDS)."""
        import newsroom.settings  # the servers' value, whatever tests/settings.py may change

        if article_id not in self.stamps:
            self.fetch_stamp(article_id)
        stamp, made = self.stamps[article_id]
        wait = made + newsroom.settings.COMMENTS_MIN_SECONDS + 0.5 - time.monotonic()
        time.sleep(max(0.0, wait))
        return stamp

    def logs(self) -> str:
        return "\n".join(f"--- {server.log}\n{server.log_tail()}" for server in self.servers)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """collectstatic once for every variant (the Procfile's release step)."""
    tmp = tmp_path_factory.mktemp("static")
    manage(production_env(tmp, DJANGO_SETTINGS_MODULE=SETTINGS), "collectstatic", "--noinput")
    return tmp / "static"


@pytest.fixture(scope="module")
def site(request, tmp_path_factory, static_root) -> Iterator[Site]:
    variant = VARIANTS[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    redis = shared_redis(variant.redis_db)
    with fresh_database(tmp) as database_url:
        env = production_env(
            tmp,
            DJANGO_SETTINGS_MODULE=SETTINGS,
            DATABASE_URL=database_url,
            STATIC_ROOT=str(static_root),
            # Readers come "through a proxy": the address they claim is who they are.
            CLIENT_IP_HEADER="X-Forwarded-For",
        )
        if redis is not None:
            env["REDIS_URL"] = f"redis://127.0.0.1:6379/{variant.redis_db}"
            redis.flushdb()
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", SEED)
        servers = [
            ProcfileWeb(env, tmp / f"gunicorn-{n}.log", WORKERS)
            for n in range(1, variant.servers + 1)
        ]
        try:
            for server in servers:
                server.start()
            site = Site(request.param, servers, database_url, redis, env)
            site.fetch_stamp(site.article_id("forum"))  # it ages while the workers warm up
            warm(site, PAGES)
            yield site
        finally:
            for server in servers:
                server.stop()
            if redis is not None:
                redis.flushdb()


def shared_redis(db: int | None):
    if db is None:
        return None
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=db, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError:
        requirement_missing("No Redis at 127.0.0.1:6379 (redis-server --daemonize yes).")
    return client


@contextmanager
def fresh_database(tmp: Path) -> Iterator[str]:
    """DATABASE_URL of an empty database: a SQLite file, or a PostgreSQL database of its own."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp / 'db.sqlite3'}"
        return
    import psycopg

    base = urlsplit(os.environ["DATABASE_URL"])
    name = f"newsroom_mp_{secrets.token_hex(4)}"
    server = base._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as database:
        database.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as database:
            database.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Requests spread over every worker -----------------------------------------


def spread(site: Site, path: str, count: int) -> list[Answer]:
    """``count`` requests for ``path`` at once, the servers taking turns."""
    urls = [site.servers[n % len(site.servers)].url + path for n in range(count)]
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(request, urls))


def ask(site: Site, path: str, *, at_least: int = CHECKS, per_process: int = 1) -> list[Answer]:
    """The next answers for ``path``: ``at_least`` of them, and ``per_process`` from each worker."""
    answers: list[Answer] = []
    deadline = time.monotonic() + 60
    while True:
        answers += spread(site, path, THREADS)
        processes = site.processes
        seen = Counter(answer.served_by for answer in answers)
        strangers = set(seen) - processes
        assert not strangers, f"harness: answers from unknown processes {strangers}\n{site.logs()}"
        if len(answers) >= at_least and all(seen[pid] >= per_process for pid in processes):
            return answers
        assert len(answers) < 40 * THREADS and time.monotonic() < deadline, (
            f"harness: {path} reached only {dict(seen)} of the workers {processes}"
        )


def warm(site: Site, paths: list[str]) -> dict[str, list[Answer]]:
    """Ask for each page until every worker has answered it twice: now each keeps it."""
    return {path: ask(site, path, at_least=0, per_process=2) for path in paths}


def wrong(answers: list[Answer], ok: Callable[[Answer], bool], what: str) -> list[str]:
    """A line about the answers that fail ``ok``, naming the workers that gave them."""
    bad = [answer for answer in answers if not ok(answer)]
    if not bad:
        return []
    by_worker = dict(Counter(answer.served_by for answer in bad))
    statuses = dict(Counter(answer.status for answer in bad))
    everyone = dict(Counter(answer.served_by for answer in answers))
    return [
        f"{what}: {len(bad)} of {len(answers)} answers wrong, from workers {by_worker} "
        f"(statuses {statuses}); answers came from {everyone}"
    ]


def recent_comments(answer: Answer) -> str:
    found = re.search(
        r'<section class="widget widget-recent-comments".*?</section>', answer.text, re.S
    )
    return found.group(0) if found else ""


class Editor:
    """An editor logged in to the admin, acting as editors do: through a worker."""

    def __init__(self, url: str):
        self.url = url
        login = request(f"{url}/admin/login/")
        self.cookies = login.cookies
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        assert token, f"harness: no login form ({login.status})"
        answer = self._post(
            "/admin/login/?next=/admin/",
            {"username": "chefin", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        )
        assert answer.status == 302 and "sessionid" in self.cookies, "harness: login failed"

    def _post(self, path: str, form: dict) -> Answer:
        answer = request(self.url + path, "POST", form=form, cookies=self.cookies)
        self.cookies = {
            name: value for name, value in (self.cookies | answer.cookies).items() if value
        }
        return answer

    def act(self, changelist: str, action: str, pk: int) -> None:
        """Run an admin action on one object, as the changelist's "Go" button does."""
        answer = self._post(
            changelist,
            {
                "action": action,
                "_selected_action": str(pk),
                "index": "0",
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert answer.status == 302, f"harness: {action} answered {answer.status}"

    def publish(self, site: Site, slug: str) -> None:
        self.act("/admin/articles/article/", "publish_selected", site.article_id(slug))
        assert site.query("SELECT status FROM articles_article WHERE slug = %s", slug) == [
            ("published",)
        ], "harness: the admin did not publish"

    def unpublish(self, site: Site, slug: str) -> None:
        self.act("/admin/articles/article/", "unpublish_selected", site.article_id(slug))
        assert site.query("SELECT status FROM articles_article WHERE slug = %s", slug) == [
            ("draft",)
        ], "harness: the admin did not unpublish"

    def moderate(self, site: Site, text: str, action: str, status: str) -> None:
        self.act("/admin/comments/comment/", action, site.comment_id(text))
        assert site.query("SELECT status FROM comments_comment WHERE text = %s", text) == [
            (status,)
        ], f"harness: the admin did not {action} the comment"


def post_comments(site: Site, slug: str, client: str, count: int) -> list[Answer]:
    """``count`` valid comment forms from one client address, sent at once to every server."""
    article_id = site.article_id(slug)
    stamp = site.form_stamp(article_id)
    token = request(f"{site.servers[0].url}/csrf-token/")
    cookies = {"csrftoken": token.cookies["csrftoken"]}
    headers = {"X-Forwarded-For": client, "Accept": "text/html"}
    forms = [
        {
            "text": f"Leserbrief Nummer {n} von {client}",
            "name": "Lena Leserin",
            "email": f"lena-{client.replace('.', '-')}@example.org",
            "url": "",
            "parent": "",
            "subject": "",  # the honeypot
            "stamp": stamp,
            "csrfmiddlewaretoken": json.loads(token.text)["token"],
        }
        for n in range(count)
    ]

    def send(n: int) -> Answer:
        url = f"{site.servers[n % len(site.servers)].url}/comments/post/{article_id}/"
        return request(url, "POST", form=forms[n], headers=headers, cookies=cookies)

    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(send, range(count)))
    odd = [
        (answer.status, answer.text[:300]) for answer in answers if answer.status not in {302, 429}
    ]
    assert not odd, f"harness: comment forms were refused as invalid: {odd[:2]}"
    return answers


def comments_saved(site: Site, client: str) -> int:
    email = f"lena-{client.replace('.', '-')}@example.org"
    return site.query("SELECT COUNT(*) FROM comments_comment WHERE email = %s", email)[0][0]


def limit_problems(site: Site, client: str) -> list[str]:
    answers = post_comments(site, "forum", client, count=3 * COMMENT_LIMIT)
    taken = [answer for answer in answers if answer.status == 302]
    workers = {answer.served_by for answer in answers}
    assert len(workers) > 1, f"harness: every comment went to one worker {workers}"
    problems = []
    if len(taken) != COMMENT_LIMIT or comments_saved(site, client) != COMMENT_LIMIT:
        problems.append(
            f"{len(taken)} of {len(answers)} comments from {client} were taken "
            f"({comments_saved(site, client)} saved), limit {COMMENT_LIMIT}; taken by workers "
            f"{dict(Counter(answer.served_by for answer in taken))}, answers from "
            f"{dict(Counter(answer.served_by for answer in answers))}"
        )
    return problems


# --- The tests -------------------------------------------------------------------


def test_every_worker_answers_and_names_itself(site):
    import newsroom.settings

    answers = ask(site, "/", per_process=2)
    assert {answer.served_by for answer in answers} == site.processes
    assert len(site.processes) == WORKERS * len(site.servers)
    masters = {str(server.process.pid) for server in site.servers}
    assert not masters & site.processes
    assert "tests.served_by.ServedByMiddleware" not in newsroom.settings.MIDDLEWARE


def test_a_published_article_is_on_every_page_that_lists_it_at_once(site):
    title, address = "Eilmeldung Nordlicht", "/technik/eilmeldung/"
    before = warm(site, [*LISTINGS, address])
    assert all(answer.status == 404 for answer in before[address]), "harness: not a draft"
    assert not any(title in answer.text for answer in before["/"]), "harness: listed already"

    site.editor.publish(site, "eilmeldung")

    problems = wrong(ask(site, address), lambda a: a.status == 200 and title in a.text, address)
    for listing in LISTINGS:
        problems += wrong(ask(site, listing), lambda a: title in a.text, f"{listing} lists it")
    assert not problems, "\n".join(problems)


def test_an_unpublished_article_is_gone_for_every_reader_at_once(site):
    title, address = "Rückruf Wasserkocher", "/technik/rueckruf/"
    before = warm(site, [*LISTINGS, address])
    assert all(title in answer.text for answer in before["/"]), "harness: not listed"

    site.editor.unpublish(site, "rueckruf")

    # Taken down after readers saw it: 410 Gone (articles/redirects.py), not 404.
    problems = wrong(ask(site, address), lambda a: a.status == 410, f"{address} is gone")
    for listing in LISTINGS:
        problems += wrong(ask(site, listing), lambda a: title not in a.text, f"{listing} drops it")
    assert not problems, "\n".join(problems)


def test_an_approved_comment_shows_for_every_reader_at_once(site):
    text, address = "Der Stadtpark braucht mehr Bänke", "/technik/debatte/"
    before = warm(site, [address])
    assert not any(text in answer.text for answer in before[address]), "harness: shown already"

    site.editor.moderate(site, text, "approve", "approved")

    problems = wrong(ask(site, address), lambda a: text in a.text, f"{address} shows the comment")
    assert not problems, "\n".join(problems)


def test_a_removed_comment_disappears_for_every_reader_at_once(site):
    text, address = "Dieser Satz muss wieder verschwinden", "/technik/debatte/"
    before = warm(site, [address])
    assert all(text in answer.text for answer in before[address]), "harness: not shown"

    site.editor.moderate(site, text, "remove", "removed")

    problems = wrong(ask(site, address), lambda a: text not in a.text, f"{address} hides it")
    assert not problems, "\n".join(problems)


def test_recent_comments_forget_an_article_as_soon_as_it_is_unpublished(site):
    title = "Affäre Hafenamt"
    before = warm(site, ["/"])
    assert all(title in recent_comments(answer) for answer in before["/"]), "harness: not shown"

    site.editor.unpublish(site, "affaere")

    problems = wrong(
        ask(site, "/"),
        lambda a: recent_comments(a) and title not in recent_comments(a),
        "Recent comments on / drop the unpublished article",
    )
    assert not problems, "\n".join(problems)


def test_the_comment_limit_lets_exactly_five_through_across_all_workers(site):
    problems = limit_problems(site, "198.51.100.7")
    assert not problems, "\n".join(problems)


def junk(rng: random.Random) -> tuple[str, str, dict[str, str]]:
    """A request nobody needs answered twice: unknown ids, odd page numbers, host spellings."""
    port = rng.randrange(1, 65536)
    spelled = "".join(rng.choice([letter, letter.upper()]) for letter in "localhost")
    return rng.choice(
        [
            ("POST", f"/views/{rng.randrange(10**6, 10**12)}/", {}),
            ("GET", f"/?page=zz{rng.randrange(10**9)}", {}),
            ("GET", "/?page=" + "0" * rng.randrange(1, 3000) + "1", {}),
            ("GET", f"/technik/?page=0{rng.randrange(1, 3000)}", {}),
            ("GET", f"/?x={rng.randrange(10**9)}", {}),
            ("GET", "/", {"Host": spelled}),
            ("GET", "/", {"Host": f"{spelled}:{port}"}),
            ("GET", "/", {"Host": f"127.0.0.1:{port}"}),
        ]
    )


def test_junk_requests_neither_fill_redis_nor_lift_the_comment_limit(site):
    if site.variant != "redis":
        pytest.skip("the flood runs against the Redis variant with one server")
    warm(site, ["/", "/technik/"])
    size_before = site.redis.dbsize()
    keys_before = set(site.redis.scan_iter(count=1000))
    rng = random.Random(20)
    requests = [junk(rng) for _ in range(JUNK_REQUESTS)]

    def send(n: int) -> Answer:
        method, path, headers = requests[n]
        url = site.servers[n % len(site.servers)].url + path
        return request(url, method, headers=headers, form={} if method == "POST" else None)

    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(send, range(JUNK_REQUESTS)))
    statuses = Counter(answer.status for answer in answers)
    assert not {status for status in statuses if status >= 500}, f"server errors: {statuses}"

    problems = []
    grown = set(site.redis.scan_iter(count=1000)) - keys_before
    if len(grown) > REDIS_GROWTH_ALLOWED:
        sample = Counter(key.decode().split(":")[2] for key in grown if key.count(b":") >= 2)
        problems.append(
            f"{JUNK_REQUESTS} junk requests (answers {dict(statuses)}) left {len(grown)} new "
            f"keys in Redis, more than {REDIS_GROWTH_ALLOWED} (DBSIZE {size_before} → "
            f"{site.redis.dbsize()}); by kind: {dict(sample)}"
        )
    problems += limit_problems(site, "198.51.100.99")
    assert not problems, "\n".join(problems)


# Last: these change what every page shows (the navigation, the comment forms).


def test_a_change_made_by_another_process_reaches_every_worker(site):
    """A command (or the background worker) renames a category: every page's navigation follows."""
    before = warm(site, LISTINGS)
    assert all(">Technik<" in answer.text for answer in before["/"]), "harness: no navigation"

    manage(
        site.env,
        "shell",
        "-c",
        "from articles.models import Category; technik = Category.objects.get(slug='technik'); "
        "technik.name = 'Technik und Wissen'; technik.save()",
    )

    problems = []
    for listing in LISTINGS:
        problems += wrong(
            ask(site, listing), lambda a: ">Technik und Wissen<" in a.text, f"{listing} nav"
        )
    assert not problems, "\n".join(problems)


def test_saved_moderation_rules_take_effect_in_every_worker_at_once(site):
    address = "/technik/forum/"
    before = warm(site, [address])
    assert all('name="text"' in answer.text for answer in before[address]), "harness: no form"

    # Comments close one day after publication: the forum article is older than that.
    manage(
        site.env,
        "shell",
        "-c",
        "from comments.models import ModerationSettings; rules = ModerationSettings.load(); "
        "rules.close_after_days = 0; rules.save()",
    )

    problems = wrong(ask(site, address), lambda a: 'name="text"' not in a.text, "form closed")
    assert not problems, "\n".join(problems)
