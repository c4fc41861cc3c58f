"""Rate limits and "seen lately" counts: shared by every process, exact, and not flushable."""

import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import popularity
from articles.models import Article, ArticleViews
from comments.forms import STAMP_SALT
from comments.models import Comment
from foundation import counters
from foundation.clients import client_ip, client_key, client_network
from foundation.models import Counter, Stamp
from foundation.ratelimit import is_limited
from newsletter.models import Subscriber

from .conftest import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126"
T0 = timezone.now().replace(microsecond=0)


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def count_of(key: str) -> int | None:
    return Counter.objects.filter(key=key).values_list("count", flat=True).first()


# --- Counters ----------------------------------------------------------------


def test_a_counter_counts_each_hit_and_answers_the_count_so_far():
    assert [counters.hit("k", 60, now=T0) for _ in range(3)] == [1, 2, 3]
    assert count_of("k") == 3


def test_counters_of_different_keys_are_apart():
    counters.hit("a", 60, now=T0)
    assert counters.hit("b", 60, now=T0) == 1


def test_a_window_lasts_its_seconds_from_the_first_hit_and_later_hits_do_not_stretch_it():
    assert counters.hit("k", 60, now=T0) == 1
    assert counters.hit("k", 60, now=T0 + timedelta(seconds=30)) == 2
    assert counters.hit("k", 60, now=T0 + timedelta(seconds=59)) == 3
    # The window began at T0, not at the last hit: it is over at T0 + 60.
    assert counters.hit("k", 60, now=T0 + timedelta(seconds=60)) == 1
    assert counters.hit("k", 60, now=T0 + timedelta(seconds=61)) == 2


def test_an_ended_window_starts_again_at_one_in_the_same_single_statement():
    for _ in range(5):
        counters.hit("k", 60, now=T0)
    later = T0 + timedelta(minutes=5)
    with CaptureQueriesContext(connection) as queries:
        assert counters.hit("k", 60, now=later) == 1
    [statement] = [query["sql"] for query in queries.captured_queries]
    assert statement.upper().startswith("INSERT") and "RETURNING" in statement.upper()
    assert Counter.objects.get(key="k").expires_at == later + timedelta(seconds=60)


def test_hit_many_answers_each_key_and_counts_a_key_named_twice_twice():
    counters.hit("seen", 60, now=T0)
    with CaptureQueriesContext(connection) as queries:
        counts = counters.hit_many(["new", "seen", "twice", "twice"], 60, now=T0)
    assert counts == {"new": 1, "seen": 2, "twice": 2}
    assert len(queries) == 1, "one statement; PostgreSQL refuses one row twice in it"
    assert count_of("twice") == 2


def test_hit_many_writes_one_statement_per_batch_in_one_transaction(monkeypatch):
    monkeypatch.setattr(counters, "HIT_BATCH", 2)
    keys = [f"key-{n}" for n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        counts = counters.hit_many(keys, 60, now=T0)
    inserts = [query for query in queries.captured_queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 3
    assert counts == dict.fromkeys(keys, 1)
    assert counters.hit_many([], 60) == {}


def test_a_key_longer_than_the_column_is_refused_on_every_database():
    with pytest.raises(ValueError, match="at most 200"):
        counters.hit("k" * 201, 60)


def test_prune_deletes_only_counters_whose_window_has_ended():
    counters.hit("old", 60, now=T0 - timedelta(minutes=2))
    counters.hit("ending", 60, now=T0 - timedelta(seconds=60))
    counters.hit("current", 60, now=T0 - timedelta(seconds=59))
    assert counters.prune(now=T0) == 2
    assert list(Counter.objects.values_list("key", flat=True)) == ["current"]


def test_pruning_when_due_deletes_at_most_once_a_minute_per_process(monkeypatch):
    monkeypatch.setattr(counters, "_last_pruned", None)
    counters.hit("old", 60, now=T0 - timedelta(hours=1))
    assert counters.prune_when_due() == 1
    counters.hit("old", 60, now=T0 - timedelta(hours=1))
    with CaptureQueriesContext(connection) as queries:
        assert counters.prune_when_due() == 0
    assert len(queries) == 0
    monkeypatch.setattr(counters, "_last_pruned", time.monotonic() - counters.PRUNE_SECONDS)
    assert counters.prune_when_due() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", ["new", "ended"])
def test_concurrent_hits_on_one_counter_never_lose_a_count(row):
    """Threads have connections of their own: the database, not Python, keeps them apart."""
    if row == "ended":
        counters.hit("shared", 60, now=timezone.now() - timedelta(hours=1))
    threads, hits = 4, 25
    start = threading.Barrier(threads)
    answers: list[int] = []
    failures: list[BaseException] = []

    def hit_often():
        try:
            start.wait()
            for _ in range(hits):
                answers.append(counters.hit("shared", 600))
        except BaseException as failure:  # reported below, in the test's own thread
            failures.append(failure)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=hit_often) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not failures
    # Every hit saw a count no other hit saw: none was lost or counted twice.
    assert sorted(answers) == list(range(1, threads * hits + 1))
    assert count_of("shared") == threads * hits


# --- Who one client is ------------------------------------------------------


def test_ipv6_addresses_in_one_64_are_one_client():
    one = client_network(request_from("2001:db8:1:2::1"))
    assert one == "2001:db8:1:2::/64"
    assert client_network(request_from("2001:db8:1:2:ffff:ffff:ffff:fffe")) == one
    assert client_network(request_from("2001:db8:1:3::1")) != one


def test_an_ipv4_address_is_one_client_on_its_own_also_in_ipv6_form():
    assert client_network(request_from("192.0.2.7")) == "192.0.2.7"
    assert client_network(request_from("192.0.2.8")) == "192.0.2.8"
    assert client_network(request_from("::ffff:192.0.2.7")) == "192.0.2.7"


def test_the_full_address_is_still_what_is_stored():
    assert client_ip(request_from("2001:db8:1:2::1")) == "2001:db8:1:2::1"


def test_keys_are_the_same_across_a_64_and_differ_per_purpose():
    first, second = request_from("2001:db8::1"), request_from("2001:db8::2")
    assert client_key(first, "comments") == client_key(second, "comments")
    assert client_key(first, "comments") != client_key(first, "views")
    assert "2001" not in client_key(first, "comments")


# --- Rate limits -------------------------------------------------------------


def attempts(address: str, times: int, limit: int = 3) -> list[bool]:
    return [is_limited(request_from(address), "test", limit, 600) for _ in range(times)]


def test_a_limit_lets_exactly_its_number_through_in_a_window():
    assert attempts("192.0.2.1", 5) == [False, False, False, True, True]


def test_ipv6_clients_in_one_64_share_a_limit():
    assert attempts("2001:db8:1:2::1", 2) == [False, False]
    assert attempts("2001:db8:1:2::2", 1) == [False]
    assert attempts("2001:db8:1:2:abcd::9", 1) == [True]


def test_ipv6_clients_in_different_64s_have_limits_of_their_own():
    assert attempts("2001:db8:1:2::1", 4) == [False, False, False, True]
    assert attempts("2001:db8:1:3::1", 1) == [False]


def test_ipv4_clients_have_limits_of_their_own_per_address():
    assert attempts("192.0.2.1", 4) == [False, False, False, True]
    assert attempts("192.0.2.2", 1) == [False]


def test_a_limit_lives_in_the_database_and_not_in_the_cache():
    attempts("192.0.2.1", 3)
    cache.clear()
    assert attempts("192.0.2.1", 1) == [True]
    assert Counter.objects.filter(key__startswith="ratelimit:test:").count() == 1


def test_limits_prune_ended_counters_now_and_then(monkeypatch):
    monkeypatch.setattr(counters, "_last_pruned", None)
    counters.hit("ratelimit:test:gone", 600, now=T0 - timedelta(hours=1))
    attempts("192.0.2.1", 1)
    assert not Counter.objects.filter(key="ratelimit:test:gone").exists()


def comment_form(article, text):
    stamp = signing.dumps({"a": article.pk, "t": time.time() - 60}, salt=STAMP_SALT)
    return {"text": text, "name": "Lena", "email": "lena@example.org", "stamp": stamp}


def post_comment(client, article, text, **headers):
    url = reverse("comments:post", args=[article.pk])
    return client.post(url, comment_form(article, text), HTTP_ACCEPT="*/*", **headers)


def test_the_comment_limit_lets_exactly_five_through_even_when_the_cache_is_cleared(client):
    article = make_article()
    answers = []
    for n in range(7):
        cache.clear()  # as a restart, another worker process or an eviction would
        answers.append(post_comment(client, article, f"Meinung Nummer {n}").status_code)
    assert answers == [302] * 5 + [429] * 2
    assert Comment.objects.count() == 5


def test_the_comment_limit_holds_for_a_whole_ipv6_64(client):
    article = make_article()
    for n in range(5):
        address = f"2001:db8:aa:bb::{n + 1}"
        assert post_comment(client, article, f"Nummer {n}", REMOTE_ADDR=address).status_code == 302
    refused = post_comment(client, article, "Aus derselben /64", REMOTE_ADDR="2001:db8:aa:bb::99")
    assert refused.status_code == 429
    other = post_comment(client, article, "Aus einer anderen /64", REMOTE_ADDR="2001:db8:aa:cc::1")
    assert other.status_code == 302
    assert Comment.objects.filter(ip_address="2001:db8:aa:bb::3").exists(), "stored in full"


def test_the_sign_up_limit_survives_a_cleared_cache(client, settings):
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 3
    good = {"name": "Lena", "consent": "on", "source": "sidebar"}
    answers = []
    for n in range(5):
        cache.clear()
        response = client.post("/newsletter/", {**good, "email": f"reader{n}@example.org"})
        answers.append(response.status_code)
    assert answers == [302, 302, 302, 200, 200]
    assert Subscriber.objects.count() == 3


# --- Counting readings -------------------------------------------------------


def beacon(client, article_id, **headers):
    return client.post(f"/views/{article_id}/", HTTP_USER_AGENT=BROWSER, **headers)


def total_views(article) -> int:
    return sum(ArticleViews.objects.filter(article=article).values_list("views", flat=True))


def test_a_reader_counts_once_however_often_the_cache_is_cleared(client):
    article = make_article()
    for _ in range(3):
        cache.clear()
        assert beacon(client, article.pk).status_code == 204
    assert total_views(article) == 1


def test_readers_of_one_ipv6_64_count_once_and_of_two_64s_twice(client):
    article = make_article()
    beacon(client, article.pk, REMOTE_ADDR="2001:db8:1:2::1")
    beacon(client, article.pk, REMOTE_ADDR="2001:db8:1:2::2")
    assert total_views(article) == 1
    beacon(client, article.pk, REMOTE_ADDR="2001:db8:1:3::1")
    assert total_views(article) == 2


def test_a_reader_counts_again_once_ten_minutes_have_passed(client):
    article = make_article()
    beacon(client, article.pk)
    # Ten minutes on: the reader's counter has ended (moved back rather than the clock on).
    Counter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    beacon(client, article.pk)
    assert total_views(article) == 2


def test_one_readers_views_waiting_in_the_buffer_count_once(settings):
    settings.VIEWS_FLUSH_SECONDS = 600
    popularity.pending_views.flush()
    article = make_article()
    try:
        for _ in range(3):
            popularity.record_view(article.pk, reader="reader-1")
        popularity.record_view(article.pk, reader="reader-2")
        assert len(popularity.pending_views) == 2
        assert popularity.pending_views.flush() == 2
        popularity.record_view(article.pk, reader="reader-1")  # seen in the last flush
        assert popularity.pending_views.flush() == 0
    finally:
        popularity.pending_views.flush()
    assert total_views(article) == 2


def test_a_flush_prunes_ended_counters():
    counters.hit("view:1:gone", 600, now=T0 - timedelta(hours=1))
    article = make_article()
    popularity.record_view(article.pk, reader="reader-1")
    assert list(Counter.objects.values_list("key", flat=True)) == [f"view:{article.pk}:reader-1"]


def test_an_article_counts_once_it_is_published_although_it_was_unknown_before(client):
    article = make_article(status=Article.Status.DRAFT)
    assert beacon(client, article.pk).status_code == 404
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(minutes=1)
    article.save()
    assert beacon(client, article.pk).status_code == 204
    assert total_views(article) == 1


def cache_keys() -> set[str] | None:
    """The keys in the local-memory cache; None with another cache."""
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        return None
    return set(cache._cache)


def test_junk_beacons_for_unknown_articles_leave_nothing_behind_and_no_limit_is_lost(client):
    article = make_article()
    for n in range(3):
        assert post_comment(client, article, f"Vorher {n}").status_code == 302
    counters_before = set(Counter.objects.values_list("key", "count"))
    stamps_before = Stamp.objects.count()
    keys_before = cache_keys()

    for unknown in range(10**6, 10**6 + 3000):
        assert beacon(client, unknown).status_code == 404

    assert set(Counter.objects.values_list("key", "count")) == counters_before
    assert Stamp.objects.count() == stamps_before
    assert not ArticleViews.objects.exists()
    assert cache_keys() == keys_before
    # The client's comment limit is where it was: two more, then no more.
    answers = [post_comment(client, article, f"Nachher {n}").status_code for n in range(3)]
    assert answers == [302, 302, 429]
