"""Change stamps: shared by every process, written after commit, read when the signal moves.

Each ``StampBook`` here stands for one app process; tests/test_many_processes.py
checks the same under gunicorn with several workers and servers.
"""

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext, override_settings

from foundation import pagecache as page_cache
from foundation import stamps
from foundation.models import Stamp

pytestmark = pytest.mark.django_db(transaction=True)


def another_process() -> stamps.StampBook:
    book = stamps.StampBook()
    book.check()
    return book


def test_a_change_is_stamped_only_once_it_is_committed():
    with transaction.atomic():
        page_cache.pages_changed("article:1")
        assert not Stamp.objects.filter(tag="article:1").exists(), "a reader would keep old rows"
    assert Stamp.objects.get(tag="article:1").version >= 1


def test_a_change_rolled_back_stamps_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        page_cache.pages_changed("article:1")
        raise RuntimeError("the save failed")
    assert not Stamp.objects.filter(tag="article:1").exists()


def test_every_change_takes_the_next_number():
    page_cache.pages_changed("article:1", "home")
    page_cache.pages_changed("article:2")
    versions = dict(Stamp.objects.values_list("tag", "version"))
    assert versions["article:1"] == versions["home"] < versions["article:2"]


def test_another_process_sees_a_change_on_its_next_check():
    reader = another_process()
    made_at = reader.now()
    assert reader.is_fresh(made_at, ["article:1", "home"])
    page_cache.pages_changed("article:1")
    assert not reader.is_fresh(made_at, ["article:1"])
    assert reader.is_fresh(made_at, ["home"]), "tags nobody changed stay fresh"


def test_a_page_begun_before_the_commit_is_stale_after_it():
    reader = another_process()
    with transaction.atomic():
        page_cache.pages_changed("article:1")
        # Another process starts a page now: it cannot see the uncommitted row.
        made_at = reader.now()
    assert not reader.is_fresh(made_at, ["article:1"])
    # A page begun after the commit has seen the change.
    assert reader.is_fresh(reader.now(), ["article:1"])


def test_the_signal_spares_the_database_until_something_changes(django_assert_num_queries):
    reader = another_process()
    with django_assert_num_queries(0):
        for _ in range(5):
            reader.check()
    page_cache.pages_changed("home")
    with django_assert_num_queries(1):
        reader.check()
        reader.check()


@override_settings(CHANGES_RECHECK_SECONDS=0.01)
def test_a_lost_signal_costs_at_most_the_recheck_interval(monkeypatch):
    import time

    reader = another_process()
    made_at = reader.now()
    monkeypatch.setattr(stamps.FileSignal, "write", lambda self, version: None)
    page_cache.pages_changed("article:1")  # committed, but no process is told
    time.sleep(0.02)
    assert not reader.is_fresh(made_at, ["article:1"])


def test_a_process_started_later_judges_older_entries_stale():
    page_cache.pages_changed("home")
    made_at = another_process().now()
    page_cache.pages_changed("article:1")
    # A process that starts now knows only the newest stamps: with a tiny
    # window, an entry older than what it read counts as stale.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stamps, "START_STAMPS", 1)
        late = another_process()
    assert not late.is_fresh(made_at - 1, ["home"])
    assert late.is_fresh(late.now(), ["home", "article:1"])


def test_a_long_running_process_keeps_a_bounded_number_of_stamps(monkeypatch):
    monkeypatch.setattr(stamps, "START_STAMPS", 5)
    reader = another_process()
    for n in range(30):
        page_cache.pages_changed(f"article:{n}")
        reader.check()
    assert len(reader.known) <= 4 * stamps.START_STAMPS
    assert reader.is_fresh(reader.now(), ["article:29", "article:0"])
    assert not reader.is_fresh(reader.latest - 1, ["article:29"])


def test_reading_stamps_is_one_query_whatever_the_number_of_tags():
    page_cache.pages_changed(*(f"article:{n}" for n in range(200)))
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        another_process()
    assert len(queries) == 1


def test_processes_of_one_machine_share_the_signal_file(tmp_path):
    first = stamps.FileSignal(tmp_path / "changes")
    second = stamps.FileSignal(tmp_path / "changes")
    assert second.read() == 0
    first.write(41)
    assert second.read() == 41


def test_no_setting_makes_the_stamps_private_to_one_process(settings):
    # Without a cache server the signal is a file; with Redis it is a Redis key.
    # The stamps themselves always live in the database.
    assert isinstance(stamps.signal_for_this_site(), stamps.FileSignal)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    assert isinstance(stamps.signal_for_this_site(), stamps.CacheSignal)


def test_the_signal_file_is_named_after_the_database(settings):
    from django.db import connections

    connection = connections["default"]
    here = stamps.signal_for_this_site().path
    other = dict(connection.settings_dict, NAME="another-database")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "settings_dict", other)
        elsewhere = stamps.signal_for_this_site().path
    assert here != elsewhere
