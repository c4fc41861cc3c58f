"""In a real browser: reading an article sends the view beacon, once per reader."""

import time

from articles.models import ArticleViews

from ..conftest import make_article
from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_reading_an_article_counts_one_view_per_reader(page):
    article = make_article("Ein vielgelesener Bericht")
    with page.expect_response(lambda response: "/views/" in response.url) as beacon:
        page.goto(article.get_absolute_url())
    assert beacon.value.status == 204
    assert sum(ArticleViews.objects.values_list("views", flat=True)) == 1

    with page.expect_response(lambda response: "/views/" in response.url) as again:
        page.reload()  # the same reader again within ten minutes
    assert again.value.status == 204
    assert sum(ArticleViews.objects.values_list("views", flat=True)) == 1


def test_readers_in_two_browsers_move_popular_now(
    transactional_db, new_context, settings, monkeypatch
):
    """The issue's check with shorter clocks: production's buffered writing of views
    (half a second instead of VIEWS_FLUSH_SECONDS' five) and a widget refreshed every
    two seconds instead of every minute."""
    from articles.templatetags import articles as article_tags

    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.VIEWS_FLUSH_SECONDS = 0.5
    monkeypatch.setattr(article_tags, "POPULAR_SECONDS", 2)
    unread, most_read, read = (
        make_article(title) for title in ("Ungelesen", "Meistgelesen", "Einmal gelesen")
    )
    # Two people, each in their own browser and from their own address.
    first, second = (
        new_context(extra_http_headers={"X-Forwarded-For": f"203.0.113.{n}"}).new_page()
        for n in (1, 2)
    )
    first.goto("/")
    assert not first.locator(".widget-popular").count(), "nobody has read anything yet"

    for reader, article in ((first, most_read), (second, most_read), (second, read)):
        with reader.expect_response(lambda response: "/views/" in response.url) as beacon:
            reader.goto(article.get_absolute_url())
        assert beacon.value.status == 204

    deadline = time.monotonic() + 30
    ranking = []
    while time.monotonic() < deadline:
        first.goto("/")
        ranking = first.locator(".widget-popular li").all_inner_texts()
        if len(ranking) == 2:
            break
        time.sleep(0.5)
    assert len(ranking) == 2, ranking
    assert most_read.title in ranking[0] and read.title in ranking[1]
    assert unread.title not in " ".join(ranking)
