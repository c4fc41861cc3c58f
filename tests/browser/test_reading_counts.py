"""In a real browser: reading an article sends the view beacon, once per reader."""

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
