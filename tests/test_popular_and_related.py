"""Reading counts, "Popular now" and "Related articles"."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from articles import popularity
from articles.models import Article, ArticleViews, RelatedArticle
from articles.popularity import (
    counts_as_reading,
    is_bot,
    pending_views,
    prune_views,
    record_view,
)
from articles.queries import fetch_details, popular_now, related_to

from .conftest import make_article, make_category, make_user

pytestmark = pytest.mark.django_db

# Tests that travel in time patch the local-memory cache's clock.
locmem_only = pytest.mark.skipif(
    "locmem" not in settings.CACHES["default"]["BACKEND"],
    reason="moves the local-memory cache's clock",
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126"


def beacon(client, article, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.post(f"/views/{article.pk}/", **headers)


def total_views(article) -> int:
    return sum(ArticleViews.objects.filter(article=article).values_list("views", flat=True))


# --- Counting --------------------------------------------------------------


def test_beacon_counts_a_reading_and_answers_204(client):
    article = make_article()
    response = beacon(client, article)
    assert response.status_code == 204
    assert response.content == b""
    assert total_views(article) == 1


def test_same_reader_counts_once_in_ten_minutes(client):
    article = make_article()
    for _ in range(3):
        assert beacon(client, article).status_code == 204
    assert total_views(article) == 1


def test_readers_from_different_addresses_count_separately(client, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    article = make_article()
    beacon(client, article, HTTP_X_FORWARDED_FOR="203.0.113.1")
    beacon(client, article, HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert total_views(article) == 2
    assert ArticleViews.objects.filter(article=article).count() == 1


def statements(queries) -> list[str]:
    """The SQL that reads or writes data, without transaction and session bookkeeping."""
    bookkeeping = ("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL")
    sql = [query["sql"] for query in queries.captured_queries]
    return [statement for statement in sql if not statement.startswith(bookkeeping)]


def writes(queries) -> list[str]:
    """The statements as "INSERT table" or "DELETE table", in order."""
    found = []
    for statement in statements(queries):
        verb = statement.split()[0].upper()
        table = statement.split()[2].strip('"`')
        found.append(f"{verb} {table}")
    return found


def test_a_counted_view_is_one_transaction_marking_the_reader_and_adding_the_view(
    client, django_assert_max_num_queries
):
    article = make_article()
    beacon(client, article, REMOTE_ADDR="198.51.100.7")  # learns the article may be counted
    with django_assert_max_num_queries(6) as queries:
        beacon(client, article, REMOTE_ADDR="198.51.100.8")
    assert writes(queries) == [
        "INSERT foundation_counter",  # the reader, seen for the first time in ten minutes
        "INSERT articles_articleviews",
        "DELETE foundation_counter",  # ended counters, pruned in passing
    ]
    assert total_views(article) == 2


def test_a_repeated_view_writes_no_view(client, django_assert_max_num_queries):
    article = make_article()
    beacon(client, article)
    with django_assert_max_num_queries(5) as queries:
        assert beacon(client, article).status_code == 204
    assert "INSERT articles_articleviews" not in writes(queries)
    assert total_views(article) == 1


def test_a_view_costs_the_reader_no_query_while_views_wait_for_the_flush(
    client, buffered_views, django_assert_num_queries
):
    article = make_article()
    beacon(client, article)  # learns the article may be counted
    with django_assert_num_queries(0):
        assert beacon(client, article, REMOTE_ADDR="198.51.100.8").status_code == 204
        assert beacon(client, article).status_code == 204


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32",
        "facebookexternalhit/1.1",
    ],
)
def test_robots_are_not_counted(client, user_agent):
    article = make_article()
    assert beacon(client, article, HTTP_USER_AGENT=user_agent).status_code == 204
    assert total_views(article) == 0


def test_people_are_not_mistaken_for_robots():
    assert not is_bot(BROWSER)
    assert not is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1")


def test_staff_previews_are_not_counted(client):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user("chefin", role="Editor"))
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert b"views.js" not in page.content
    assert beacon(client, draft).status_code == 404
    assert total_views(draft) == 0


def test_logged_in_staff_reading_is_not_counted(client):
    article = make_article()
    client.force_login(make_user("chefin", role="Editor"))
    assert beacon(client, article).status_code == 204
    assert total_views(article) == 0


def test_article_page_loads_the_beacon_script(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-count-url="/views/{article.pk}/"' in page


def test_other_sites_cannot_count_views(client):
    article = make_article()
    beacon(client, article, HTTP_SEC_FETCH_SITE="cross-site")
    assert total_views(article) == 0


def test_a_reading_is_a_browser_without_a_session_on_our_own_pages(rf):
    assert counts_as_reading(rf.post("/", HTTP_USER_AGENT=BROWSER))  # no Sec-Fetch-Site
    assert counts_as_reading(rf.post("/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="none"))
    same_origin = rf.post("/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="same-origin")
    assert counts_as_reading(same_origin)

    assert not counts_as_reading(rf.post("/", HTTP_USER_AGENT="curl/8.5.0"))
    for site in ("same-site", "cross-site"):
        assert not counts_as_reading(
            rf.post("/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE=site)
        )
    staff = rf.post("/", HTTP_USER_AGENT=BROWSER)
    staff.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert not counts_as_reading(staff)


@pytest.mark.parametrize("path", ["/views/999999/", "/views/0/"])
def test_unknown_article_is_404(client, path):
    assert client.post(path, HTTP_USER_AGENT=BROWSER).status_code == 404


def test_scheduled_article_is_not_counted(client):
    later = make_article(published_at=timezone.now() + timedelta(hours=1))
    assert beacon(client, later).status_code == 404


@pytest.mark.parametrize(
    "path", ["/views/abc/", "/views/-1/", "/views/%3Cscript%3E/", "/views/" + "9" * 40 + "/"]
)
def test_bad_input_never_causes_an_error(client, path):
    response = client.post(path, data="x" * 10000, content_type="text/plain")
    assert response.status_code in (400, 404, 405)


def test_get_is_not_allowed(client):
    article = make_article()
    assert client.get(f"/views/{article.pk}/").status_code == 405
    assert total_views(article) == 0


# --- Writing counts: buffered in the process, one row update per article and hour ---


@pytest.fixture
def buffered_views(settings):
    """Production's way of writing views, with a timer too long to fire during the test."""
    settings.VIEWS_FLUSH_SECONDS = 600
    pending_views.flush()
    yield pending_views
    pending_views.flush()


def test_buffered_views_are_written_together_one_row_update_per_article_and_hour(
    client, settings, buffered_views, django_assert_max_num_queries
):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    busy, quiet = make_article(title="Viel gelesen"), make_article(title="Wenig gelesen")
    add_views(busy, hours_ago=0, views=10)
    for n in range(5):
        beacon(client, busy, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    beacon(client, quiet, HTTP_X_FORWARDED_FOR="203.0.113.9")
    beacon(client, quiet, HTTP_X_FORWARDED_FOR="203.0.113.9")  # the same reader again
    assert (total_views(busy), total_views(quiet)) == (10, 0), "nothing written yet"
    assert len(buffered_views) == 6

    with django_assert_max_num_queries(6) as queries:
        assert buffered_views.flush() == 6
    assert writes(queries) == [
        "INSERT foundation_counter",  # the six readers, asked together whether they are new
        "INSERT articles_articleviews",  # one statement for both buckets
        "DELETE foundation_counter",
    ]
    assert (total_views(busy), total_views(quiet)) == (15, 1)
    assert ArticleViews.objects.count() == 2, "one row per article and hour, not per view"
    assert len(buffered_views) == 0
    assert buffered_views.flush() == 0


def test_views_wait_when_the_database_cannot_take_them(buffered_views, monkeypatch):
    article = make_article()
    record_view(article.pk)
    record_view(article.pk)

    def database_away(counts):
        raise popularity.DatabaseError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(popularity, "write_views", database_away)
        assert buffered_views.flush() == 0
    assert len(buffered_views) == 2, "kept for the next attempt"
    assert buffered_views.flush() == 2
    assert total_views(article) == 2


def test_many_buckets_are_written_in_batches(monkeypatch):
    monkeypatch.setattr(popularity, "WRITE_BATCH", 2)
    articles = [make_article() for _ in range(5)]
    hour = popularity.hour_of(timezone.now())
    popularity.write_views({(article.pk, hour): n for n, article in enumerate(articles, 1)})
    assert [total_views(article) for article in articles] == [1, 2, 3, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_buffered_views_reach_the_database_on_their_own(client, settings):
    settings.VIEWS_FLUSH_SECONDS = 0.2
    article = make_article()
    assert beacon(client, article).status_code == 204
    deadline = time.monotonic() + 10
    while total_views(article) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert total_views(article) == 1
    assert len(pending_views) == 0


def test_prune_removes_only_old_buckets():
    article = make_article()
    now = timezone.now()
    record_view(article.pk, now)
    record_view(article.pk, now - timedelta(hours=200))
    assert prune_views(keep_hours=96) == 1
    assert ArticleViews.objects.count() == 1


def test_prune_command(capsys):
    article = make_article()
    record_view(article.pk, timezone.now() - timedelta(days=30))
    call_command("prune_views")
    assert ArticleViews.objects.count() == 0
    assert "1" in capsys.readouterr().out


# --- Popular now -------------------------------------------------------------


def add_views(article, hours_ago, views):
    hour = (timezone.now() - timedelta(hours=hours_ago)).replace(minute=0, second=0, microsecond=0)
    ArticleViews.objects.create(article=article, hour=hour, views=views)


def test_most_read_article_comes_first():
    quiet, busy = make_article("Leise"), make_article("Gefragt")
    add_views(quiet, 1, 5)
    add_views(busy, 1, 50)
    assert popular_now() == [busy, quiet]


def test_older_views_weigh_less():
    yesterday, this_hour = make_article("Gestern"), make_article("Jetzt")
    add_views(yesterday, 30, 100)
    add_views(this_hour, 0, 40)
    assert popular_now() == [this_hour, yesterday]


def test_views_outside_the_window_do_not_count(settings):
    settings.POPULAR_WINDOW_HOURS = 24
    old = make_article()
    add_views(old, 30, 1000)
    assert popular_now() == []


def test_unpublished_articles_are_never_popular():
    draft = make_article(status=Article.Status.DRAFT)
    add_views(draft, 1, 1000)
    assert popular_now() == []


def test_popular_now_is_one_query(django_assert_num_queries):
    for n in range(8):
        add_views(make_article(), n, n + 1)
    with django_assert_num_queries(1):
        articles = popular_now(limit=5)
        [article.category.name for article in articles]
    assert len(articles) == 5


def test_sidebar_shows_popular_now(client):
    article = make_article("Meistgelesen")
    add_views(article, 0, 10)
    page = client.get("/").content.decode()
    assert "Gerade beliebt" in page
    assert "Meistgelesen" in page


@locmem_only
def test_popular_widget_picks_up_new_readings_within_a_minute(client):
    from unittest import mock

    first, second = make_article("Erster"), make_article("Zweiter")
    add_views(first, 0, 10)
    add_views(second, 0, 1)
    page = client.get("/").content.decode()
    assert page.index("Erster") < page.index("Zweiter", page.index("Gerade beliebt"))
    add_views(second, 1, 500)
    import time

    wall = time.time() + 61
    with (
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=wall),
        mock.patch("articles.cache.time.time", return_value=wall),
    ):
        page = client.get("/").content.decode()
    widget = page[page.index("Gerade beliebt") :]
    assert widget.index("Zweiter") < widget.index("Erster")


# --- Related articles ----------------------------------------------------------


@pytest.fixture
def tagged_newsroom():
    """Twelve articles share the common tag "Politik"; one shares the rare tag "Wahlrecht"."""
    home = make_category("Inland", slug="inland")
    abroad = make_category("Ausland", slug="ausland")
    article = make_article("Reform", category=home, tags=["Politik", "Wahlrecht"])
    commons = [make_article(f"Politik {n}", category=abroad, tags=["Politik"]) for n in range(12)]
    rare = make_article("Wahlrecht erklärt", category=abroad, tags=["Wahlrecht"])
    return {"article": article, "commons": commons, "rare": rare, "home": home, "abroad": abroad}


def test_very_common_tags_are_ignored(tagged_newsroom, monkeypatch):
    from articles import queries

    monkeypatch.setattr(queries, "COMMON_TAG_ARTICLES", 5)  # "Politik" is on 12
    # Only the rare tag is left to relate by; the category has no other article.
    assert related_to(tagged_newsroom["article"], limit=20) == [tagged_newsroom["rare"]]


def test_rare_shared_tag_beats_common_shared_tag(tagged_newsroom):
    related = related_to(tagged_newsroom["article"], limit=4)
    assert related[0] == tagged_newsroom["rare"]


def test_sharing_more_tags_ranks_higher(tagged_newsroom):
    both = make_article("Beides", category=tagged_newsroom["abroad"], tags=["Politik", "Wahlrecht"])
    assert related_to(tagged_newsroom["article"])[0] == both


def test_same_category_gets_a_bonus(tagged_newsroom):
    neighbour = make_article("Nachbar", category=tagged_newsroom["home"], tags=["Politik"])
    related = related_to(tagged_newsroom["article"], limit=4)
    assert related.index(neighbour) < min(
        related.index(a) for a in tagged_newsroom["commons"] if a in related
    )


def test_pinned_articles_come_first_in_their_order(tagged_newsroom):
    article = tagged_newsroom["article"]
    first, second = tagged_newsroom["commons"][5], tagged_newsroom["commons"][7]
    RelatedArticle.objects.create(article=article, related=second, position=2)
    RelatedArticle.objects.create(article=article, related=first, position=1)
    assert related_to(article, limit=4)[:3] == [first, second, tagged_newsroom["rare"]]


def test_pinned_draft_is_not_shown(tagged_newsroom):
    article = tagged_newsroom["article"]
    draft = make_article(status=Article.Status.DRAFT)
    RelatedArticle.objects.create(article=article, related=draft, position=0)
    assert draft not in related_to(article)


def test_without_shared_tags_the_latest_of_the_category_follow():
    category = make_category()
    article = make_article(category=category, tags=["Einzelstück"])
    older = make_article(category=category, published_at=timezone.now() - timedelta(days=3))
    newer = make_article(category=category, published_at=timezone.now() - timedelta(days=1))
    make_article(tags=["Anderes"])
    assert related_to(article) == [newer, older]


def test_related_never_includes_the_article_itself_or_drafts(tagged_newsroom):
    article = tagged_newsroom["article"]
    make_article(status=Article.Status.DRAFT, tags=["Wahlrecht"], category=tagged_newsroom["home"])
    related = related_to(article, limit=20)
    assert article not in related
    assert all(item.status == Article.Status.PUBLISHED for item in related)


def test_related_is_one_query(tagged_newsroom, django_assert_num_queries):
    # As on the article page: its tags are fetched with its other details.
    article = Article.objects.for_page().get(pk=tagged_newsroom["article"].pk)
    fetch_details(article)
    with django_assert_num_queries(1):
        related = related_to(article)
        [(item.get_absolute_url(), item.category.name) for item in related]


def test_article_page_shows_related_articles(client, tagged_newsroom):
    page = client.get(tagged_newsroom["article"].get_absolute_url()).content.decode()
    assert "Ähnliche Artikel" in page
    assert "Wahlrecht erklärt" in page


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_editing_a_related_article_refreshes_the_page_showing_it(client, tagged_newsroom):
    url = tagged_newsroom["article"].get_absolute_url()
    client.get(url)
    client.get(url)
    rare = tagged_newsroom["rare"]
    rare.title = "Wahlrecht, neu erklärt"
    rare.save()
    assert "Wahlrecht, neu erklärt" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_pinning_refreshes_the_article_page(client, tagged_newsroom):
    article = tagged_newsroom["article"]
    url = article.get_absolute_url()
    client.get(url)
    pinned = make_article("Von Hand gewählt", status=Article.Status.DRAFT)
    pinned.status = Article.Status.PUBLISHED
    pinned.published_at = timezone.now() - timedelta(days=400)
    Article.objects.filter(pk=pinned.pk).update(
        status=pinned.status, published_at=pinned.published_at
    )
    RelatedArticle.objects.create(article=article, related=pinned, position=0)
    assert "Von Hand gewählt" in client.get(url).content.decode()


def test_editors_pin_related_articles_in_the_admin(client, tagged_newsroom):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-long-1234")
    client.force_login(admin)
    page = client.get(f"/admin/articles/article/{tagged_newsroom['article'].pk}/change/")
    assert page.status_code == 200
    assert b"pinned_related-TOTAL_FORMS" in page.content


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_publishing_an_article_with_a_shared_tag_refreshes_related(client, tagged_newsroom):
    url = tagged_newsroom["article"].get_absolute_url()
    client.get(url)
    client.get(url)
    make_article("Wahlrecht: das Urteil", category=tagged_newsroom["home"], tags=["Wahlrecht"])
    page = client.get(url).content.decode()
    related = page[page.index("Ähnliche Artikel") :]
    assert "Wahlrecht: das Urteil" in related


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_unpublishing_a_related_article_removes_it_from_the_list(client, tagged_newsroom):
    url = tagged_newsroom["article"].get_absolute_url()
    client.get(url)
    rare = tagged_newsroom["rare"]
    rare.status = Article.Status.DRAFT
    rare.save()
    assert "Wahlrecht erklärt" not in client.get(url).content.decode()
