"""The page cache: what it keeps, what it refreshes, and what it never shares."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article

from .conftest import make_article, make_author, make_category, make_comment, make_user

# Real commits: a change is stamped once it is committed, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

# Tests that travel in time patch the local-memory cache's clock.
locmem_only = pytest.mark.skipif(
    "locmem" not in settings.CACHES["default"]["BACKEND"],
    reason="moves the local-memory cache's clock",
)


def read_new_stamps() -> None:
    """What this process does on its next request after a change: read the new stamps.

    One query, once per change and process (foundation/stamps.py); the
    requests that follow cost what a running site's requests cost.
    """
    from foundation.stamps import book

    book.check()


@pytest.fixture
def newsroom():
    politics = make_category("Politik", slug="politik")
    sport = make_category("Sport", slug="sport")
    author = make_author("Ada Autorin", slug="ada")
    other_author = make_author("Bert Autor", slug="bert")
    article = make_article(
        "Wahl entschieden", category=politics, authors=[author], tags=["Wahl"], slug="wahl"
    )
    match = make_article(
        "Spiel gewonnen", category=sport, authors=[other_author], tags=["Tennis"], slug="spiel"
    )
    return {
        "article": article,
        "match": match,
        "politics": politics,
        "sport": sport,
        "author": author,
        "other_author": other_author,
    }


def pages(newsroom):
    return {
        "home": "/",
        "article": newsroom["article"].get_absolute_url(),
        "match": newsroom["match"].get_absolute_url(),
        "politics": "/politik/",
        "sport": "/sport/",
        "wahl": "/tag/wahl/",
        "tennis": "/tag/tennis/",
        "author": "/author/ada/",
        "other_author": "/author/bert/",
    }


def warm(client, urls):
    for url in urls.values():
        client.get(url)
        client.get(url)  # the first render may stamp new tags; the second is kept


def test_second_visit_is_served_from_cache_without_queries(
    client, newsroom, django_assert_num_queries
):
    for url in pages(newsroom).values():
        client.get(url)
        client.get(url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200


def test_cached_page_carries_headers_a_cdn_can_use(client, newsroom, settings):
    settings.PAGE_MAX_AGE = 60
    response = client.get("/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control
    assert "s-maxage=60" in cache_control
    assert "stale-while-revalidate=60" in cache_control
    assert response["ETag"]
    assert response["Last-Modified"]


def test_conditional_request_gets_304(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    client.get(url)  # the first render may stamp new tags ("popular"); the second is kept
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_changed_page_answers_conditional_request_with_200(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    etag = client.get(url)["ETag"]
    article = newsroom["article"]
    article.title = "Wahl neu ausgezählt"
    article.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Wahl neu ausgezählt" in response.content.decode()


def test_publishing_refreshes_home_category_tag_and_author_pages(client, newsroom):
    urls = pages(newsroom)
    warm(client, urls)
    draft = make_article(
        "Neue Koalition",
        category=newsroom["politics"],
        authors=[newsroom["author"]],
        tags=["Wahl"],
        status=Article.Status.DRAFT,
        slug="koalition",
    )
    for name in ("home", "politics", "wahl", "author"):
        assert "Neue Koalition" not in client.get(urls[name]).content.decode(), name

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()

    for name in ("home", "politics", "wahl", "author"):
        assert "Neue Koalition" in client.get(urls[name]).content.decode(), name


def test_publishing_leaves_unrelated_pages_cached(client, newsroom, django_assert_num_queries):
    urls = pages(newsroom)
    warm(client, urls)
    make_article(
        "Neue Koalition",
        category=newsroom["politics"],
        authors=[newsroom["author"]],
        tags=["Wahl"],
        slug="koalition",
    )
    read_new_stamps()
    for name in ("sport", "tennis", "other_author", "match"):
        with django_assert_num_queries(0):
            client.get(urls[name])


def test_editing_refreshes_the_article_and_the_lists_showing_it(client, newsroom):
    urls = pages(newsroom)
    warm(client, urls)
    article = newsroom["article"]
    article.title = "Wahl neu ausgezählt"
    article.save()
    for name in ("home", "article", "politics", "wahl", "author"):
        assert "Wahl neu ausgezählt" in client.get(urls[name]).content.decode(), name


def test_unpublishing_removes_the_article_everywhere_at_once(client, newsroom):
    urls = pages(newsroom)
    warm(client, urls)
    article = newsroom["article"]
    article.status = Article.Status.DRAFT
    article.save()
    # Taken down after publication: 410 Gone, not a cached copy.
    assert client.get(urls["article"]).status_code == 410
    for name in ("home", "politics", "wahl", "author"):
        assert "Wahl entschieden" not in client.get(urls[name]).content.decode(), name


def test_moving_an_article_refreshes_its_old_category(client, newsroom):
    urls = pages(newsroom)
    warm(client, urls)
    article = newsroom["article"]
    article.category = newsroom["sport"]
    article.save()
    assert "Wahl entschieden" not in client.get(urls["politics"]).content.decode()
    assert "Wahl entschieden" in client.get(urls["sport"]).content.decode()


def test_removing_a_tag_refreshes_the_tag_page(client, newsroom):
    urls = pages(newsroom)
    warm(client, urls)
    newsroom["article"].tags.remove("Wahl")
    assert "Wahl entschieden" not in client.get(urls["wahl"]).content.decode()


def test_saving_a_draft_flushes_nothing(client, newsroom, django_assert_num_queries):
    urls = pages(newsroom)
    warm(client, urls)
    draft = make_article("Entwurf", category=newsroom["politics"], status=Article.Status.DRAFT)
    draft.title = "Entwurf, überarbeitet"
    draft.save()
    read_new_stamps()
    for url in urls.values():
        with django_assert_num_queries(0):
            client.get(url)


@locmem_only
def test_scheduled_article_appears_on_cached_home_page_when_its_time_comes(client, newsroom):
    from unittest import mock

    make_article(
        "Geplanter Bericht",
        category=newsroom["politics"],
        published_at=timezone.now() + timedelta(seconds=30),
        slug="geplant",
    )
    home = client.get("/")
    assert "Geplanter Bericht" not in home.content.decode()
    later = timezone.now() + timedelta(seconds=31)
    import time

    wall = time.time() + 31
    # The entry was kept for 30 seconds at most; LocMem expiry reads time.time().
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("articles.cache.time.time", return_value=wall),
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=wall),
    ):
        assert "Geplanter Bericht" in client.get("/").content.decode()


def test_cached_page_lifetime_stops_at_next_publication(newsroom):
    from foundation.pagecache import lifetime

    make_article(
        "Geplant",
        category=newsroom["politics"],
        published_at=timezone.now() + timedelta(seconds=40),
    )
    assert 0 < lifetime() <= 40


def test_staff_always_get_a_fresh_private_page(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    client.get(url)
    editor = make_user("chefin", role="Editor")
    client.force_login(editor)
    Article.objects.filter(pk=newsroom["article"].pk).update(title="Geändert ohne Signal")
    response = client.get(url)
    assert "Geändert ohne Signal" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_staff_page_is_never_served_to_readers(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    client.force_login(make_user("chefin", role="Editor"))
    client.get(url)
    client.logout()
    client.cookies.clear()
    Article.objects.filter(pk=newsroom["article"].pk).update(title="Frisch für Leser")
    assert "Frisch für Leser" in client.get(url).content.decode()


def test_cached_page_contains_no_csrf_token_and_sets_no_cookie(client, newsroom):
    for url in pages(newsroom).values():
        response = client.get(url)
        assert not response.cookies, url
        assert 'csrfmiddlewaretoken" value="' not in response.content.decode().replace(
            'value="" data-csrf-refresh', ""
        )
        assert "Cookie" not in response.get("Vary", "")


def test_page_that_uses_a_csrf_token_is_not_shared(client, newsroom, settings):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from foundation.pagecache import PageCacheMiddleware

    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse(f"token {get_token(request)}")

    from django.middleware.csrf import CsrfViewMiddleware
    from django.test import RequestFactory

    stack = PageCacheMiddleware(CsrfViewMiddleware(view))
    factory = RequestFactory()
    first = stack(factory.get("/personal/"))
    second = stack(factory.get("/personal/"))
    assert len(calls) == 2
    assert "private" in first["Cache-Control"]
    assert first.content != second.content


def test_response_setting_a_cookie_is_not_cached(rf):
    from django.http import HttpResponse

    from foundation.pagecache import PageCacheMiddleware

    def view(request):
        response = HttpResponse("Hallo")
        response.set_cookie("visited", "1")
        return response

    stack = PageCacheMiddleware(view)
    stack(rf.get("/cookie/"))
    again = stack(rf.get("/cookie/"))
    assert again.cookies["visited"].value == "1"
    assert "no-store" in again["Cache-Control"]


def test_a_new_approved_comment_refreshes_pages_showing_comments_only(client, newsroom):
    """Every page with a sidebar shows "Recent comments"; feeds and sitemaps do not."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comments.services import approved_comments_changed

    urls = pages(newsroom)
    warm(client, urls)
    feed = "/feeds/rss.xml"
    client.get(feed)
    make_comment(newsroom["article"], name="Zora Zwischenruf")
    approved_comments_changed({newsroom["article"].pk})
    read_new_stamps()
    with CaptureQueriesContext(connection) as queries:
        client.get(feed)
    assert len(queries) == 0
    # The article shows it in its thread, every page in "Recent comments".
    for url in (urls["article"], urls["match"], urls["sport"]):
        assert "Zora Zwischenruf" in client.get(url).content.decode(), url


def test_health_check_is_never_cached(client, django_assert_num_queries):
    client.get("/healthz")
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_page_cache_can_be_turned_off(client, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = newsroom["article"].get_absolute_url()
    client.get(url)
    Article.objects.filter(pk=newsroom["article"].pk).update(title="Ohne Cache")
    assert "Ohne Cache" in client.get(url).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_stay_flat(client, django_assert_max_num_queries, count):
    category = make_category("Wissen", slug="wissen")
    author = make_author("Carla", slug="carla")
    articles = [
        make_article(category=category, authors=[author], tags=["Klima", f"t{n}"])
        for n in range(count)
    ]
    article = articles[0]
    from articles.popularity import record_view

    for item in articles[:6]:
        record_view(item.pk)
    limits = {
        "/": 12,
        article.get_absolute_url(): 10,
        "/wissen/": 8,
        "/tag/klima/": 8,
        "/author/carla/": 8,
    }
    from django.core.cache import cache

    for url, limit in limits.items():
        # A page the cache does not hold yet, on a running site: the site-wide
        # pieces (navigation, widgets, moderation rules) are warm from other pages.
        cache.clear()
        for other in (articles[1].get_absolute_url(), "/privacy/"):
            client.get(other)
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


def test_unknown_query_parameters_bypass_the_cache(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    for _ in range(2):
        response = client.get(url + "?miss=x")
        assert response.status_code == 200
        # Made afresh each time and never stored: no validator of the page cache.
        assert "ETag" not in response
    assert "ETag" in client.get(url)


def test_pages_of_a_listing_are_cached_separately(client, newsroom, settings):
    settings.ARTICLES_PER_PAGE = 1
    first, second = client.get("/"), client.get("/?page=2")
    assert second.status_code == 200
    assert client.get("/?page=2")["ETag"] == second["ETag"] != first["ETag"]


def test_publishing_in_the_admin_shows_on_the_cached_home_page_at_once(client, newsroom):
    from django.test import Client

    reader = client
    warm(reader, {"home": "/"})
    draft = make_article("Eilmeldung", category=newsroom["politics"], status=Article.Status.DRAFT)
    editor = Client()
    editor.force_login(make_user("chefin", role="Editor"))
    response = editor.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    assert "Eilmeldung" in reader.get("/").content.decode()


def test_listing_counts_follow_publishing(client, settings):
    category = make_category("Wetter", slug="wetter")
    for _ in range(settings.ARTICLES_PER_PAGE):
        make_article(category=category)
    assert client.get("/wetter/?page=2").status_code == 404
    make_article("Noch ein Bericht", category=category)
    assert client.get("/wetter/?page=2").status_code == 200


def test_approving_a_comment_refreshes_its_article_and_the_recent_comments(client, newsroom):
    from comments import services

    from .conftest import make_comment

    article = newsroom["article"]
    url = article.get_absolute_url()
    other = newsroom["match"].get_absolute_url()
    client.get(url)
    client.get(other)
    held = make_comment(article, status="pending", text="Ein spannender Gedanke.")
    assert "Ein spannender Gedanke." not in client.get(url).content.decode()
    services.change_status([held], "approved")
    assert "Ein spannender Gedanke." in client.get(url).content.decode()
    assert held.name in client.get(other).content.decode()  # "Recent comments"


def test_a_held_comment_refreshes_nothing(client, newsroom):
    from .conftest import make_comment

    url = newsroom["article"].get_absolute_url()
    first = client.get(url)
    make_comment(newsroom["article"], status="pending")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


# --- Shared fragments: parts of a page kept while the page itself is made again ---


def test_an_article_page_made_again_from_its_kept_parts_needs_no_query(
    client, newsroom, django_assert_num_queries
):
    from foundation.pagecache import pages_changed

    url = newsroom["article"].get_absolute_url()
    client.get(url)
    pages_changed("popular")  # the ranking moved: every page with the sidebar is stale
    read_new_stamps()
    with django_assert_num_queries(0):  # even the article's own row is kept
        html = client.get(url).content.decode()
    assert "Wahl entschieden</h1>" in html
    assert "Ada Autorin" in html and 'rel="tag">Wahl</a>' in html
    assert '"@type": "NewsArticle"' in html


def test_editing_an_article_remakes_its_parts(client, newsroom):
    article = newsroom["article"]
    url = article.get_absolute_url()
    client.get(url)
    article.title = "Wahl neu ausgezählt"
    article.save()
    html = client.get(url).content.decode()
    assert "Wahl neu ausgezählt</h1>" in html
    assert '"headline": "Wahl neu ausgezählt"' in html


def test_renaming_an_author_remakes_the_author_box(client, newsroom):
    url = newsroom["article"].get_absolute_url()
    client.get(url)
    author = newsroom["author"]
    author.display_name = "Ada Umbenannt"
    author.save()
    html = client.get(url).content.decode()
    assert "Ada Umbenannt" in html and "Ada Autorin" not in html


def test_approving_a_comment_remakes_the_thread(client, newsroom):
    from comments import services

    from .conftest import make_comment

    article = newsroom["article"]
    url = article.get_absolute_url()
    comment = make_comment(article, status="pending", text="Endlich ausgezählt.")
    assert "Endlich ausgezählt." not in client.get(url).content.decode()
    services.change_status([comment], "approved")
    html = client.get(url).content.decode()
    assert "Endlich ausgezählt." in html
    # A reply link's page is made for it, not taken from the shared thread.
    reply_page = client.get(f"{url}?replyto={comment.pk}").content.decode()
    assert f"Antwort an {comment.name}" in reply_page


def test_staff_never_get_shared_parts(client, newsroom):
    article = newsroom["article"]
    url = article.get_absolute_url()
    client.get(url)
    # A change nobody announced: shared parts still hold the old title.
    Article.objects.filter(pk=article.pk).update(title="Nur frisch zu sehen")
    client.force_login(make_user("redakteurin", role="Editor"))
    assert "Nur frisch zu sehen</h1>" in client.get(url).content.decode()


def test_a_reused_part_declares_the_tags_it_shows(rf):
    from foundation.pagecache import depends_on, fragment

    made = []

    def render():
        made.append(1)
        depends_on(request, "tag:7")
        return "<p>Teil</p>"

    for _ in range(2):
        request = rf.get("/irgendwo/")
        request.page_tags = set()
        assert fragment(request, "test-part", render, tags=["article:1"]) == "<p>Teil</p>"
        assert request.page_tags == {"tag:7"}
    assert made == [1]  # the second page reused the part


def test_a_part_named_twice_under_the_same_tag_is_still_reused():
    from foundation.pagecache import remember

    made = []
    for _ in range(2):
        remember("twice", lambda: made.append(1), tags=["site", "site"], timeout=60)
    assert made == [1]


# --- The article's own row, kept for page-cache misses ------------------------

# A page-cache miss: the address carries a parameter the page cache ignores.
MISS = "?miss=1"


def test_a_kept_row_follows_an_article_taken_down(client, newsroom):
    article = newsroom["article"]
    url = article.get_absolute_url()
    assert client.get(url + MISS).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(url + MISS).status_code == 410
    assert client.get(url).status_code == 410


def test_a_kept_row_follows_a_new_address(client, newsroom):
    article = newsroom["article"]
    client.get(article.get_absolute_url() + MISS)
    article.slug = "wahl-ausgezaehlt"
    article.save()
    response = client.get("/politik/wahl/" + MISS)
    assert response.status_code == 301
    assert response["Location"] == "/politik/wahl-ausgezaehlt/"


def test_a_kept_row_follows_its_category_to_a_new_address(client, newsroom):
    article = newsroom["article"]
    client.get(article.get_absolute_url() + MISS)
    politics = newsroom["politics"]
    politics.slug = "inland"
    politics.save()
    response = client.get("/politik/wahl/" + MISS)
    assert response.status_code == 301
    assert response["Location"] == "/inland/wahl/"
    assert "Wahl entschieden</h1>" in client.get("/inland/wahl/" + MISS).content.decode()


def test_a_kept_row_is_not_shared_with_staff(client, newsroom):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = newsroom["article"].get_absolute_url()
    client.get(url + MISS)
    client.force_login(make_user(is_staff=True))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url + MISS).status_code == 200
    assert any('FROM "articles_article"' in query["sql"] for query in queries.captured_queries)
